import ClaimSieveTestSupport
import Foundation
import Testing

/// The README tells the truth: its pipeline example validates, its commands exist.
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
}
