/// Why one document's round trip to the program failed.
///
/// The distinction that matters is `restartsProcess`: after a timeout, a crash, an oversize or
/// unreadable answer, or a wrong id, the stream is out of step (or the process is gone), so the
/// process is killed and a fresh one serves the next document. An `error` answer or a document that
/// does not decode comes from a program that is still in step, so it keeps running.
enum ExchangeFailure: Error, Sendable {
    /// The program could not be started at all.
    case launch(String)
    /// No complete answer line within the timeout.
    case timedOut(StageDuration)
    /// The process ended (or closed its standard input or output); the text says how.
    case exited(String)
    /// The process ended before reading any byte of its first document: it cannot start, and
    /// every document would fail the same way, so the run stops (exit 65).
    case exitedAtStart(String)
    /// The answer line grew past `max_bytes`.
    case oversize(limit: Int)
    /// The answer line is not a JSON object with a numeric `id`.
    case notJSON(preview: String)
    /// The answer belongs to another request.
    case wrongID(expected: Int, found: String)
    /// More than one line came back for one request: the stream is out of step, and the extra
    /// line must not be read as the next document's answer.
    case extraAnswer(preview: String)
    /// The program answered `{"id": N, "error": "..."}`.
    case answeredError(String)
    /// The answer is in step but its document is not schema 1.
    case badDocument(String)

    var restartsProcess: Bool {
        switch self {
        case .launch, .timedOut, .exited, .exitedAtStart, .oversize, .notJSON, .wrongID, .extraAnswer: true
        case .answeredError, .badDocument: false
        }
    }

    /// The part of the failure reason after the command's label.
    var explanation: String {
        switch self {
        case .launch(let message): "could not be started: \(message)"
        case .timedOut(let timeout): "gave no answer within \(timeout) (timeout)"
        case .exited(let how): how
        case .exitedAtStart(let how): "\(how) before reading its first document (its standard error is logged at the stage's stderr_level, info by default: --log-level at that level shows it)"
        case .oversize(let limit): "answered more than \(limit) bytes on one line (max_bytes)"
        case .notJSON(let preview): "answered a line that is not a JSON object with an \"id\": \(preview)"
        case .wrongID(let expected, let found): "answered id \(found) to request \(expected)"
        case .extraAnswer(let preview): "answered more than one line to one document (the next began \(preview))"
        case .answeredError(let message): "answered an error: \(message)"
        case .badDocument(let message): "answered a document that does not fit schema \(StageProtocol.schema): \(message)"
        }
    }
}
