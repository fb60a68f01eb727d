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
        if let root = getenv("CLAIMSIEVE_DATA") {
            result.append(String(cString: root) + "/" + name)
        }
        for folder in fixedFolders.beforeWorkingDirectory { result.append(folder + "/" + name) }
        result.append(FileManager.default.currentDirectoryPath + "/pipelines/" + name)
        result.append(fixedFolders.checkout + "/" + name)
        return result
    }

    /// The folders of `candidates` that do not change while the process runs, made once: each
    /// call made them anew from the executable's path with `URL` (about 0.7 M instructions, and
    /// a run locates a few dozen files at start-up). Each is the `URL` path `candidates` used to
    /// append the name to, so `folder + "/" + name` is the path it gave.
    private static let fixedFolders: (beforeWorkingDirectory: [String], checkout: String) = {
        var folders: [String] = []
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        folders.append(folder.deletingLastPathComponent().appendingPathComponent("share/claimsieve").path)
        for _ in 0..<6 {
            folders.append(folder.appendingPathComponent("pipelines").path)
            folder.deleteLastPathComponent()
        }
        // Tests and tools built from a checkout: the checkout this file was compiled from.
        var source = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { source.deleteLastPathComponent() }
        return (folders, source.appendingPathComponent("pipelines").path)
    }()
}
