import Foundation

/// `12/200 inputs · 35.2/s · 0:03` on standard error, redrawn at most ten times a second; used
/// only when standard error is a terminal, so cron mail and log files never see it.
final class ProgressLine: @unchecked Sendable {
    let total: Int
    private var done = 0
    private let started = Date()
    private var lastDrawn = Date.distantPast

    init(total: Int) {
        self.total = total
    }

    func advance() {
        done += 1
        let now = Date()
        guard now.timeIntervalSince(lastDrawn) >= 0.1 || done == total else { return }
        lastDrawn = now
        draw(now)
    }

    func finish() {
        draw(Date())
        FileHandleOutput.writeStandardError("\n")
    }

    private func draw(_ now: Date) {
        let elapsed = now.timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let seconds = Int(elapsed)
        let line = String(format: "\r%d/%d inputs · %.1f/s · %d:%02d ", done, total, rate, seconds / 60, seconds % 60)
        FileHandleOutput.writeStandardError(line)
    }
}
