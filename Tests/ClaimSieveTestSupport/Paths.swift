import Foundation

/// Where things are, for tests: the repository checkout and `../shared` beside it.
public enum TestPaths {
    /// The repository root (the folder holding Package.swift).
    public static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.path
            }
        }
        return FileManager.default.currentDirectoryPath
    }()

    /// `../shared` beside the checkout (CI puts it there), or `CLAIMSIEVE_SHARED`.
    public static let shared: String = {
        if let override = ProcessInfo.processInfo.environment["CLAIMSIEVE_SHARED"] { return override }
        return URL(fileURLWithPath: repository).deletingLastPathComponent().appendingPathComponent("shared").path
    }()

    public static func inRepository(_ relative: String) -> String { repository + "/" + relative }
    public static func inShared(_ relative: String) -> String { shared + "/" + relative }

    /// A fresh empty folder under the system's temporary folder.
    public static func temporaryFolder(_ label: String = "claimsieve-test") -> String {
        let path = NSTemporaryDirectory() + "\(label)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Which tests run: `scripts/test.sh --quick` sets `CLAIMSIEVE_QUICK=1` to leave out the slowest
/// (the example-package build, end-to-end runs that take many seconds); CI runs everything.
public enum TestLane {
    /// False in the quick lane; use as `@Test(.enabled(if: TestLane.full, "slow: not in --quick"))`.
    public static let full = ProcessInfo.processInfo.environment["CLAIMSIEVE_QUICK"] == nil
}
