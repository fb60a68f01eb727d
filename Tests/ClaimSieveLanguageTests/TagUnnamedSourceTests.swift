import ClaimSieveCore
import Testing

/// unnamed_source: someone speaks, but not by name.
@Suite("Cues: unnamed sources")
struct TagUnnamedSourceTests {
    @Test(arguments: [
        "The fighting has forced thousands to flee, [[a security source told|unnamed_source]] the paper.",
        "The terror group is finished, [[a U.S.-based security source told|unnamed_source]] Soldier of Fortune.",
        "[[Officials said|unnamed_source]] the road would stay closed.",
        "[[Sources familiar with|unnamed_source]] the talks [[said|unnamed_source]] both sides had moved.",
        "[[Experts have|unnamed_source]] [[said|unnamed_source]] the fall of the regime is a setback.",
        "“Hezbollah has been pushed to the wall,” [[the source said|unnamed_source]].",
        "[[People familiar with|unnamed_source]] the matter [[said|unnamed_source]] a sale was planned.",
    ])
    func unnamedSource(_ marked: String) {
        expectMarked(marked, .unverified)
    }

    @Test("anonymity and generic speakers")
    func anonymityAndGenericSpeakers() {
        expectMarked(
            "A diplomat who spoke [[on condition of anonymity|unnamed_source]] [[said|unnamed_source]] the embassy closed.",
            .unverified)
        expectMarked("Witnesses [[said|unnamed_source]] the car drove into the crowd.", .unverified)
        expectMarked(
            "An aide [[who did not wish to be named|unnamed_source]] [[said|unnamed_source]] the vote would be delayed.",
            .unverified)
        expectMarked("Western [[diplomats said|unnamed_source]] the sanctions were under review.", .unverified)
        expectMarked("[[Experts have|unnamed_source]] linked the outbreak to a well.", .unverified)
    }
}
