import ClaimSieveCore
import Foundation
import Testing

/// `DataFiles.candidates` makes the folders that do not change once a process (issue 12); the
/// paths are the ones the `URL` computation of each call gave.
@Suite struct DataFilesTests {
    /// The computation `candidates` made on every call before, without `$CLAIMSIEVE_DATA`.
    static func reference(_ name: String) -> [String] {
        var result: [String] = []
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        result.append(folder.deletingLastPathComponent().appendingPathComponent("share/claimsieve/\(name)").path)
        for _ in 0..<6 {
            result.append(folder.appendingPathComponent("pipelines/\(name)").path)
            folder.deleteLastPathComponent()
        }
        result.append(FileManager.default.currentDirectoryPath + "/pipelines/" + name)
        return result
    }

    /// Skipped where `$CLAIMSIEVE_DATA` is set: it comes first in the candidates.
    @Test(.enabled(if: getenv("CLAIMSIEVE_DATA") == nil))
    func candidatesAreTheURLComputations() throws {
        for name in ["lexicons/en.yml", "templates/html-page.mustache", "models/speech.model", "x"] {
            let candidates = DataFiles.candidates(for: name)
            #expect(Array(candidates.dropLast()) == Self.reference(name))
            #expect(candidates.last?.hasSuffix("/pipelines/" + name) == true)
        }
        #expect(DataFiles.locate("templates/html-page.mustache") != nil)
    }
}
