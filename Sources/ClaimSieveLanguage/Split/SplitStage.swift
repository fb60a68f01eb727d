public import ClaimSieveCore

/// `split`: blocks into sentences into claims; headings of furniture and calls to action are dropped.
///
/// What becomes a claim:
/// - The document's first heading block is the headline: one claim, kept whole (a headline is
///   not split), flagged `isHeadline`, because the verdict stage lets it inherit a hedge from the
///   body.
/// - Other headings are claims only when they read as a sentence (final `.`/`!`/`?`, or at least
///   four words with a verb: "Russia Says It Will Keep Its Bases"); section titles such as
///   "Setback For Russia" are not. A paragraph that is really such a title is dropped too.
/// - Paragraphs, quotes and list items are split into sentences; each sentence is a claim unless
///   `NonClaimClassifier` recognises it (calls to action, update lines, bylines, credits,
///   sourcing footers, a lone dateline). A dateline opening a block is stripped from its claim.
/// - Captions and tables are never claims: they describe pictures and data, not events.
///
/// A claim keeps the index of its block and of its sentence in the block (as split, before
/// non-claims are dropped), so that the numbers point at the same text in `extract` output.
///
/// The splitter rules follow the document's language (`Document.metadata.language`, primary
/// subtag): `lexicons/de-splitter.yml` for German, the English rules for every document without a
/// language or in a language without a file (`SplitStage.shippedRules`, `rules:` in the pipeline).
public struct SplitStage: Stage {
    /// Options of the `split` entry in a pipeline file.
    public struct Options: StageOptions {
        /// A rules file instead of the shipped `lexicons/en-splitter.yml`, relative to the
        /// pipeline file: the rules of English and of every language without its own file.
        public var rules: String?
        /// Rules files per language (`rules: { en: lexicons/en-splitter.yml, de: lexicons/de-splitter.yml }`),
        /// keyed by the primary language subtag ("de" serves "de-AT"). They add to the shipped
        /// files (`SplitStage.shippedRules`) and replace them language by language.
        public var languageRules: [String: String]
        /// Join single line breaks inside sentences (text that came from PDF).
        public var joinLineBreaks: Bool
        /// A furniture lexicon instead of the shipped `lexicons/en-furniture.yml`, relative to
        /// the pipeline file.
        public var furniture: String?

        /// Keys of the pipeline file; a misspelt key is an error, not a silent default.
        public enum CodingKeys: String, CodingKey, CaseIterable {
            case rules
            case joinLineBreaks = "join_line_breaks"
            case furniture
        }

        /// The shipped rules; line breaks end sentences.
        public init() {
            rules = nil
            languageRules = [:]
            joinLineBreaks = false
            furniture = nil
        }

        /// Options given in code (tests, a team's own executable).
        public init(rules: String? = nil, languageRules: [String: String] = [:], joinLineBreaks: Bool = false, furniture: String? = nil) {
            self.rules = rules
            self.languageRules = languageRules
            self.joinLineBreaks = joinLineBreaks
            self.furniture = furniture
        }

