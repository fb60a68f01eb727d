import Foundation

/// Why a path cannot be read or written, in words a user can act on.
///
/// Foundation's own messages say "The operation could not be completed. The file doesn't exist."
/// without saying which file or folder is missing, or nothing at all (`contents(atPath:)` gives nil);
/// an operator with a typo in a cron line needs the folder that is missing or the permission that
/// is lacking.
public enum PathProblem {
    /// Why `path` cannot be read as a file: "no such file", "no such folder /x", "it is a folder",
    /// "permission denied". A file that exists and is readable (a read that failed for another
    /// reason) gives "it could not be read".
    public static func unreadable(_ path: String) -> String {
        let files = FileManager.default
        var isFolder: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isFolder) {
            if isFolder.boolValue { return "it is a folder, not a file" }
            return files.isReadableFile(atPath: path) ? "it could not be read" : "permission denied"
        }
        let parent = folder(of: path)
        if !parent.isEmpty, !files.fileExists(atPath: parent) { return "no such folder \(parent)" }
        return "no such file"
    }

    /// Why a file or folder cannot be created at `path`: the nearest existing ancestor decides
    /// ("no such folder /x" when `createsFolders` is false, "/x is not a folder", "permission
    /// denied in /x"). `fallback` (the system's message) when none of these explains it.
    public static func unwritable(_ path: String, createsFolders: Bool, fallback: String) -> String {
        let files = FileManager.default
        var ancestor = folder(of: path)
        if ancestor.isEmpty { ancestor = "." }
        if !createsFolders, !files.fileExists(atPath: ancestor) { return "no such folder \(ancestor)" }
        while !files.fileExists(atPath: ancestor) {
            let up = folder(of: ancestor)
            ancestor = up.isEmpty ? "." : up
        }
        var isFolder: ObjCBool = false
        _ = files.fileExists(atPath: ancestor, isDirectory: &isFolder)
        if !isFolder.boolValue { return "\(ancestor) is not a folder" }
        if !files.isWritableFile(atPath: ancestor) { return "permission denied in \(ancestor)" }
        return fallback
    }

    private static func folder(of path: String) -> String {
        var trimmed = path
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }
}
