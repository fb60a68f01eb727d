public import ClaimSieveCore
public import Foundation

/// Entry point of extraction: bytes in, documents with metadata and blocks out.
///
/// One call parses, extracts and frees its libxml2 tree on the calling thread, so workers can
/// call it concurrently without sharing any parser state.
public enum Extractor {
    /// Extracts one document per page, one per item of a feed. `path` names the documents (a feed's
    /// items are `<path>#item-N`), so ids stay stable across runs for the same input.
    /// `furniture` is the lexicon whose blocks at the edges of a page's body are dropped (the
    /// shipped one by default; nil keeps them, to measure what the furniture filter removes).
    public static func extract(_ data: Data, path: String, format: DocumentFormat,
                               furniture: FurnitureMatcher? = FurnitureMatcher.shipped) throws -> [Document] {
        guard !data.isEmpty else { throw StageError("empty document: no bytes to extract text from") }
        try rejectBinary(data)
        var resolved = format
        if resolved == .unknown { resolved = try FormatSniffer.detect(data, path: path) }
        switch resolved {
        case .rss, .atom, .nitf, .xml:
            return try FeedExtractor.extract(data, path: path, format: resolved)
        case .html, .unknown:
            let article = try HTMLExtractor.extract(data, path: path, furniture: furniture)
            return [Document(id: path, path: path, format: .html, metadata: article.metadata, blocks: article.blocks)]
        }
    }

    /// A file named `.html` can be an image or an archive; libxml2's recovering parser would turn
    /// it into nonsense text, so binary bytes are refused before parsing.
    static func rejectBinary(_ data: Data) throws {
        let binary = data.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return false }
            let count = min(raw.count, 4096)
            if count >= 2 && (raw[0] == 0xFF && raw[1] == 0xFE || raw[0] == 0xFE && raw[1] == 0xFF) { return false }
            return memchr(base, 0, count) != nil
        }
        if binary {
            throw StageError("not HTML or XML: the file is binary (NUL bytes in its first 4 KB)")
        }
    }

    /// The article body alone (no headline block, no captions) with its metadata: what an
    /// article-extraction benchmark calls `articleBody`, so evaluation measures the body and not
    /// the title or the photo credits.
    public static func articleBody(_ data: Data, path: String) throws -> (metadata: Metadata, body: [Block]) {
        let article = try HTMLExtractor.extract(data, path: path)
        return (article.metadata, article.body.filter { $0.kind != .caption })
    }
}