        /// Reads the options from the pipeline file; absent keys keep their defaults. `rules` is
        /// one file (English and the default) or a mapping from language to file.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let map = try? c.decodeIfPresent([String: String].self, forKey: .rules) {
                rules = map[SplitStage.defaultLanguage]
                languageRules = Dictionary(uniqueKeysWithValues: map.map { (SplitStage.primaryLanguage($0.key) ?? $0.key, $0.value) })
                guard languageRules.count == map.count else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .rules, in: c, debugDescription: "rules names the same language twice")
                }
            } else {
                rules = try c.decodeIfPresent(String.self, forKey: .rules)
                languageRules = [:]
            }
            joinLineBreaks = try c.decodeIfPresent(Bool.self, forKey: .joinLineBreaks) ?? false
            furniture = try c.decodeIfPresent(String.self, forKey: .furniture)
        }
    }

    /// The stage's name in pipeline files.
    public static let name = "split"
    /// One line for `claimsieve stages`.
    public static let summary = "Splits blocks into sentences and sentences into claims; drops non-claims."

    /// The language whose rules serve documents of no language or of a language without rules.
    public static let defaultLanguage = "en"
    /// The splitter files that ship with ClaimSieve, by language (found through `DataFiles`). A
    /// language is added by writing its file (see `pipelines/lexicons/de-splitter.yml`) and a
    /// line here or under `rules:` in the pipeline file.
    public static let shippedRules: [String: String] = [
        "en": "lexicons/en-splitter.yml",
        "de": "lexicons/de-splitter.yml",
    ]

    /// The English (default) splitter, for callers that want the same sentences the stage sees.
    public let splitter: SentenceSplitter
    /// The English (default) non-claim patterns, loaded from the same rules file as the splitter.
    public let classifier: NonClaimClassifier
    /// Splitter and non-claim patterns per language other than the default.
    private let languages: [String: (splitter: SentenceSplitter, classifier: NonClaimClassifier)]

    /// Loads the rules once per run; a missing or malformed rules file fails the run at start-up.
    public init(options: Options = Options(), context: StageContext = StageContext(baseDirectory: ".")) throws {
        let path = (options.languageRules[Self.defaultLanguage] ?? options.rules).map { context.resolve($0) }
        splitter = try SentenceSplitter(options: .init(joinLineBreaks: options.joinLineBreaks, rulesPath: path))
        // One furniture matcher for every language: its kinds are English phrases, which do no
        // harm in another language's text. The shipped lexicon's is the one extraction already
        // built (loading and compiling it again cost 1% of a run on the benchmark pages).
        let matcher: FurnitureMatcher
        if let path = options.furniture {
            matcher = FurnitureMatcher(lexicon: try FurnitureLexicon.load(path: context.resolve(path)))
        } else if let shipped = FurnitureMatcher.shipped {
            matcher = shipped
        } else {
            matcher = FurnitureMatcher(lexicon: try FurnitureLexicon.load())
        }
        classifier = NonClaimClassifier(rules: splitter.rules, furniture: matcher)
        var languages: [String: (splitter: SentenceSplitter, classifier: NonClaimClassifier)] = [:]
        for language in Set(Self.shippedRules.keys).union(options.languageRules.keys).sorted() where language != Self.defaultLanguage {
            let file: String
            if let given = options.languageRules[language] {
                file = context.resolve(given)
            } else if let shipped = Self.shippedRules[language], let found = DataFiles.locate(shipped) {
                file = found
            } else {
                throw SplitterRulesError(
                    "cannot find \(Self.shippedRules[language] ?? language) (the \(language) splitter rules); looked in: "
                        + DataFiles.candidates(for: Self.shippedRules[language] ?? language).joined(separator: ", "))
            }
            let languageSplitter = try SentenceSplitter(options: .init(joinLineBreaks: options.joinLineBreaks, rulesPath: file))
            languages[language] = (languageSplitter, NonClaimClassifier(rules: languageSplitter.rules, furniture: matcher))
        }
        self.languages = languages
    }

    /// "de-AT" -> "de", "EN_us" -> "en"; `nil` for no tag or an empty one.
    public static func primaryLanguage(_ tag: String?) -> String? {
        guard let tag, let first = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first, !first.isEmpty else { return nil }
        return first.lowercased()
    }

    /// The languages with their own rules, the default first.
    public var ruleLanguages: [String] { [Self.defaultLanguage] + languages.keys.sorted() }

    /// The splitter for a document's language (`Document.metadata.language`); English when the language
    /// is unknown or has no rules.
    public func splitter(for language: String?) -> SentenceSplitter {
        Self.primaryLanguage(language).flatMap { languages[$0]?.splitter } ?? splitter
    }

    /// Replaces the document's claims with those of its blocks, with stable ids; the rules are
    /// those of the document's language.
    public func process(_ document: Document) throws -> Document {
        var document = document
        document.claims = claims(of: document.blocks, language: document.metadata.language)
        ClaimID.assign(to: &document.claims, document: document.id)
        return document
    }

    /// The claims of `blocks` split with English (default) rules, without ids.
    public func claims(of blocks: [Block]) -> [Claim] {
        claims(of: blocks, language: nil)
    }

    /// The claims of `blocks` in `language` (a BCP 47 tag or `nil`), without ids.
    public func claims(of blocks: [Block], language: String?) -> [Claim] {
        let rules = Self.primaryLanguage(language).flatMap { languages[$0] } ?? (splitter, classifier)
        let splitter = rules.splitter
        let classifier = rules.classifier
        var claims: [Claim] = []
        // Growing the array of large `Claim`s copied them 3% of the stage; two claims a block was
        // too few for the pages with long paragraphs (220 regrowths on 181 pages, 13 M
        // instructions), so the text's length counts too: a sentence has 80 bytes or more.
        let textBytes = blocks.reduce(0) { $0 + $1.text.utf8.count }
        claims.reserveCapacity(max(blocks.count * 2, textBytes / 80))
        let headline = blocks.firstIndex { $0.kind == .heading }
        let bodyCount = blocks.count - (headline == nil ? 0 : 1)
        for (blockIndex, block) in blocks.enumerated() {
            // Where the block stands in the body (the headline is not counted): furniture kinds
            // limited to the edges (bylines, author bios, paywall cut-offs) only apply there.
            let bodyIndex = blockIndex - ((headline ?? blockIndex) < blockIndex ? 1 : 0)
            let edge = classifier.furniture?.edges(block: bodyIndex, of: bodyCount) ?? (start: false, end: false)
            switch block.kind {
            case .caption, .table:
                continue
            case .heading:
                let text = Self.foldWhitespace(block.text)
                guard !text.isEmpty else { continue }
                if blockIndex == headline {
                    claims.append(Claim(id: "", block: blockIndex, sentence: 0, text: text, isHeadline: true))
                } else if classifier.readsAsSentence(text), classifier.isClaim(text) {
                    claims.append(Claim(id: "", block: blockIndex, sentence: 0, text: text))
                }
            case .paragraph, .quote, .listItem:
                let sentences = splitter.split(block.text)
                if sentences.count == 1, classifier.looksLikeSectionHeading(sentences[0]) { continue }
                for (sentenceIndex, sentence) in sentences.enumerated() {
                    var text = sentence
                    if sentenceIndex == 0 {
                        text = classifier.dateline.strip(text)
                        if text.isEmpty { continue }
                    }
                    guard classifier.isClaim(text, atStart: edge.start, atEnd: edge.end) else { continue }
                    claims.append(Claim(id: "", block: blockIndex, sentence: sentenceIndex, text: text))
                }
            }
        }
        return claims
    }

    /// Headings may carry the page's line breaks and double spaces; the claim text should not.
    static func foldWhitespace(_ text: String) -> String {
        SimpleWords.foldedWhitespace(text) ?? text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
