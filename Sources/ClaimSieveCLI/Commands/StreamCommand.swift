import ArgumentParser
import ClaimSieveCore
import ClaimSieveReports
import Foundation

/// `claimsieve stream`: JSON Lines in, claims as JSON Lines out, for data engines that drive a
/// program over standard input and output (Spark's `RDD.pipe`, Hadoop Streaming, a queue consumer).
struct StreamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Reads inputs as JSON Lines on standard input and writes their claims as JSON Lines on standard output.",
        discussion: """
        Each input line is one of:
          "path/to/page.html"                          a file, named as when given to `run`
          {"path": "/data/pages/a/b.html", "root": "/data/pages"}
                                                       a file named as `run /data/pages` names it (pages/a/b.html)
          {"path": "...", "id": "name"}                a file under a name of your own
          {"id": "pages/a/b.html", "base64": "PGh0bWw+..."}
                                                       a document's bytes (the id's extension helps tell feeds)

        Each claim is written as its claims.jsonl line (without `corroboration`, which needs the \
        whole run), in input order. A document that fails gives {"doc": ..., "error": ..., \
        "stage": ...}; a line that cannot be read gives {"error": ..., "line": N}; neither stops \
        the stream. Lines are taken --batch at a time (the output of a batch is written when the \
        batch is done): a queue consumer wanting each answer at once passes --batch 1.
        """
    )

    @Option(name: .long, help: "The pipeline file (YAML); its inputs and reports are not used.")
    var pipeline: String?

    @Option(name: .long, help: "Input lines processed together (default 32).")
    var batch = 32

    @Option(name: .long, help: "Worker threads (default: the pipeline's `jobs`, else the number of processors).")
    var jobs: Int?

    @OptionGroup var log: LogOptions

    func validate() throws {
        if batch < 1 { throw ValidationError("--batch must be at least 1") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let logger = log.bootstrap()
        guard let pipelinePath = pipeline ?? DefaultPipeline.path() else {
            throw fail(.pipelineError, "no pipeline file: pass --pipeline FILE (pipelines/default.yml was not found)")
        }
        let file: PipelineFile
        let stages: [any Stage]
        let jobs: Int
        do {
            file = try PipelineFile.load(path: pipelinePath)
            jobs = self.jobs ?? file.jobs ?? ProcessInfo.processInfo.activeProcessorCount
            stages = try PipelineBuilder(registry: Registry.stages).build(file, jobs: jobs)
        } catch {
            throw fail(.pipelineError, error.description)
        }
        let scratch = NSTemporaryDirectory() + "claimsieve-stream-\(getpid())"
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // A failed document is reported on its line and the stream goes on, whatever `on_error` says.
        let runner = PipelineRunner(stages: stages, jobs: jobs, maxInFlight: nil, onError: .skip,
                                    limits: file.limits, logger: logger)
        let output = FileHandleOutput()
        var reader = StreamInput(scratch: scratch)
        var pending: [StreamInput.Item] = []
        func flush() throws {
            guard !pending.isEmpty else { return }
            try Self.process(pending, runner: runner, output: output)
            pending.removeAll()
            reader.clearScratch()
        }
        while let line = readLine(strippingNewline: true) {
            pending.append(reader.item(line))
            if pending.count >= batch { try flush() }
        }
        try flush()
        output.flush()
    }

    /// Runs one batch and writes its lines in input order.
    static func process(_ items: [StreamInput.Item], runner: PipelineRunner, output: FileHandleOutput) throws {
        let documents = items.compactMap { if case .document(let document) = $0 { document } else { nil } }
        // Results by input index; written below in line order, error lines in their place.
        final class Results: @unchecked Sendable {
            var byIndex: [Int: [Document]] = [:]
            let lock = NSLock()
        }
        let results = Results()
        if !documents.isEmpty {
            let statistics = try runner.run(documents) { result in
                results.lock.lock()
                results.byIndex[result.index] = result.documents
                results.lock.unlock()
            }
            _ = statistics
        }
        var bytes: [UInt8] = []
        var next = 0
        for item in items {
            bytes.removeAll(keepingCapacity: true)
            switch item {
            case .bad(let line, let reason):
                bytes.append(contentsOf: StreamInput.errorLine(["error": reason, "line": line]).utf8)
                bytes.append(0x0A)
            case .document:
                for document in results.byIndex[next] ?? [] {
                    if let failure = document.failure {
                        bytes.append(contentsOf: StreamInput.errorLine(["doc": document.id, "error": failure.reason, "stage": failure.stage]).utf8)
                        bytes.append(0x0A)
                        continue
                    }
                    for claim in document.claims {
                        ClaimLines.append(ClaimRecord(claim: claim, document: document), to: &bytes)
                        bytes.append(0x0A)
                    }
                }
                next += 1
            }
            output.write(String(decoding: bytes, as: UTF8.self))
        }
        output.flush()
    }
}

