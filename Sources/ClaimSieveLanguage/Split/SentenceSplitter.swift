/// Splits text into sentences with rules and word lists kept as data
/// (`pipelines/lexicons/en-splitter.yml`), so that an abbreviation or a bullet is added by
/// editing a list, not Swift.
///
/// The splitter reads UTF-8 bytes in one pass (see `BoundaryScanner` for the rules and where
/// each one lives); it is a value, safe to share between workers, and built once per run because
/// compiling the word lists is the expensive part.
public struct SentenceSplitter: Sendable {
    /// Choices that depend on where the text comes from, not on the language.
    public struct Options: Sendable {
        /// Rule 40 of the Golden Rules: in text extracted from PDF a line break inside a sentence
        /// is layout, not structure, so it is joined with a space.
        public var joinLineBreaks: Bool
        /// A rules file to use instead of the shipped `lexicons/en-splitter.yml` (a team's own
        /// abbreviations, or another language's lists).
        public var rulesPath: String?

        /// Defaults suit article text: line breaks end sentences, shipped English rules.
        public init(joinLineBreaks: Bool = false, rulesPath: String? = nil) {
            self.joinLineBreaks = joinLineBreaks
            self.rulesPath = rulesPath
        }
    }

    /// The options the splitter was built with.
    public let options: Options
    /// The rules as loaded, so that the `split` stage can build its non-claim classifier from the
    /// same file without reading it twice.
    public let rules: SplitterRules
    let lexicon: SplitterLexicon

    /// Loads the rules file named in `options` (or the shipped one); throws when it is missing or
    /// malformed, so that a bad edit stops the run at start-up instead of mis-splitting all night.
    public init(options: Options = Options()) throws {
        try self.init(rules: SplitterRules.load(path: options.rulesPath), options: options)
    }

    /// Builds a splitter from rules already in memory (tests, or rules assembled in code).
    public init(rules: SplitterRules, options: Options = Options()) {
        self.options = options
        self.rules = rules
        lexicon = SplitterLexicon(rules)
    }

    /// The sentences of `text`, trimmed, in order; blank input gives no sentence.
    public func split(_ text: String) -> [String] {
        withBytes(of: text) { bytes in
            var scanner = BoundaryScanner(bytes, lexicon: lexicon, joinLineBreaks: options.joinLineBreaks)
            _ = scanner.scan()
            return scanner.sentences()
        }
    }

    /// The sentences as UTF-8 byte ranges of `text` (trimmed), for callers that need offsets
    /// into the original text rather than copies. Kept line breaks are not folded here.
    public func sentenceRanges(_ text: String) -> [Range<Int>] {
        withBytes(of: text) { bytes in
            var scanner = BoundaryScanner(bytes, lexicon: lexicon, joinLineBreaks: options.joinLineBreaks)
            _ = scanner.scan()
            return scanner.ranges()
        }
    }

    private func withBytes<R>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        let copy = Array(text.utf8)
        return copy.withUnsafeBufferPointer(body)
    }
}
