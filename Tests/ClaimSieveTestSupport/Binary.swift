import Foundation

/// Runs the built `claimsieve` executable, as a user or cron would.
public enum Binary {
    /// The executable next to the test bundle (SwiftPM builds it first: the end-to-end test target
    /// depends on it), or `CLAIMSIEVE_BINARY`.
    public static let path: String = {
        if let override = ProcessInfo.processInfo.environment["CLAIMSIEVE_BINARY"] { return override }
        let bundle = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        var folder = bundle.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("claimsieve").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        return TestPaths.inRepository(".build/debug/claimsieve")
    }()

    public struct Result: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    /// Variables of the developer's shell that change what the binary does to its state: a test
    /// gets them only when it sets them itself, so `CLAIMSIEVE_STATE_JOURNAL=exclusive` in a
    /// shell cannot change (or break) the other tests.
    public static let isolatedVariables: Set<String> = ["CLAIMSIEVE_STATE_JOURNAL"]

    /// The child's environment: `inherited` (this process's by default) without `isolatedVariables`, then the test's own
    /// `overrides`. Every test that starts the binary itself (`Process`) uses it too.
    public static func environment(_ overrides: [String: String] = [:],
                                   inherited: [String: String]? = nil) -> [String: String] {
        var env = (inherited ?? ProcessInfo.processInfo.environment).filter { !isolatedVariables.contains($0.key) }
        for (key, value) in overrides { env[key] = value }
        return env
    }

    /// Runs `claimsieve` with `arguments` in `directory` (the repository by default).
    /// `executable` runs another copy of the binary (a test of what a new build does).
    public static func run(_ arguments: [String], input: String? = nil, in directory: String = TestPaths.repository,
                           environment: [String: String] = [:], executable: String = Binary.path) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = Self.environment(environment)
        let output = Pipe()
        let error = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = standardInput
        try process.run()
        // Read both pipes while the process runs, so a large output cannot block it.
        let outputData = Locked()
        let errorData = Locked()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { outputData.set(output.fileHandleForReading.readDataToEndOfFile()) }
        DispatchQueue.global().async(group: group) { errorData.set(error.fileHandleForReading.readDataToEndOfFile()) }
        if let input { standardInput.fileHandleForWriting.write(Data(input.utf8)) }
        try? standardInput.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return Result(status: process.terminationStatus,
                      standardOutput: String(decoding: outputData.get(), as: UTF8.self),
                      standardError: String(decoding: errorData.get(), as: UTF8.self))
    }

    private final class Locked: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
        func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
    }
}
