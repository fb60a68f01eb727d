/// Splits text into sentences. (Stub: to be replaced by the rule-driven splitter.)
public struct SentenceSplitter: Sendable {
    public struct Options: Sendable {
        /// Rule 40 of the Golden Rules: a line break inside a sentence is joined with a space.
        public var joinLineBreaks: Bool
        public init(joinLineBreaks: Bool = false) { self.joinLineBreaks = joinLineBreaks }
    }

    public var options: Options

    public init(options: Options = Options()) throws {
        self.options = options
    }

    public func split(_ text: String) -> [String] {
        text.split(separator: ". ").map { String($0) }
    }
}
