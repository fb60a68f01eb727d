public import ClaimSieveCore
public import Foundation

/// Entry point of extraction: bytes in, documents with metadata and blocks out.
/// (Stub: to be replaced by the real libxml2 extraction.)
public enum Extractor {
    /// Extracts one document per page, one per item of a feed. `path` names the documents.
    public static func extract(_ data: Data, path: String, format: DocumentFormat) throws -> [Document] {
        throw StageError("extraction not implemented yet")
    }
}
