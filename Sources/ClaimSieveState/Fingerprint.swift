public import ClaimSieveCore
public import Foundation

/// The hash of input bytes (`contentHash`) and the fingerprint of everything that decides the
/// output besides them: the program version, the pipeline file and every file its options name
/// (lexicons, models, scripts). A document is processed again when either changes. Both are
/// XXH64 (`ContentHash`): they tell one version of a file from the next, against no adversary,
/// and SHA-256 was the largest cost state added to a run (see `ContentHash`). States written
/// with SHA-256 values see every fingerprint change once, as when a lexicon changes: the first
/// night after the upgrade processes every input again.
public enum Fingerprint {
    /// What the state stores for bytes: `xxh64:` and 16 hex digits.
    public static func contentHash(_ data: Data) -> String {
        ContentHash.stored(data.withUnsafeBytes { ContentHash.hash($0) })
    }

    /// What the state stores for a file's bytes, or nil when the file cannot be read. Read in
    /// 1 MB pieces: a 3 GB file named in a stage's options must not cost 3 GB of memory on every run.
    public static func contentHash(ofFile path: String) -> String? {
        var hasher = ContentHash()
        guard update(&hasher, withFile: path) else { return nil }
        return ContentHash.stored(hasher.finalize())
    }

    /// Feeds a file's bytes into `hasher` in pieces of at most 1 MB; false when it cannot be
    /// opened or read.
    @discardableResult
    static func update(_ hasher: inout ContentHash, withFile path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        // Not zero-filled: clearing 1 MB for each file cost more than hashing a page's bytes.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            if count == 0 { return true }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// The pipeline's fingerprint. `dataFiles` are the files stages load by default (the built-in
    /// lexicons), which no option names. Files count by their contents and by the name the
    /// pipeline gives them (or their file name), never by where they were found: the same
    /// pipeline named by a relative or an absolute path, or the shipped lexicons found beside
    /// another copy of the program, give the same fingerprint.
    public static func pipeline(_ file: PipelineFile, dataFiles: [String]) -> String {
        var hasher = ContentHash()
        hasher.update(string: "claimsieve \(ClaimSieveVersion.current)\n")
        update(&hasher, withFile: file.path)
        let context = StageContext(baseDirectory: file.baseDirectory)
        var files: [String: String] = [:]  // name as written -> where it is
        for entry in file.stages {
            for value in entry.optionStrings {
                let resolved = context.resolve(value)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files[value] = resolved
                }
            }
        }
        for path in dataFiles { files["built-in " + (path as NSString).lastPathComponent] = path }
        for (name, path) in files.sorted(by: { $0.key < $1.key }) {
            hasher.update(string: "\n\(name)\n")
            update(&hasher, withFile: path)
        }
        return ContentHash.stored(hasher.finalize())
    }
}

/// A file's size and modification time: a night where nothing changed tells its unchanged
/// inputs by these instead of reading and hashing every byte. The hash stays the authority:
/// an input whose size or time differs is hashed, and skipped when the hash is the same.
public struct FileStat: Sendable, Equatable {
    /// Size in bytes.
    public var size: Int64
    /// Modification time in nanoseconds since 1970.
    public var modified: Int64

    /// Pairs the two values.
    public init(size: Int64, modified: Int64) {
        self.size = size
        self.modified = modified
    }

    /// The file's size and time (following symbolic links), nil when it cannot be read.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }

    /// Whether the time may be trusted to tell a later change: not when the file was modified
    /// less than two seconds before `now` (when it was hashed), since a write in the same clock
    /// tick as the hashing could leave the same size and time (git's "racy" case). An untrusted
    /// time is not stored, so the next run hashes the file.
    public func isSettled(at now: Date) -> Bool {
        modified < Int64((now.timeIntervalSince1970 - 2) * 1_000_000_000)
    }
}