/// Turns input lines of `claimsieve stream` into documents (or the reason a line is bad).
struct StreamInput {
    enum Item {
        case document(Document)
        case bad(line: Int, reason: String)
    }

    let scratch: String
    private(set) var lineNumber = 0
    private var written: [String] = []

    init(scratch: String) {
        self.scratch = scratch
    }

    /// The document a line names, or why it names none.
    mutating func item(_ line: String) -> Item {
        lineNumber += 1
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return .bad(line: lineNumber, reason: "an empty line") }
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(trimmed.utf8), options: [.fragmentsAllowed])
        } catch {
            return .bad(line: lineNumber, reason: "not JSON: \(Self.shortened(trimmed))")
        }
        if let path = value as? String {
            return file(path, id: InputWalker.identity(of: path, under: InputWalker.parent(of: path)))
        }
        guard let object = value as? [String: Any] else {
            return .bad(line: lineNumber, reason: "neither a path (a JSON string) nor an object with \"path\" or \"base64\"")
        }
        let id = object["id"] as? String
        if let encoded = object["base64"] {
            guard let id, !id.isEmpty else { return .bad(line: lineNumber, reason: "\"base64\" needs an \"id\" to name the document") }
            guard let text = encoded as? String, let data = Data(base64Encoded: text) else {
                return .bad(line: lineNumber, reason: "\"base64\" of \(id) is not base64")
            }
            // `fetch` reads files: the bytes go to a scratch file that keeps the id's extension
            // (a feed is told partly by it), deleted after the batch.
            let ext = (id as NSString).pathExtension
            let path = scratch + "/\(lineNumber)" + (ext.isEmpty || ext.contains("/") ? "" : "." + ext)
            guard FileManager.default.createFile(atPath: path, contents: data) else {
                return .bad(line: lineNumber, reason: "cannot write the bytes of \(id) to \(scratch)")
            }
            written.append(path)
            return .document(Document(id: id, path: path))
        }
        guard let path = object["path"] as? String, !path.isEmpty else {
            return .bad(line: lineNumber, reason: "an object needs \"path\" (a file) or \"id\" and \"base64\" (a document's bytes)")
        }
        if let id { return file(path, id: id) }
        if let root = object["root"] as? String {
            return file(path, id: InputWalker.identity(of: path, under: root))
        }
        return file(path, id: InputWalker.identity(of: path, under: InputWalker.parent(of: path)))
    }

    /// A file: `fetch` reports it when it cannot be read (on the document's error line).
    private func file(_ path: String, id: String) -> Item {
        .document(Document(id: id, path: path))
    }

    /// Deletes the scratch files of the batch just written.
    mutating func clearScratch() {
        for path in written { try? FileManager.default.removeItem(atPath: path) }
        written.removeAll()
    }

    static func shortened(_ text: String) -> String {
        text.count > 80 ? String(text.prefix(80)) + "…" : text
    }

    /// One error line, keys sorted like the claim lines.
    static func errorLine(_ fields: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
