import ArgumentParser
import ClaimSieveCore
import Logging
import Foundation

/// `--log-level` and `--quiet`, shared by the commands that log.
struct LogOptions: ParsableArguments {
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "warning"

    @Option(help: "Log format: text (for people) or json (one object per line, for log collectors).")
    var logFormat: LogFormat = .text

    enum LogFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("unknown log level '\(logLevel)'")
        }
    }

    /// Installs the log handler once; swift-log's `bootstrap` is the registry of handlers.
    func bootstrap() -> Logger {
        let level = Logger.Level(rawValue: logLevel) ?? .warning
        let format = logFormat
        LoggingBootstrap.once(format: format, level: level)
        var logger = Logger(label: "claimsieve")
        logger.logLevel = level
        return logger
    }
}

enum LoggingBootstrap {
    private static let done = Locked(false)
    private static let chosen = Locked(LogOptions.LogFormat.text)

    /// The format in force (text until a command bootstraps logging).
    static var format: LogOptions.LogFormat { chosen.withLock { $0 } }

    static func once(format: LogOptions.LogFormat, level: Logger.Level) {
        let first = done.withLock { done -> Bool in
            defer { done = true }
            return !done
        }
        guard first else { return }
        chosen.withLock { $0 = format }
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler
            switch format {
            case .text: handler = StreamLogHandler.standardError(label: label)
            case .json: handler = JSONLogHandler(label: label)
            }
            handler.logLevel = level
            return handler
        }
    }
}

/// One JSON object per line on standard error: what Kubernetes and journald collectors parse.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        Self.write(level: event.level, label: label, message: event.message.description,
                   metadata: metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }))
    }

    /// One log line as JSON on standard error; also used for the run's closing and error lines.
    static func write(level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) {
        var object: [String: String] = [
            "time": ISO8601DateFormatter().string(from: Date()),
            "level": level.rawValue,
            "label": label,
            "message": message,
        ]
        for (key, value) in metadata {
            object[key] = value.description
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if let data = try? encoder.encode(object) {
            FileHandleOutput.writeStandardError(String(decoding: data, as: UTF8.self) + "\n")
        }
    }
}
