public import ClaimSieveCore
import Logging
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `command`: any program as a stage, so a data team can drop, mark or re-score claims in the
/// language it already uses, without forking ClaimSieve or writing Swift.
///
/// ```yaml
/// - command: {run: [python3, ../scripts/stages/flag_numbers.py], timeout: 10s}
/// ```
///
/// Each worker keeps one long-lived process; a document goes to its standard input as one JSON
/// line `{"id": N, "schema": 1, "document": {...}}` and comes back as `{"id": N, "document": {...}}`
/// or `{"id": N, "error": "..."}` (see `docs/stage-protocol.md`). Whatever goes wrong with one
/// answer (no answer in time, a crash, garbage, the wrong id, too many bytes) fails that document
/// alone, with a reason naming the command; the process is replaced for the next document.
public struct CommandStage: Stage {
    /// The name pipeline files use: `- command: {run: [...]}`.
    public static let name = "command"
    /// The line `claimsieve stages` shows, pointing at the protocol's documentation.
    public static let summary = "Runs any program as a stage: documents as JSON Lines on its standard input and output (docs/stage-protocol.md)."

    /// The options as written, kept for diagnostics; the resolved command lives in the pool.
    public let options: Options
    let pool: CommandPool

    /// Checks the command line now (program found and executable, script paths resolved against
    /// the pipeline file), so that `validate` catches a typo before the nightly run does.
    public init(options: Options, context: StageContext) throws {
        try self.init(options: options, context: context, logger: Logger(label: "claimsieve.command"))
    }

    /// As `init(options:context:)`, with the logger that receives the program's standard error
    /// (tests capture it).
    init(options: Options, context: StageContext, logger: Logger) throws {
        guard options.maxBytes > 0 else { throw StageError("`max_bytes` must be above 0") }
        var invocation = try CommandInvocation.resolve(options.run, name: options.name, context: context)
        invocation.stderrLevel = options.stderrLevel
        var logger = logger
        logger[metadataKey: "stage"] = "\(Self.name)"
        logger[metadataKey: "command"] = "\(invocation.label)"
        self.options = options
        pool = CommandPool(invocation: invocation, timeout: options.timeout, maxBytes: options.maxBytes,
                           jobs: context.jobs, logger: logger)
    }

    /// The command as resolved (program path and arguments), for `stages`-style diagnostics and tests.
    public var commandLine: [String] { [pool.invocation.executable] + pool.invocation.arguments }

    /// Ignores SIGPIPE (a child that dies while a request is written must fail one document, not
    /// kill claimsieve) and starts the first process, so a program that cannot start stops the run
    /// before any document is read.
    public func setUp() throws {
        Self.ignoreBrokenPipes()
        do {
            try pool.warmUp()
        } catch {
            throw StageError("'\(pool.invocation.label)' \(error.explanation)")
        }
    }

    /// Ends every process of the stage; runs after the last document, also when the run failed.
    public func tearDown() {
        pool.shutDown()
    }

    /// Sends the document through one of the stage's processes. Every failure is thrown as a
    /// `StageError` whose reason names the command, so the report says which program misbehaved.
    public func process(_ document: Document) throws -> Document {
        Self.ignoreBrokenPipes()
        do {
            return try pool.process(document)
        } catch .exitedAtStart(let how) {
            throw StageBroken("'\(pool.invocation.label)' \(ExchangeFailure.exitedAtStart(how).explanation)")
        } catch {
            var reason = "'\(pool.invocation.label)' \(error.explanation)"
            if error.restartsProcess { reason += "; the process was stopped and restarts for the next document" }
            throw StageError(reason)
        }
    }

    /// Once per process: writing to a pipe whose reader died raises SIGPIPE, whose default action
    /// ends claimsieve; ignored, the write returns EPIPE and only that document fails.
    private static let brokenPipesIgnored: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return true
    }()

    static func ignoreBrokenPipes() {
        _ = brokenPipesIgnored
    }
}
