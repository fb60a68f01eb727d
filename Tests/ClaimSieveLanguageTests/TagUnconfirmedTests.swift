import ClaimSieveCore
import Testing

/// unconfirmed: explicitly not verified or not known.
@Suite("Cues: unconfirmed")
struct TagUnconfirmedTests {
    @Test(arguments: [
        "Assad’s whereabouts were [[not confirmed|unconfirmed]] as of early Sunday.",
        "The report remains [[unconfirmed|unconfirmed]].",
        "The claim [[could not be independently verified|unconfirmed]].",
        "His [[whereabouts were not known|unconfirmed]].",
        "His [[destination was not known|unconfirmed]].",
        "The cause of the blast was [[not immediately clear|unconfirmed]].",
        "The authenticity of the letter has [[yet to be confirmed|unconfirmed]].",
        "The army [[neither confirmed nor denied|unconfirmed]] the strike.",
    ])
    func unconfirmed(_ marked: String) {
        expectMarked(marked, .unverified)
    }
}
