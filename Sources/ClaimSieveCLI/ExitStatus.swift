import ArgumentParser
import Logging

/// The exit codes of `claimsieve`, documented in the README and in `claimsieve run --help`.
/// They follow sysexits(3) where one fits, so monitors that know those codes read them right.
public enum ExitStatus: Int32, CaseIterable, Sendable {
    /// Everything was processed and the report was written.
    case success = 0
    /// Some documents failed; the report (listing them) was written.
    case partial = 1
    /// Every document failed (the report listing them was written): a night with nothing to
    /// read must not pass for a partial success, so schedulers count it as a failure.
    case allFailed = 2
    /// `merge`: a shard result is missing, unfinished, or of another night, inputs or pipeline;
    /// the message names it and nothing is written (a report with a silent gap would pass for whole).
    case shardMissing = 3
    /// Wrong arguments (sysexits EX_USAGE).
    case usage = 64
    /// The pipeline file or a lexicon is invalid (EX_DATAERR).
    case pipelineError = 65
    /// No input: the inputs name nothing that can be read (EX_NOINPUT).
    case noInput = 66
    /// An internal error (EX_SOFTWARE).
    case internalError = 70
    /// The output folder cannot be written (EX_CANTCREAT).
    case outputNotWritable = 73
    /// The report was written but the metrics file (`--metrics`) could not be (EX_IOERR): a
    /// monitor reading a stale file would believe the last run was fine.
    case metricsNotWritable = 74
    /// Another run holds the lock on the state (EX_TEMPFAIL: try again later).
    case locked = 75

    var exitCode: ExitCode { ExitCode(rawValue) }

    /// One line per code, for `--help` and the README.
    static let helpText = """
    Exit codes: 0 success; 1 some documents failed (report written); 2 every document failed \
    (report written); 3 merge: a shard is missing or incomplete (named; nothing written); 64 usage error; 65 pipeline file, lexicon or stage program error; 66 no input; \
    70 internal error; 73 output not writable; 74 the metrics file cannot be written; \
    75 another run holds the lock.
    """
}

/// Prints a message to standard error and exits with `status`.
func fail(_ status: ExitStatus, _ message: String) -> ExitCode {
    printError("claimsieve: \(message)", level: .error)
    return status.exitCode
}

/// A line for the operator on standard error: plain text, or one JSON object like every log
/// line when `--log-format json` is in force (a collector must be able to parse every line).
func printError(_ message: String, level: Logger.Level = .notice) {
    if LoggingBootstrap.format == .json {
        JSONLogHandler.write(level: level, label: "claimsieve", message: message, metadata: [:])
        return
    }
    var standardError = StandardError()
    print(message, to: &standardError)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleOutput.writeStandardError(string)
    }
}
