/// What one document may cost: `limits:` in the pipeline file. A document over a limit fails
/// alone, with a reason naming the limit; the run goes on. The defaults keep a 2-core, 4 GB
/// machine safe with `--jobs 2` on any input (see the README for the measured bound).
///
/// ```yaml
/// limits:
///   document_seconds: 60       # a document still in its stages after this fails (the watchdog)
///   text_bytes: 5000000        # article text after `clean`
///   claims_per_document: 20000 # claims after any stage
/// ```
public struct DocumentLimits: Sendable, Equatable {
    /// Wall-clock seconds one input may spend in the stages; the watchdog then fails its
    /// documents and the run goes on without waiting for it.
    public var documentSeconds: Double = 60
    /// Bytes of article text (all blocks) one document may have after `clean`: splitting and
    /// tagging cost memory in proportion to it (200 000 sentences once took 491 MB).
    public var textBytes: Int = 5_000_000
    /// Claims one document may have after any stage.
    public var claimsPerDocument: Int = 20_000

    /// The keys `limits:` may have.
    public static let keys = ["document_seconds", "text_bytes", "claims_per_document"]

    /// The defaults.
    public init() {}

    /// Limits of your own (tests, embedding).
    public init(documentSeconds: Double = 60, textBytes: Int = 5_000_000, claimsPerDocument: Int = 20_000) {
        self.documentSeconds = documentSeconds
        self.textBytes = textBytes
        self.claimsPerDocument = claimsPerDocument
    }

    /// The reason a document over a limit fails with, or nil when it is within them all.
    func violation(_ document: Document, after stage: String) -> String? {
        if document.claims.count > claimsPerDocument {
            return "the document has \(document.claims.count) claims after \(stage), over the limit of \(claimsPerDocument) (limits.claims_per_document)"
        }
        var text = 0
        for block in document.blocks { text += block.text.utf8.count }
        if text > textBytes {
            return "the document has \(text) bytes of text after \(stage), over the limit of \(textBytes) (limits.text_bytes)"
        }
        return nil
    }
}
