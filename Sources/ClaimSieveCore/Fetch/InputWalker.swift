import Foundation

/// Turns the inputs named on the command line or in the pipeline file (files, folders, globs)
/// into a sorted list of files, so that every run sees the same documents in the same order.
///
/// Folders are walked recursively; hidden files and folders are skipped (editors and VCS keep
/// their litter there); a symbolic link is followed only when it stays inside the input root, so a
/// link cannot pull `/etc` into the report.
public struct InputWalker: Sendable {
    /// File name endings taken from folders (a file named explicitly is always taken).
    public var extensions: Set<String>

    /// What `fetch` takes from folders when `extensions:` is not given (pages and feeds).
    public static let defaultExtensions: Set<String> = ["html", "htm", "xhtml", "xml", "rss", "atom", "nitf"]

    /// `extensions` are compared in lower case, without the dot.
    public init(extensions: Set<String> = InputWalker.defaultExtensions) {
        self.extensions = extensions
    }

    /// An input that names nothing is returned as a `missing` entry, to be reported as a failure.
    public enum Entry: Sendable, Equatable {
        case file(String)
        case missing(String, reason: String)
    }

    /// Why something found under an input root is not processed; each is listed in
    /// `summary.json` and the report, so that no input disappears without a word.
    public enum SkipReason: String, Sendable, Codable, CaseIterable {
        /// The name starts with a dot (editors and version control keep their litter there); by design.
        case hidden
        /// A file whose name ends in none of `fetch.extensions`; by design.
        case otherExtension = "other extension"
        /// A folder that cannot be listed (permissions).
        case unreadable
        /// The name is not valid UTF-8, so no report could name it faithfully.
        case nameNotUTF8 = "name not UTF-8"
        /// The path is longer than the system's limit (4096 bytes) and cannot be opened.
        case pathTooLong = "path too long"
        /// A symbolic link that leads out of the input root (or to nothing).
        case linkOutsideRoot = "symlink outside the root"
        /// A folder reached a second time through a link (a loop or an alias).
        case loop
        /// Not a regular file or folder: a FIFO, socket or device node.
        case notRegularFile = "not a regular file"
    }

    /// One thing found under an input root and not processed, with why.
    public struct Skipped: Sendable, Equatable, Codable {
        /// Its path; bytes that are not UTF-8 are written as `\xNN`.
        public var path: String
        /// Why it was not processed.
        public var reason: SkipReason

        /// Pairs a path with its reason.
        public init(path: String, reason: SkipReason) {
            self.path = path
            self.reason = reason
        }
    }

    /// The system's limit on a path's length in bytes (Linux PATH_MAX, including the final NUL).
    static let maximumPathBytes = 4095

    /// A file with the identity it is known by: the name of the input root it was found under
    /// (the real folder, symbolic links resolved) and its path below that root, e.g.
    /// `sample-data/seed/page.html`. The same file has the same identity however the input was
    /// spelt (relative, absolute, through a link) and wherever the checkout or working directory
    /// is, so claim ids and the state do not change with them.
    public struct Located: Sendable, Equatable {
        /// The file or missing input, as found (the path `fetch` reads).
        public var entry: Entry
        /// `<root folder name>/<path below the root>`; for a missing input, the input as written.
        public var identity: String
        /// The input root's real path (nil for a missing input), recorded in the state.
        public var root: String?
    }

    /// Files in input order, each folder's files sorted by bytes, duplicates dropped; no file is read.
    public func entries(for inputs: [String]) -> [Entry] {
        locate(inputs).located.map(\.entry)
    }

    /// The files to process, as `entries(for:)`, and everything found under the input roots that
    /// is not processed, with the reason.
    public func walk(_ inputs: [String]) -> (entries: [Entry], skipped: [Skipped]) {
        let (located, skipped) = locate(inputs)
        return (located.map(\.entry), skipped)
    }

    /// `entries(for:)` with each file's stable identity and input root.
    public func located(for inputs: [String]) -> [Located] {
        locate(inputs).located
    }

    /// The files to process with their identities, and what was found and not processed.
    public func locate(_ inputs: [String]) -> (located: [Located], skipped: [Skipped]) {
        var result: [Located] = []
        var skipped: [Skipped] = []
        var seen = Set<String>()
        func add(_ item: Located) {
            let key: String
            switch item.entry {
            case .file(let path): key = path
            case .missing(let path, _): key = "missing:" + path
            }
            if seen.insert(key).inserted { result.append(item) }
        }
        for input in inputs {
            if Self.isGlob(input) {
                let matches = Self.glob(input)
                if matches.isEmpty {
                    add(Located(entry: .missing(input, reason: "the pattern matches no file"), identity: input, root: nil))
                }
                let root = Self.globRoot(input)
                for match in matches {
                    for item in expand(match, explicit: false, root: root, skipped: &skipped) { add(item) }
                }
            } else {
                for item in expand(input, explicit: true, root: nil, skipped: &skipped) { add(item) }
            }
        }
        return (result, skipped)
    }

