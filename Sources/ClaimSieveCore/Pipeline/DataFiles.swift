import Foundation

/// Finds the data files that ship with ClaimSieve (lexicons, word lists) when no pipeline file
/// names them, e.g. for `claimsieve tag` or `claimsieve split`.
///
/// Looked up, in order: `$CLAIMSIEVE_DATA/<name>`; `pipelines/<name>` in the folders above the
/// executable (a checkout's `.build/release/claimsieve`); `share/claimsieve/<name>` beside the
/// executable's `bin/` (an installed copy); `pipelines/<name>` in the working directory.
public enum DataFiles {
    /// The first existing candidate for `name` (e.g. "lexicons/en.yml"), or nil when the data files are not found.
    public static func locate(_ name: String) -> String? {
        candidates(for: name).first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Every place `locate` looks, in order, whether it exists or not; useful in a "not found" message.
    public static func candidates(for name: String) -> [String] {
        var result: [String] = []
        if let root = ProcessInfo.processInfo.environment["CLAIMSIEVE_DATA"] {
            result.append(root + "/" + name)
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        result.append(folder.deletingLastPathComponent().appendingPathComponent("share/claimsieve/\(name)").path)
        for _ in 0..<6 {
            result.append(folder.appendingPathComponent("pipelines/\(name)").path)
            folder.deleteLastPathComponent()
        }
        result.append(FileManager.default.currentDirectoryPath + "/pipelines/" + name)
        // Tests and tools built from a checkout: the checkout this file was compiled from.
        var source = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { source.deleteLastPathComponent() }
        result.append(source.appendingPathComponent("pipelines/\(name)").path)
        return result
    }
}
