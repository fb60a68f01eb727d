import Foundation

/// `fetch`: reads a file's bytes, applies the size limit and recognises the format.
///
/// Walking the inputs is the runner's job (`InputWalker`, configured from these options); this
/// stage fails a document that is empty, too large, unreadable or not markup at all, with a reason
/// an operator can act on.
public struct FetchStage: Stage {
    /// What `fetch:` accepts in the pipeline file: `max_bytes` and `extensions`.
    public struct Options: StageOptions {
        /// Files larger than this fail instead of being read (default 10 MB: libxml2's tree costs
        /// about 20 times the page, so a 50 MB page once took 1.08 GB; real articles are under 2 MB).
        public var maxBytes: Int = 10_000_000
        /// File name endings taken from folders.
        public var extensions: [String] = InputWalker.defaultExtensions.sorted()

        /// The option keys as spelt in the pipeline file; any other key is an error.
        public enum CodingKeys: String, CodingKey, CaseIterable {
            case maxBytes = "max_bytes"
            case extensions
        }

        /// The defaults: 10 MB and the usual HTML and feed extensions.
        public init() {}

        /// Reads the options present and keeps the defaults for the rest.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            maxBytes = try container.decodeIfPresent(Int.self, forKey: .maxBytes) ?? maxBytes
            // libxml2 takes a 32-bit length: a larger limit would silently cut pages short.
            guard (1...2_000_000_000).contains(maxBytes) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .maxBytes, in: container, debugDescription: "must be from 1 to 2000000000 bytes, got \(maxBytes)")
            }
            extensions = try container.decodeIfPresent([String].self, forKey: .extensions) ?? extensions
        }
    }

    /// The name used in pipeline files; the first stage of every pipeline must be this one.
    public static let name = "fetch"
    /// The line `claimsieve stages` prints for this stage.
    public static let summary = "Reads each input file, applies the size limit and detects HTML, RSS, Atom or NITF."

    /// The size limit and extensions this run uses.
    public let options: Options

    /// `context` is unused: `fetch` reads the paths the runner gives it as they are.
    public init(options: Options = Options(), context: StageContext = StageContext(baseDirectory: ".")) {
        self.options = options
    }

    /// The walker that lists input files with this stage's `extensions` (compared in lower case).
    public var walker: InputWalker {
        InputWalker(extensions: Set(options.extensions.map { $0.lowercased() }))
    }

    /// Fills `raw` and `format` from `document.path`; throws `StageError` for an empty, too large, unreadable or unrecognised file.
    public func process(_ document: Document) throws -> Document {
        var document = document
        let path = document.path
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw StageError("cannot read the file: no such file or permission denied")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        if size > options.maxBytes {
            throw StageError("the file is \(Self.megabytes(size)), over the \(Self.megabytes(options.maxBytes)) limit (fetch.max_bytes)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StageError("cannot read the file (permission denied or not a regular file)")
        }
        if data.isEmpty { throw StageError("the file is empty") }
        if data.count > options.maxBytes {
            throw StageError("the file is over the \(Self.megabytes(options.maxBytes)) limit (fetch.max_bytes)")
        }
        document.format = try FormatSniffer.detect(data, path: path)
        document.raw = data
        return document
    }

    /// "12 MB", "1.5 MB", or "20000 bytes" for small sizes, where a rounded MB would read as 0.
    static func megabytes(_ bytes: Int) -> String {
        if bytes < 100_000 { return "\(bytes) bytes" }
        let value = Double(bytes) / 1_000_000
        return value >= 10 ? "\(Int(value.rounded())) MB" : String(format: "%.1f MB", value)
    }
}
