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

    /// Files in input order, each folder's files sorted by bytes, duplicates dropped; no file is read.
    public func entries(for inputs: [String]) -> [Entry] {
        var result: [Entry] = []
        var seen = Set<String>()
        func add(_ entry: Entry) {
            let key: String
            switch entry {
            case .file(let path): key = path
            case .missing(let path, _): key = "missing:" + path
            }
            if seen.insert(key).inserted { result.append(entry) }
        }
        for input in inputs {
            if Self.isGlob(input) {
                let matches = Self.glob(input)
                if matches.isEmpty {
                    add(.missing(input, reason: "the pattern matches no file"))
                }
                for match in matches {
                    for entry in expand(match, explicit: false) { add(entry) }
                }
            } else {
                for entry in expand(input, explicit: true) { add(entry) }
            }
        }
        return result
    }

    private func expand(_ path: String, explicit: Bool) -> [Entry] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return [.missing(path, reason: "no such file or folder")]
        }
        if !isDirectory.boolValue {
            return explicit || accepts(path) ? [.file(path)] : []
        }
        return walk(root: path)
    }

    private func walk(root: String) -> [Entry] {
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
        return files.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { .file($0) }
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
