/// The speaker's whole mention in the claim's text, as the attribution model marks it around the
/// speaker's name: "Ryan Ellis, a Republican tax consultant" beside the speaker "Ryan Ellis",
/// "Police officials" beside "officials". It tells an editor who the speaker is (PolNeAR's source
/// spans mark the same), while `Source.text` stays the name the verdict and context rules use.
public struct SourceMention: Sendable, Codable, Equatable {
    /// Exactly the bytes `start..<end` of the claim's text.
    public var text: String
    /// UTF-8 byte offset into the claim's text, inclusive.
    public var start: Int
    /// UTF-8 byte offset into the claim's text, exclusive.
    public var end: Int

    /// Offsets are UTF-8 bytes into the claim's text, end exclusive.
    public init(text: String, start: Int, end: Int) {
        self.text = text
        self.start = start
        self.end = end
    }
}
