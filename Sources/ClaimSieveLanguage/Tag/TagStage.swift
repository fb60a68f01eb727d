public import ClaimSieveCore

/// `tag`: finds cue spans and the source of every claim, then applies the document's context.
///
/// Each language the pipeline names has its own lexicon (and models); a document is tagged with
/// the one for its language (`Metadata.language`, set by `clean`). A document in a language
/// with no lexicon is not tagged: its claims are marked `not_judged` with the language named, so
/// that hedges the English lexicon cannot see never pass for confirmed facts.
///
/// The lexicons are compiled once when the stage is built, so a malformed lexicon fails the run
/// at start-up with the file and phrase at fault instead of failing every document.
public struct TagStage: Stage {
    /// The stage's entry in a pipeline file.
    ///
    /// ```yaml
    /// - tag:
    ///     languages:
    ///       en: { lexicons: [lexicons/en.yml] }
    ///       de: { lexicons: [lexicons/de.yml], models: [] }
    /// ```
    /// `lexicons`, `models` and `model_cues` at the top level are English's (the syntax before
    /// languages existed), unless `languages` names `en` itself.
    public struct Options: StageOptions {
        /// Lexicon files, relative to the pipeline file, loaded in order (a later file adds cues,
        /// one with `replace: true` starts over); empty means the built-in `lexicons/en.yml`.
        public var lexicons: [String] = []
        /// Learned tagger files (`models/*.model`), relative to the pipeline file; nil (the key
        /// absent) means the built-in models, an empty list means the lexicon alone.
        public var models: [String]?
        /// Which cues the models add of their own (`"by": "model"`) besides naming speakers the
        /// lexicon could not find: `off` (the default), `speech`, `all`; `true` is `all` and
        /// `false` is `off` (see `ModelCues`).
        public var modelCues = ModelCues.default
        /// Lexicons and models per language code ("de"); nil (the key absent) means English only.
        public var languages: [String: LanguageOptions]?
        /// Every accepted key, so a misspelt option is an error with its line.
        public enum CodingKeys: String, CodingKey, CaseIterable {
            case lexicons, models, languages
            case modelCues = "model_cues"
        }
        /// No lexicons listed: the built-in English lexicon.
        public init() {}
        /// Reads the `tag:` entry of a pipeline file.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            lexicons = try container.decodeIfPresent([String].self, forKey: .lexicons) ?? []
            models = try container.decodeIfPresent([String].self, forKey: .models)
            if let flag = try? container.decodeIfPresent(Bool.self, forKey: .modelCues) {
                modelCues = flag ? .all : .off
            } else if let name = try container.decodeIfPresent(String.self, forKey: .modelCues) {
                guard let mode = ModelCues(rawValue: name) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .modelCues, in: container,
                        debugDescription: "model_cues is one of \(ModelCues.allCases.map(\.rawValue).joined(separator: ", ")), or true (all) / false (off); found '\(name)'")
                }
                modelCues = mode
            }
            languages = try container.decodeIfPresent([String: LanguageOptions].self, forKey: .languages)
            if let languages, languages["en"] != nil, !lexicons.isEmpty || models != nil {
                throw DecodingError.dataCorruptedError(
                    forKey: .languages, in: container,
                    debugDescription: "English is given twice: `lexicons`/`models` at the top level are English's; move them under `languages: en:`")
            }
            for code in languages?.keys.sorted() ?? [] where !Self.isLanguageCode(code) {
                throw DecodingError.dataCorruptedError(
                    forKey: .languages, in: container,
                    debugDescription: "a language is named by its ISO 639-1 code in lower case (en, de, fr); found '\(code)'")
            }
        }

        static func isLanguageCode(_ code: String) -> Bool {
            (2...3).contains(code.utf8.count) && code.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
        }
    }

    /// What one language's entry under `languages:` holds.
    public struct LanguageOptions: Sendable, Codable, Equatable {
        /// Lexicon files for this language, relative to the pipeline file; at least one (English
        /// may leave it empty for the built-in `lexicons/en.yml`).
        public var lexicons: [String] = []
        /// Model files; nil means the built-in models for English and none for other languages
        /// (the shipped models are trained on English).
        public var models: [String]?

        /// A language with these files.
        public init(lexicons: [String] = [], models: [String]? = nil) {
            self.lexicons = lexicons
            self.models = models
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case lexicons, models }

        /// Reads one language's entry; an unknown key is an error naming the valid ones.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let known = Set(CodingKeys.allCases.map(\.rawValue))
            if let unknown = try decoder.container(keyedBy: AnyKey.self).allKeys.first(where: { !known.contains($0.stringValue) }) {
                throw DecodingError.dataCorruptedError(
                    forKey: unknown, in: try decoder.container(keyedBy: AnyKey.self),
                    debugDescription: "unknown key '\(unknown.stringValue)' for a language; valid keys: lexicons, models")
            }
            lexicons = try container.decodeIfPresent([String].self, forKey: .lexicons) ?? []
            models = try container.decodeIfPresent([String].self, forKey: .models)
        }

        private struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }

    /// The name in pipeline files: `- tag`.
    public static let name = "tag"
    /// Shown by `claimsieve stages`.
    public static let summary = "Finds uncertainty cues and sources with the lexicon (data, not code) and models of the document's language."

    /// The English tagger (always configured: the built-in lexicon when the file names none):
    /// what `tag(_:)` uses, and documents whose language is unknown.
    public let tagger: CueTagger
    /// One compiled tagger per language code, shared by all workers.
    public let taggers: [String: CueTagger]
    /// Names languages in the reason of a claim not judged ("German (de)").
    private let languageNames: LanguageDetector?

    /// Loads and compiles the lexicons named by the pipeline file, one tagger per language.
    public init(options: Options = Options(), context: StageContext = StageContext(baseDirectory: ".")) throws {
        let languageNames = try? LanguageDetector.shipped()
        var perLanguage: [String: LanguageOptions] = [:]
        for (code, language) in options.languages ?? [:] {
            // As `clean` names languages: "no" and "nn" are Norwegian's "nb".
            perLanguage[languageNames?.normalize(code) ?? code] = language
        }
        if perLanguage["en"] == nil {
            perLanguage["en"] = LanguageOptions(lexicons: options.lexicons, models: options.models)
        }
        var taggers: [String: CueTagger] = [:]
        for (code, language) in perLanguage {
            if code != "en" && language.lexicons.isEmpty {
                throw StageError("`languages: \(code):` names no lexicons; the built-in lexicon is English")
            }
            let models = try language.models.map {
                try TaggerModels.load(paths: $0.map { context.resolve($0) }, cues: options.modelCues)
            }
            taggers[code] = try CueTagger(
                lexiconPaths: language.lexicons.map { context.resolve($0) },
                models: models ?? (code == "en" ? TaggerModels.builtIn(cues: options.modelCues) : TaggerModels()))
        }
        self.taggers = taggers
        tagger = taggers["en"]!
        self.languageNames = languageNames
    }

    /// Uses an already compiled tagger for English (tests, `SentenceAnalyzer`).
    public init(tagger: CueTagger) {
        self.tagger = tagger
        taggers = ["en": tagger]
        languageNames = nil
    }

    /// Tags the claims of one document together, so context rules see their neighbours. A
    /// document whose language is not known is tagged as English when English is configured.
    public func process(_ document: Document) throws -> Document {
        var document = document
        let code = document.metadata.language ?? "en"
        if let tagger = taggers[code] {
            tag(&document.claims, with: tagger)
        } else {
            let reason = "not judged: no lexicon for \(languageNames?.describe(code) ?? code) in this pipeline"
            for index in document.claims.indices {
                document.claims[index].cues = []
                document.claims[index].source = nil
                document.claims[index].verdict = .notJudged
                document.claims[index].score = 0
                document.claims[index].context = reason
            }
        }
        return document
    }

    /// Tags claims that form one document, in order, with the English tagger.
    public func tag(_ claims: inout [Claim]) {
        tag(&claims, with: tagger)
    }

    /// Tags claims that form one document, in order, with `tagger`.
    func tag(_ claims: inout [Claim], with tagger: CueTagger) {
        var tagged: [TaggedSentence] = []
        tagged.reserveCapacity(claims.count)
        var insideQuotation = false
        for index in claims.indices {
            let paragraphStart = index == 0 || claims[index - 1].block != claims[index].block || claims[index].isHeadline
            if paragraphStart { insideQuotation = false }
            let sentence = tagger.tag(
                claims[index].text, context: SentenceContext(paragraphStart: paragraphStart, insideQuotation: insideQuotation))
            insideQuotation = sentence.endsInsideQuotation
            tagged.append(sentence)
        }
        DocumentContext.apply(tagged, to: &claims, nameWords: tagger.quotationNameWords)
    }
}
