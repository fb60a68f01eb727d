public import Foundation

/// One article flowing through the pipeline.
///
/// A document starts as a path (`fetch` fills `raw`), becomes blocks (`clean`), then claims
/// (`split`, `tag`, `verdict`). It is a value so that a stage can never see another stage's
/// half-finished work, and `Codable` so that a stage in another language can receive it as JSON.
public struct Document: Sendable, Codable, Equatable {
    /// Unique within a run: the input path, plus `#item-N` for the N-th item of a feed.
    public var id: String
    /// The input file as it was found (relative to the working directory when given so).
    public var path: String
    /// The 1-based item number inside a feed, `nil` for a page.
    public var item: Int?
    /// Set by `fetch` from the bytes; `clean` parses by it. `.unknown` before `fetch`.
    public var format: DocumentFormat
    /// Title, byline and the like found by `clean`; all nil before it.
    public var metadata: Metadata
    /// The main text in page order, filled by `clean`; claim `block` indexes count into it.
    public var blocks: [Block]
    /// Filled by `split` and annotated by `tag` and `verdict`, in text order.
    public var claims: [Claim]
    /// Set when a stage failed for this document; later stages are skipped.
    public var failure: Failure?
    /// The bytes read by `fetch`. `clean` drops them so that memory follows blocks, not pages.
    public var raw: Data?

    /// Only `id` and `path` are needed; the stages fill in the rest.
    public init(
        id: String, path: String, item: Int? = nil, format: DocumentFormat = .unknown,
        metadata: Metadata = Metadata(), blocks: [Block] = [], claims: [Claim] = [],
        failure: Failure? = nil, raw: Data? = nil
    ) {
        self.id = id
        self.path = path
        self.item = item
        self.format = format
        self.metadata = metadata
        self.blocks = blocks
        self.claims = claims
        self.failure = failure
        self.raw = raw
    }
}

/// What `fetch` recognised the bytes to be.
public enum DocumentFormat: String, Sendable, Codable, CaseIterable {
    case html, rss, atom, nitf, xml, unknown
}

/// Facts about the article, not claims made by it.
public struct Metadata: Sendable, Codable, Equatable {
    /// The article's headline (or feed item title), nil when the page has none.
    public var title: String?
    /// The author line as written, nil when not found.
    public var byline: String?
    /// The outlet's name (e.g. from `og:site_name`), nil when not found.
    public var publisher: String?
    /// As written by the source (ISO 8601 when the source gave it so).
    public var published: String?
    /// The article's canonical address, the `url` of `claims.jsonl`; nil when not found.
    public var canonicalURL: String?
    /// The document's language as an ISO 639-1 code ("en", "de"): as the page or feed declares
    /// it, or as `clean` detects it from the text when undeclared or clearly wrong (see
    /// `LanguageDetector`); nil when neither tells. `tag` picks the lexicon by it.
    public var language: String?
    /// The copyright holder a copyright line names ("Copyright @ 2019 The New Arab." gives
    /// "The New Arab"), kept because the line itself is furniture and never a claim.
    public var copyright: String?

    /// Every field is optional: pages and feeds provide different subsets.
    public init(
        title: String? = nil, byline: String? = nil, publisher: String? = nil,
        published: String? = nil, canonicalURL: String? = nil, language: String? = nil
    ) {
        self.title = title
        self.byline = byline
        self.publisher = publisher
        self.published = published
        self.canonicalURL = canonicalURL
        self.language = language
    }

    enum CodingKeys: String, CodingKey {
        case title, byline, publisher, published, language, copyright
        case canonicalURL = "canonical_url"
    }
}

/// A stage's failure on one document: the run goes on without it.
public struct Failure: Sendable, Codable, Equatable, Error, CustomStringConvertible {
    /// The name of the stage that failed, e.g. "fetch" or a command stage's name.
    public var stage: String
    /// Why, in words for the editor (listed in the report and `summary.json`).
    public var reason: String

    /// Throw one from a stage, or set it on a document, to fail that document only.
    public init(stage: String, reason: String) {
        self.stage = stage
        self.reason = reason
    }

    /// `stage: reason`, as printed on standard error.
    public var description: String { "\(stage): \(reason)" }
}
