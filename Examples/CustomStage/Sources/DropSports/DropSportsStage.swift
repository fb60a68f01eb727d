public import ClaimSieveCore

/// `drop-sports`: removes claims that mention a sport, so a politics desk's morning report is not
/// padded with match results.
///
/// ```yaml
/// - drop-sports                                  # the built-in word list
/// - drop-sports: {words: [cricket, darts]}       # your own list instead
/// ```
///
/// Words match whole words, case-insensitively; a phrase such as "world cup" matches those words in
/// a row. Use it after `split` (that is where claims appear).
public struct DropSportsStage: Stage {
    /// The options, decoded from the pipeline file. `CodingKeys` lists every key, so `validate`
    /// reports a misspelt one (`word:`) with its line instead of silently using the defaults.
    public struct Options: StageOptions {
        /// Words and phrases that make a claim about sports.
        public var words: [String] = [
            "football", "soccer", "tennis", "cricket", "rugby", "basketball", "baseball", "golf",
            "hockey", "olympic", "olympics", "world cup", "grand slam", "premier league",
            "championship", "goalkeeper", "striker", "stadium",
        ]

        /// Every accepted key; `validate` reports any other with its line.
        public enum CodingKeys: String, CodingKey, CaseIterable { case words }

        /// The built-in word list, for `- drop-sports` without options.
        public init() {}

        /// `words` replaces the built-in list rather than adding to it, so a desk can narrow it.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            words = try container.decodeIfPresent([String].self, forKey: .words) ?? words
        }
    }

    /// The name pipeline files use.
    public static let name = "drop-sports"
    /// The line `claimsieve-custom stages` shows.
    public static let summary = "Drops claims that mention a sport (whole words, case-insensitive)."

    /// Each phrase as its lower-case words between spaces, ready to look up in a claim.
    let phrases: [String]

    /// An empty list is refused here, so `validate` reports it rather than the stage doing nothing.
    public init(options: Options, context: StageContext) throws {
        phrases = options.words.map { " " + Self.words(in: $0).joined(separator: " ") + " " }.filter { $0 != "  " }
        guard !phrases.isEmpty else { throw StageError("`words` needs at least one word") }
    }

    /// Removes the matching claims; blocks stay, so the report still shows the article's text.
    public func process(_ document: Document) throws -> Document {
        var document = document
        document.claims.removeAll { claim in
            let text = " " + Self.words(in: claim.text).joined(separator: " ") + " "
            return phrases.contains { text.contains($0) }
        }
        return document
    }

    /// Lower-case runs of letters and digits: what "whole word" means here, without Foundation.
    static func words(in text: String) -> [String] {
        text.lowercased()
            .split { !($0.isLetter || $0.isNumber) }
            .map(String.init)
    }
}
