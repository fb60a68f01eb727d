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
    public var format: DocumentFormat
    public var metadata: Metadata
    public var blocks: [Block]
    public var claims: [Claim]
    /// Set when a stage failed for this document; later stages are skipped.
    public var failure: Failure?
    /// The bytes read by `fetch`. `clean` drops them so that memory follows blocks, not pages.
    public var raw: Data?

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
    public var title: String?
    public var byline: String?
    public var publisher: String?
    /// As written by the source (ISO 8601 when the source gave it so).
    public var published: String?
    public var canonicalURL: String?
    public var language: String?

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
        case title, byline, publisher, published, language
        case canonicalURL = "canonical_url"
    }
}

/// A stage's failure on one document: the run goes on without it.
public struct Failure: Sendable, Codable, Equatable, Error, CustomStringConvertible {
    public var stage: String
    public var reason: String

    public init(stage: String, reason: String) {
        self.stage = stage
        self.reason = reason
    }

    public var description: String { "\(stage): \(reason)" }
}
