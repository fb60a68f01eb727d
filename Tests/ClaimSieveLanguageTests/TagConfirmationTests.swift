import ClaimSieveCore
import Testing

/// confirmation: explicitly confirmed or verified; with nothing weaker it is `confirmed`.
@Suite("Cues: confirmation")
struct TagConfirmationTests {
    @Test(arguments: [
        "The ministry [[confirmed|confirmation]] that 12 people died.",
        "The results were [[officially announced|confirmation]] on Sunday night.",
        "The identity of the victim [[was verified|confirmation]] by forensic experts."
        ,"The DNA sample, [[verified by|confirmation]] a second laboratory, matched.",
        "NASA [[confirmed|confirmation]] that the probe had entered orbit.",
        "The figures [[have been verified|confirmation]] by auditors.",
    ])
    func confirmation(_ marked: String) {
        expectMarked(marked, .confirmed)
    }

    @Test("a confirmation by an unnamed source is not enough")
    func unnamedConfirmation() {
        expectMarked("Two officials, [[who asked not to be named|unnamed_source]], [[confirmed|confirmation]] the arrests.", .unverified)
    }
}