    /// The folder part of a glob before its first component with a pattern character.
    static func globRoot(_ pattern: String) -> String {
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: false)
        let fixed = parts.prefix { !isGlob(String($0)) }
        let joined = fixed.joined(separator: "/")
        if joined.isEmpty { return pattern.hasPrefix("/") ? "/" : "." }
        return joined
    }

    /// `root` is the folder identities are taken relative to; nil means the input itself (a
    /// folder) or the folder holding it (a file).
    private func expand(_ path: String, explicit: Bool, root: String?, skipped: inout [Skipped]) -> [Located] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return [Located(entry: .missing(path, reason: "no such file or folder"), identity: path, root: nil)]
        }
        let identity = Identity(root: root ?? (isDirectory.boolValue ? path : Self.parent(of: path)))
        if !isDirectory.boolValue {
            guard explicit || accepts(path) else { return [] }
            return [Located(entry: .file(path), identity: identity.of(path), root: identity.realRoot)]
        }
        return walk(root: path, skipped: &skipped).map { entry in
            guard case .file(let file) = entry else { return Located(entry: entry, identity: path, root: nil) }
            return Located(entry: entry, identity: identity.of(file), root: identity.realRoot)
        }
    }

    /// The identity `run` gives `path` when it finds it under the input root `root`
    /// (`<root folder name>/<path below it>`), for callers handed one file at a time
    /// (`claimsieve stream`) that must name documents as a run over the folder does.
    public static func identity(of path: String, under root: String) -> String {
        Identity(root: root).of(path)
    }

    /// The folder holding `path` ("." when it names none): the root of a file given alone.
    public static func parent(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// Names the files below one input root.
    struct Identity {
        /// The root with symbolic links resolved and `.` and `..` folded.
        let realRoot: String
        /// The last component of `realRoot` (empty for `/`).
        let name: String
        /// The root as spelt in the input, which the walked paths start with.
        let spelt: String

        init(root: String) {
            spelt = root
            realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().standardizedFileURL.path
            name = realRoot == "/" ? "" : (realRoot as NSString).lastPathComponent
        }

        /// `name/relative`: the file's path below the root as spelt (walked paths start with it).
        func of(_ path: String) -> String {
            var relative: String
            if spelt == "." {
                relative = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
            } else {
                let prefix = spelt.hasSuffix("/") ? spelt : spelt + "/"
                if path.hasPrefix(prefix) {
                    relative = String(path.dropFirst(prefix.count))
                } else {
                    relative = (path as NSString).lastPathComponent
                }
            }
            relative = StageContext.fold(relative)
            return name.isEmpty ? relative : name + "/" + relative
        }
    }

    /// Lists folders with `readdir`, on the names' bytes: Foundation's listing drops or mangles
    /// names that are not UTF-8, and those must be reported, not lost.
    private func walk(root: String, skipped: inout [Skipped]) -> [Entry] {
        let rootURL = URL(fileURLWithPath: root)
        let realRoot = rootURL.resolvingSymlinksInPath().standardizedFileURL.path
        let rootPrefix = realRoot.hasSuffix("/") ? realRoot : realRoot + "/"
        var files: [String] = []
        var found: [Skipped] = []
        var pending = [root]
        var visited = Set<String>()
        while let folder = pending.popLast() {
            let real = URL(fileURLWithPath: folder).resolvingSymlinksInPath().standardizedFileURL.path
            guard visited.insert(real).inserted else {
                found.append(Skipped(path: folder, reason: .loop))
                continue
            }
            guard let directory = opendir(folder) else {
                found.append(Skipped(path: folder, reason: .unreadable))
                continue
            }
            var names: [[UInt8]] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    Array(raw.prefix(while: { $0 != 0 }))
                }
                if name == [0x2E] || name == [0x2E, 0x2E] { continue }
                names.append(name)
            }
            closedir(directory)
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            for name in names {
                guard let text = String(validating: name, as: UTF8.self) else {
                    found.append(Skipped(path: prefix + Self.escaped(name), reason: .nameNotUTF8))
                    continue
                }
                let path = prefix + text
                if text.hasPrefix(".") {
                    found.append(Skipped(path: path, reason: .hidden))
                    continue
                }
                if path.utf8.count > Self.maximumPathBytes {
                    found.append(Skipped(path: path, reason: .pathTooLong))
                    continue
                }
                var info = stat()
                guard lstat(path, &info) == 0 else {
                    found.append(Skipped(path: path, reason: .unreadable))
                    continue
                }
                if info.st_mode & S_IFMT == S_IFLNK {
                    let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
                    guard resolved == realRoot || resolved.hasPrefix(rootPrefix), stat(path, &info) == 0 else {
                        found.append(Skipped(path: path, reason: .linkOutsideRoot))
                        continue
                    }
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    pending.append(path)
                case S_IFREG:
                    if accepts(path) {
                        files.append(path)
                    } else {
                        found.append(Skipped(path: path, reason: .otherExtension))
                    }
                default:
                    found.append(Skipped(path: path, reason: .notRegularFile))
                }
            }
        }
        // Byte order, not locale order: the same on every machine.
        func byBytes(_ a: String, _ b: String) -> Bool { Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)) }
        skipped.append(contentsOf: found.sorted { byBytes($0.path, $1.path) })
        return files.sorted(by: byBytes).map { .file($0) }
    }

    /// A name that is not UTF-8, with each byte that does not decode written as `\xNN`.
    static func escaped(_ name: [UInt8]) -> String {
        var result = ""
        var index = 0
        while index < name.count {
            // The longest valid UTF-8 sequence starting here, else one escaped byte.
            var decoded: String?
            for length in (1...min(4, name.count - index)).reversed() {
                if let text = String(validating: name[index..<(index + length)], as: UTF8.self), text.unicodeScalars.count == 1 {
                    decoded = text
                    index += length
                    break
                }
            }
            if let decoded {
                result += decoded
            } else {
                result += "\\x" + String(name[index], radix: 16, uppercase: true).leftPadded(to: 2)
                index += 1
            }
        }
        return result
    }

    private func accepts(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return extensions.contains(path[path.index(after: dot)...].lowercased())
    }

    static func isGlob(_ input: String) -> Bool {
        input.contains("*") || input.contains("?") || input.contains("[")
    }

    static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Foundation.glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let cString = result.gl_pathv[index] { paths.append(String(cString: cString)) }
        }
        return paths.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
