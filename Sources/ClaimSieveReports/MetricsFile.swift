public import Foundation
import Prometheus

/// `--metrics FILE.prom`: the run's outcome in Prometheus text format, for node_exporter's
/// textfile collector or a push to a Pushgateway. Written to a temporary file and renamed, so a
/// scrape never reads half a file.
public struct MetricsFile: Sendable {
    /// Wall time of the run in seconds (`claimsieve_run_duration_seconds`).
    public var durationSeconds: Double
    /// Documents processed in this run.
    public var processed: Int
    /// Documents taken from the state because their input was unchanged.
    public var skipped: Int
    /// Documents that failed; more than 0 makes `success` false.
    public var failed: Int
    /// Claims in the report by verdict raw value ("confirmed", ...), one labelled gauge each.
    public var verdicts: [String: Int]
    /// Claims new or updated since the previous report.
    public var newClaims: Int
    /// True when a report was written and no document failed.
    public var success: Bool
    /// End of the last run that wrote a report; nil omits the timestamp gauge.
    public var lastSuccess: Date?

    /// Memberwise: the caller gathers the values from the run summary and the state.
    public init(durationSeconds: Double, processed: Int, skipped: Int, failed: Int, verdicts: [String: Int],
                newClaims: Int, success: Bool, lastSuccess: Date?) {
        self.durationSeconds = durationSeconds
        self.processed = processed
        self.skipped = skipped
        self.failed = failed
        self.verdicts = verdicts
        self.newClaims = newClaims
        self.success = success
        self.lastSuccess = lastSuccess
    }

    /// The metrics as Prometheus text.
    public func render() -> String {
        let registry = PrometheusCollectorRegistry()
        func gauge(_ name: String, unit: String = "", _ help: String, labels: [(String, String)] = []) -> Gauge {
            let descriptor = MetricNameDescriptor(namespace: "claimsieve", metricName: name, unitName: unit, helpText: help)
            return registry.makeGauge(descriptor: descriptor, labels: labels)
        }
        gauge("run_duration", unit: "seconds", "Wall time of the last run.").set(to: durationSeconds)
        for (state, value) in [("processed", processed), ("skipped", skipped), ("failed", failed)] {
            gauge("documents", "Documents of the last run: processed, skipped as unchanged, failed.",
                  labels: [("state", state)]).set(to: Double(value))
        }
        for verdict in verdicts.keys.sorted() {
            gauge("claims", "Claims in the last report by verdict.", labels: [("verdict", verdict)])
                .set(to: Double(verdicts[verdict] ?? 0))
        }
        gauge("new_claims", "Claims new or updated since the previous report.").set(to: Double(newClaims))
        gauge("last_run_success", "1 when the last run wrote a report with no failed document.").set(to: success ? 1 : 0)
        if let lastSuccess {
            gauge("last_success_timestamp", unit: "seconds", "Unix time of the last run that wrote a report.")
                .set(to: lastSuccess.timeIntervalSince1970)
        }
        return registry.emitToString()
    }

    /// Writes the metrics atomically.
    public func write(to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        try Data(render().utf8).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
