import ClaimSieveCore
import Testing

/// hearsay: the claim rests on reports, rumours or media accounts.
@Suite("Cues: hearsay")
struct TagHearsayTests {
    @Test(arguments: [
        "The minister [[reportedly|hearsay]] resigned on Friday.",
        "The letter, [[purportedly|hearsay]] signed by the general, surfaced on Tuesday.",
        "The suspect [[allegedly|hearsay]] fired several shots.",
        "[[Reports say|hearsay]] the convoy was stopped at the border.",
        "The vessel sank near the coast, [[the reports said|hearsay]].",
        "The militants entered the city, [[according to reports|hearsay]] from inside the country.",
        "The family has been granted asylum in Moscow, [[according to Russian media|hearsay]].",
        "[[Amid reports|hearsay]] that assets have dwindled, prices rose.",
        "The singer [[is said to|hearsay]] have cancelled her tour.",
        "[[It was reported|hearsay]] that the factory had closed.",
    ])
    func hearsay(_ marked: String) {
        expectMarked(marked, .unverified)
    }

    @Test("a speech verb whose speaker is media or reports is hearsay")
    func mediaSpeaker() {
        expectMarked("Israeli media [[reported|hearsay]] that the hostages had been moved.", .unverified)
        expectMarked("State television [[said|hearsay]] the border was closed.", .unverified)
    }
}
