public import ClaimSieveCore

/// `clean`: parses the fetched bytes with libxml2 and keeps the main article text as blocks.
/// A feed becomes one document per item. Each document gets its language (`Metadata.language`).
public struct CleanStage: Stage {
    /// `clean` takes no options in the pipeline file.
    public typealias Options = NoOptions
    /// The name used in pipeline files and failure reasons.
    public static let name = "clean"
    /// The line `claimsieve stages` prints for this stage.
    public static let summary = "Parses HTML, RSS, Atom and NITF with libxml2 and keeps the article's text as blocks."

    /// `clean` has no options: what counts as article text is decided by the page, not by configuration.
    public init(options: Options = Options(), context: StageContext = StageContext(baseDirectory: ".")) {}

    /// Initialises libxml2 before the runner starts its worker threads, as libxml2 requires, and
    /// loads the language profiles, so a broken profiles file stops the run at start-up (naming
    /// the file and line) instead of failing every document.
    public func setUp() throws {
        LibXML.initialize()
        _ = try LanguageDetector.shipped()
    }

    /// A page's single document; for a feed, its first item only (the runner calls `expand`, which keeps them all).
    public func process(_ document: Document) throws -> Document {
        let documents = try expand(document)
        guard let first = documents.first else { throw StageError("no article found") }
        return first
    }

    /// One document per page and one per feed item, with the fetched bytes dropped so memory
    /// follows the blocks rather than the pages.
    public func expand(_ document: Document) throws -> [Document] {
        guard let data = document.raw else { throw StageError("nothing to clean: the document has no bytes (is `fetch` before `clean`?)") }
        var documents = try Extractor.extract(data, path: document.path, format: document.format)
        let languages = try LanguageDetector.shipped()
        for index in documents.indices {
            documents[index].raw = nil
            // The language as declared, unless the text clearly is in another one (see LanguageDetector).
            documents[index].metadata.language = languages.decide(
                declared: documents[index].metadata.language, blocks: documents[index].blocks)
            // Named after the input's stable identity, not the path it was read from this time.
            if document.id != document.path, documents[index].id.hasPrefix(document.path) {
                documents[index].id = document.id + documents[index].id.dropFirst(document.path.count)
            }
        }
        return documents
    }
}
