public import ClaimSieveCore
import Crypto
public import Foundation

/// SHA-256 of input bytes and of everything that decides the output besides them: the program
/// version, the pipeline file and every file its options name (lexicons, scripts). A document is
/// processed again when either changes.
public enum Fingerprint {
    /// SHA-256 of bytes as 64 lowercase hex digits, the form stored in the state for each input.
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// SHA-256 of a file's bytes, or nil when it cannot be read.
    public static func sha256(ofFile path: String) -> String? {
        FileManager.default.contents(atPath: path).map(sha256)
    }

    /// The pipeline's fingerprint. `dataFiles` are the files stages load by default (the built-in
    /// lexicons), which no option names.
    public static func pipeline(_ file: PipelineFile, dataFiles: [String]) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("claimsieve \(ClaimSieveVersion.current)\n".utf8))
        if let bytes = FileManager.default.contents(atPath: file.path) {
            hasher.update(data: bytes)
        }
        let context = StageContext(baseDirectory: file.baseDirectory)
        var named = Set<String>()
        for entry in file.stages {
            for value in entry.optionStrings {
                let resolved = context.resolve(value)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), !isDirectory.boolValue {
                    named.insert(resolved)
                }
            }
        }
        for path in (named.union(dataFiles)).sorted() {
            hasher.update(data: Data("\n\(path)\n".utf8))
            if let bytes = FileManager.default.contents(atPath: path) { hasher.update(data: bytes) }
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
