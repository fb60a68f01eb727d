import ClaimSieveReports
import ClaimSieveTestSupport
import Foundation
import Testing

@Suite struct MetricsFileTests {
    @Test func writesPrometheusTextFormat() throws {
        let path = TestPaths.temporaryFolder() + "/claimsieve.prom"
        let metrics = MetricsFile(durationSeconds: 1.5, processed: 3, skipped: 2, failed: 1,
                                  verdicts: ["confirmed": 4, "unverified": 2], newClaims: 5, success: false,
                                  lastSuccess: Date(timeIntervalSince1970: 1_700_000_000))
        try metrics.write(to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let samples = PrometheusText.samples(text)
        #expect(samples["claimsieve_run_duration_seconds"] == 1.5)
        #expect(samples["claimsieve_documents{state=\"skipped\"}"] == 2)
        #expect(samples["claimsieve_claims{verdict=\"unverified\"}"] == 2)
        #expect(samples["claimsieve_new_claims"] == 5)
        #expect(samples["claimsieve_last_run_success"] == 0)
        #expect(samples["claimsieve_last_success_timestamp_seconds"] == 1_700_000_000)
        #expect(text.contains("# TYPE claimsieve_documents gauge"))
    }
}
