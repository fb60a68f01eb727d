import ClaimSieveCore
import Testing

/// denial: a named denial is attributed, an unnamed one unverified.
@Suite("Cues: denial")
struct TagDenialTests {
    @Test(arguments: [
        "The ministry [[denied|denial]] that its troops had crossed the border.",
        "The company [[rejected the claims|denial]] as baseless.",
        "Microsoft [[rejected the claim|denial]] that it had shared user data.",
        "The Kremlin [[dismissed the reports|denial]] as fake.",
        "The governor [[called the accusations false|denial]].",
    ])
    func namedDenial(_ marked: String) {
        expectMarked(marked, .attributed)
    }

    @Test("an unnamed denial is unverified")
    func unnamedDenial() {
        expectMarked("Officials [[denied|denial]] the report.", .unverified)
    }
}
