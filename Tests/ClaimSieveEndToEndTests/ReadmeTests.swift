import ClaimSieveTestSupport
import Foundation
import Testing

/// The README tells the truth: its pipeline example validates, its commands exist, its links and
/// those of docs/ lead somewhere.
@Suite struct ReadmeTests {
    let readme: String

    init() throws {
        readme = try String(contentsOfFile: TestPaths.inRepository("README.md"), encoding: .utf8)
    }

    @Test func thePipelineFileExampleValidates() throws {
        let section = try #require(readme.range(of: "## The pipeline file"))
        let start = try #require(readme.range(of: "```yaml\n", range: section.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        // The example's paths are relative to pipelines/: give it the same neighbours.
        let root = TestPaths.temporaryFolder()
        for folder in ["pipelines", "scripts"] {
            try FileManager.default.copyItem(atPath: TestPaths.inRepository(folder), toPath: root + "/" + folder)
        }
        // `validate` checks that the inputs exist.
        try FileManager.default.createSymbolicLink(atPath: root + "/sample-data", withDestinationPath: TestPaths.inRepository("sample-data"))
        let file = root + "/pipelines/readme.yml"
        try String(readme[start.upperBound..<end.lowerBound]).write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Binary.run(["validate", file])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("fetch → clean → split → tag → verdict → corroborate → command"))
    }

    @Test func theQuickStartScriptsExist() {
        for script in ["scripts/quickstart.sh", "scripts/test.sh", "scripts/nightly.sh"] {
            #expect(readme.contains(script))
            #expect(FileManager.default.isExecutableFile(atPath: TestPaths.inRepository(script)), "\(script)")
        }
        let ci = (try? String(contentsOfFile: TestPaths.inRepository(".ci/run"), encoding: .utf8)) ?? ""
        #expect(ci.contains("scripts/test.sh"))
    }

    /// Every relative link of README.md and docs/*.md names a file that exists and, with `#anchor`,
    /// a heading of that file (GitHub's heading ids), so a section moved into docs/ stays reachable
    /// (`scripts/check-doc-links.py` says the same from a shell).
    @Test func theDocumentationLinksResolve() throws {
        let root = TestPaths.repository
        let docs = try FileManager.default.contentsOfDirectory(atPath: root + "/docs")
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        #expect(docs.contains("docs/learned-taggers.md") && docs.contains("docs/performance.md"))
        var checked = 0
        for source in ["README.md"] + docs {
            let text = try String(contentsOfFile: root + "/" + source, encoding: .utf8)
            let folder = (source as NSString).deletingLastPathComponent
            for target in Self.relativeLinks(in: text) {
                checked += 1
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let file = parts[0].isEmpty ? source : ((folder as NSString).appendingPathComponent(parts[0]) as NSString).standardizingPath
                #expect(FileManager.default.fileExists(atPath: root + "/" + file), "\(source): \(target)")
                if parts.count == 2, file.hasSuffix(".md"), let linked = try? String(contentsOfFile: root + "/" + file, encoding: .utf8) {
                    #expect(Self.headingIDs(in: linked).contains(parts[1]), "\(source): \(target)")
                }
            }
        }
        #expect(checked > 50)
    }

    /// The targets of `[text](target)` outside code blocks, but for `http:`, `https:` and `mailto:`.
    static func relativeLinks(in text: String) -> [String] {
        var links: [String] = []
        var inCode = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inCode.toggle(); continue }
            if inCode { continue }
            var rest = line[...]
            while let open = rest.range(of: "](") {
                rest = rest[open.upperBound...]
                guard let close = rest.firstIndex(of: ")") else { break }
                let target = String(rest[..<close])
                rest = rest[close...]
                if target.contains(" ") || target.hasPrefix("http:") || target.hasPrefix("https:") || target.hasPrefix("mailto:") { continue }
                links.append(target)
            }
        }
        return links
    }

    /// GitHub's ids of a file's headings: lower case, punctuation dropped, spaces to hyphens, `-1`
    /// and on for a repeated one.
    static func headingIDs(in text: String) -> Set<String> {
        var ids: Set<String> = []
        var seen: [String: Int] = [:]
        var inCode = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inCode.toggle(); continue }
            guard !inCode, line.hasPrefix("#") else { continue }
            let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).lowercased()
            let base = String(title.unicodeScalars.compactMap { scalar -> Character? in
                if scalar == " " { return "-" }
                if scalar == "-" || scalar == "_" || CharacterSet.alphanumerics.contains(scalar) { return Character(scalar) }
                return nil
            })
            let count = seen[base, default: 0]
            seen[base] = count + 1
            ids.insert(count == 0 ? base : "\(base)-\(count)")
        }
        return ids
    }
}
