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
        located(for: inputs).map(\.entry)
    }

    /// `entries(for:)` with each file's stable identity and input root.
    public func located(for inputs: [String]) -> [Located] {
        var result: [Located] = []
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
                    for item in expand(match, explicit: false, root: root) { add(item) }
                }
            } else {
                for item in expand(input, explicit: true, root: nil) { add(item) }
            }
        }
        return result
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
    private func expand(_ path: String, explicit: Bool, root: String?) -> [Located] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return [Located(entry: .missing(path, reason: "no such file or folder"), identity: path, root: nil)]
        }
        let identity = Identity(root: root ?? (isDirectory.boolValue ? path : Self.parent(of: path)))
        if !isDirectory.boolValue {
            guard explicit || accepts(path) else { return [] }
            return [Located(entry: .file(path), identity: identity.of(path), root: identity.realRoot)]
        }
        return walk(root: path).map { Located(entry: .file($0), identity: identity.of($0), root: identity.realRoot) }
    }

    static func parent(of path: String) -> String {
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

    private func walk(root: String) -> [String] {
        let rootURL = URL(fileURLWithPath: root)
        let realRoot = rootURL.resolvingSymlinksInPath().standardizedFileURL.path
        var files: [String] = []
        var pending = [root]
        var visited = Set<String>()
        let manager = FileManager.default
        while let folder = pending.popLast() {
            let real = URL(fileURLWithPath: folder).resolvingSymlinksInPath().standardizedFileURL.path
            guard visited.insert(real).inserted else { continue }
            guard let names = try? manager.contentsOfDirectory(atPath: folder) else { continue }
            for name in names where !name.hasPrefix(".") {
                let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
                let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
                guard resolved == realRoot || resolved.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/") else {
                    continue  // a link leading out of the input root
                }
                var isDirectory: ObjCBool = false
                guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    pending.append(path)
                } else if accepts(path) {
                    files.append(path)
                }
            }
        }
        // Byte order, not locale order: the same on every machine.
        return files.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
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
