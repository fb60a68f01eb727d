import Logging
import Synchronization

/// Keeps every log event, so tests can see where a program's standard error went.
struct CapturingLogHandler: LogHandler {
    final class Store: Sendable {
        let events = Mutex<[(Logger.Level, String)]>([])
        var messages: [(Logger.Level, String)] { events.withLock { $0 } }
    }

    let store: Store
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        store.events.withLock { $0.append((event.level, event.message.description)) }
    }

    static func logger() -> (Logger, Store) {
        let store = Store()
        return (Logger(label: "claimsieve.command") { _ in CapturingLogHandler(store: store) }, store)
    }
}
