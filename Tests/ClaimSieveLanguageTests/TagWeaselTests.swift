import ClaimSieveCore
import Testing

/// weasel: vague, unattributed authority.
@Suite("Cues: weasel words")
struct TagWeaselTests {
    @Test(arguments: [
        "[[Some say|weasel]] the reform went too far.",
        "[[Many believe|weasel]] the vote was decided in advance.",
        "[[Critics argue|weasel]] that the law will silence journalists.",
        "[[It is widely believed|weasel]] that the treaty will fail.",
        "The policy [[is widely regarded|weasel]] as a failure.",
        "The painting [[is considered|weasel]] one of the finest of its era.",
        "[[Some scholars believe|weasel]] the manuscript is older.",
    ])
    func weasel(_ marked: String) {
        expectMarked(marked, .unverified)
    }
}
