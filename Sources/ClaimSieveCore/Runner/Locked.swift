import Foundation

/// A value behind a lock that escaping Dispatch closures can share.
///
/// A `pthread` mutex (through `NSLock`) rather than `Synchronization.Mutex`: ThreadSanitizer
/// intercepts pthread locks but not the futex under `Mutex`, so with `Mutex` every access it
/// protects was reported as a race, and the TSan lane could not tell a real race from the lock.
///
/// `@unchecked Sendable`: `value` is touched only inside `withLock`, under `lock`.
public final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    /// Wraps the initial value; from now on it is reached only through `withLock`.
    public init(_ value: Value) { self.value = value }

    /// Runs `body` with exclusive access to the value; keep it short, other threads wait meanwhile.
    public func withLock<Result: Sendable>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
