import Synchronization

/// A value behind a mutex that escaping Dispatch closures can share (a `Mutex` itself cannot be
/// captured: it is not copyable).
public final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    /// Wraps the initial value; from now on it is reached only through `withLock`.
    public init(_ value: Value) { mutex = Mutex(value) }

    /// Runs `body` with exclusive access to the value; keep it short, other threads wait meanwhile.
    public func withLock<Result: Sendable>(_ body: (inout sending Value) throws -> sending Result) rethrows -> Result {
        try mutex.withLock(body)
    }
}
