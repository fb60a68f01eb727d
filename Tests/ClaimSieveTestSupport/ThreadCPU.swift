import Foundation

/// CPU time spent by the calling thread, for tests that check an algorithm's cost.
///
/// Why not the wall clock: on a loaded CI machine, with the whole suite's end-to-end runs beside
/// it, a test of 0.3 s of work was seen to take over 100 s of wall time, so a wall-clock limit
/// is a flaky test. The thread's own CPU time does not move with the load, and a quadratic
/// regression on the tests' inputs still costs hours of it.
public enum ThreadCPU {
    /// Seconds of CPU the calling thread spends in `body`.
    public static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = now()
        try body()
        return now() - start
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
