import ClaimSieveTestSupport
import Foundation
import Testing

/// A run over a folder of every hostile kind `scripts/hostile/corpus.py` makes (reduced sizes):
/// it finishes, writes its report, accounts for every input and stays under the memory bound.
@Suite(.serialized) struct HostileCorpusTests {
    struct Summary: Decodable {
        struct Entry: Decodable { var doc: String; var status: String }
        struct Skipped: Decodable { var path: String; var reason: String }
        var perDocument: [Entry]
        var skippedInputs: [Skipped]
        enum CodingKeys: String, CodingKey {
            case perDocument = "per_document"
            case skippedInputs = "skipped_inputs"
        }
    }
    struct ManifestEntry: Decodable { var path: String; var expect: String }

    /// The bound the README states for `--jobs 2` with the default limits, in MB.
    static let memoryBoundMB = 1_024

    @Test(.timeLimit(.minutes(5)), .enabled(if: TestLane.full, "about a minute: the full lane only"))
    func aRunOverEveryHostileKindFinishesListsEveryInputAndStaysBounded() throws {
        let root = TestPaths.temporaryFolder("claimsieve-hostile")
        let corpus = root + "/corpus"
        let generate = try Self.run(["python3", TestPaths.inRepository("scripts/hostile/corpus.py"), corpus, "--scale", "small"])
        #expect(generate.status == 0, "\(generate.error)")
        defer { chmod(corpus + "/locked", 0o755) }
        let out = root + "/out"
        // python3 measures its child's peak RSS (getrusage of its children only).
        let measure = "import resource, subprocess, sys\nr = subprocess.run(sys.argv[1:])\nprint(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\nsys.exit(r.returncode)"
        let run = try Self.run(["python3", "-c", measure, Binary.path, "run", "--out", out, "--jobs", "2", corpus],
                               directory: TestPaths.repository)
        #expect(run.status == 1, "partial: some documents fail, by design\n\(run.error.suffix(2000))")
        let peakKB = Int(run.error.split(separator: "\n").last ?? "") ?? Int.max
        #expect(peakKB < Self.memoryBoundMB * 1024, "peak RSS \(peakKB / 1024) MB")
        for name in ["report.md", "report.html", "claims.jsonl", "summary.json"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name)")
        }
        let summary = try JSONDecoder().decode(Summary.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
        let manifest = try JSONDecoder().decode([ManifestEntry].self, from: Data(contentsOf: URL(fileURLWithPath: corpus + "/.manifest.json")))
        // Document ids may be the input path or relative to the input root: compare relative names.
        func relative(_ path: String) -> String {
            var name = path
            if let range = name.range(of: corpus + "/") { name = String(name[range.upperBound...]) }
            // Identities are `<root folder name>/<path below it>`: the root here is `corpus`.
            if name.hasPrefix("corpus/") { name = String(name.dropFirst("corpus/".count)) }
            if let hash = name.firstIndex(of: "#") { name = String(name[..<hash]) }
            return name
        }
        let documents = Set(summary.perDocument.map { relative($0.doc) })
        var skipped: [String: String] = [:]
        for entry in summary.skippedInputs { skipped[relative(entry.path)] = entry.reason }
        for entry in manifest {
            if entry.expect == "document" {
                #expect(documents.contains(entry.path), "\(entry.path) is not in per_document")
            } else if entry.expect == "path too long" {
                #expect(skipped.contains { $0.key.hasPrefix(entry.path + "/") && $0.value == entry.expect }, "no path too long")
            } else {
                #expect(skipped[entry.path] == entry.expect, "\(entry.path): \(skipped[entry.path] ?? "not listed")")
            }
        }
        let markdown = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(!markdown.contains("<img"))
        #expect(markdown.contains("## Not processed"))
    }

    static func run(_ arguments: [String], directory: String = TestPaths.repository) throws -> (status: Int32, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let error = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = error
        try process.run()
        let data = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
