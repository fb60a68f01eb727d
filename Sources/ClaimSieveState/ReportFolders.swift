public import Foundation

/// Reports kept by date under a root: `ROOT/<run id>/` for each run and a `latest` link that is
/// switched atomically, so a reader (a web server, an editor's bookmark) never sees a half report.
public struct ReportFolders: Sendable {
    /// The folder given by `--reports` or `report_root:`; run folders and `latest` live directly in it.
    public let root: String

    /// Only remembers the root; nothing is created until a run writes its partial folder.
    public init(root: String) {
        self.root = root
    }

    /// A run id from the start time in UTC (`20261125-031500`), made unique in the root.
    public func newRunID(at date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let base = formatter.string(from: date)
        var id = base
        var counter = 2
        while FileManager.default.fileExists(atPath: folder(for: id)) || FileManager.default.fileExists(atPath: partialFolder(for: id)) {
            id = "\(base)-\(counter)"
            counter += 1
        }
        return id
    }

    /// Where a finished run's report lives (`ROOT/<run id>`); exists only after `publish`.
    public func folder(for runID: String) -> String { root + "/" + runID }

    /// Where a run writes until it is complete; a killed run leaves only this behind.
    public func partialFolder(for runID: String) -> String { root + "/." + runID + ".partial" }

    /// The symbolic link to the newest published run, for readers that want "the current report".
    public var latest: String { root + "/latest" }

    /// Moves a complete run folder into place and points `latest` at it.
    public func publish(runID: String) throws {
        let manager = FileManager.default
        guard rename(partialFolder(for: runID), folder(for: runID)) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: folder(for: runID)])
        }
        let temporaryLink = root + "/.latest-\(getpid())"
        try? manager.removeItem(atPath: temporaryLink)
        try manager.createSymbolicLink(atPath: temporaryLink, withDestinationPath: runID)
        guard rename(temporaryLink, latest) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: latest])
        }
    }

    /// Run folders, oldest first.
    public func runIDs() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter(Self.isRunID).sorted()
    }

    /// Removes all but the newest `keep` run folders (never the one `latest` points to) and the
    /// partial folders that killed runs left.
    public func prune(keep: Int) {
        let manager = FileManager.default
        let current = try? manager.destinationOfSymbolicLink(atPath: latest)
        let runs = runIDs()
        for id in runs.dropLast(max(keep, 1)) where id != current {
            try? manager.removeItem(atPath: folder(for: id))
        }
        removePartials()
    }

    /// Removes folders of runs that were killed before they finished.
    public func removePartials(except runID: String? = nil) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for name in names where name.hasPrefix(".") && name.hasSuffix(".partial") {
            if let runID, name == "." + runID + ".partial" { continue }
            try? FileManager.default.removeItem(atPath: root + "/" + name)
        }
    }

    static func isRunID(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count >= 15, bytes[8] == UInt8(ascii: "-") else { return false }
        return bytes[0..<8].allSatisfy { $0 >= 48 && $0 <= 57 } && bytes[9..<15].allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}
