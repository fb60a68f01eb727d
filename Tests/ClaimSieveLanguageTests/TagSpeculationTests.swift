import ClaimSieveCore
import Testing

/// speculation: may, might, could, likely, expected, believed, if, whether.
@Suite("Cues: speculation")
struct TagSpeculationTests {
    @Test(arguments: [
        "The storm [[may|speculation]] reach the coast by Thursday.",
        "Prices [[might|speculation]] rise again.",
        "The decision [[could|speculation]] delay the project.",
        "Allies are embroiled in conflicts, [[potentially|speculation]] straining their support.",
        "The rules are [[likely|speculation]] to hit farmers hardest.",
        "The fire [[appears to|speculation]] have started in the basement.",
        "The suspect [[is believed|speculation]] to have crossed the border.",
        "The merger [[is expected|speculation]] to close in the third quarter.",
        "[[If|speculation]] the talks fail, the strike will resume.",
        "Nobody knows [[whether|speculation]] the coalition will survive.",
    ])
    func speculation(_ marked: String) {
        expectMarked(marked, .unverified)
    }
}
