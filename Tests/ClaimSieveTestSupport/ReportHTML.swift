import Foundation

/// Reads `report.html`'s data (the `<script type="application/json" id="report-data">` its
/// script lists the claims from) the way the page's script does, for tests that check what an
/// editor is shown without a browser (`scripts/check-report.sh` checks it in one).
public enum ReportHTML {
    public struct Missing: Error {}

    /// The page's data: `claims`, `groups`, `docs`, `pubs`, `cats`, `words`.
    public static func data(_ html: String) throws -> [String: Any] {
        let open = "<script type=\"application/json\" id=\"report-data\">"
        guard let start = html.range(of: open), let end = html.range(of: "</script>", range: start.upperBound..<html.endIndex),
              let data = try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any]
        else { throw Missing() }
        return data
    }

    /// The data's text between the script element's tags, as written.
    public static func rawData(_ html: String) -> String {
        let open = "<script type=\"application/json\" id=\"report-data\">"
        guard let start = html.range(of: open), let end = html.range(of: "</script>", range: start.upperBound..<html.endIndex) else { return "" }
        return String(html[start.upperBound..<end.lowerBound])
    }

    /// Every claim, in run order.
    public static func claims(_ html: String) throws -> [[String: Any]] {
        try data(html)["claims"] as? [[String: Any]] ?? []
    }

    /// The claims a section lists, in its order: `new` (new or updated since the last report,
    /// least certain first), a verdict (`unverified`, ..., `not_judged`) or `not-statements`.
    public static func list(_ name: String, in html: String) throws -> [[String: Any]] {
        let claims = try claims(html)
        if name == "new" {
            return ["unverified", "attributed", "confirmed"].flatMap { verdict in
                claims.filter { $0["kd"] == nil && $0["n"] != nil && $0["v"] as? String == verdict }
            }
        }
        if name == "not-statements" { return claims.filter { $0["kd"] != nil } }
        return claims.filter { $0["kd"] == nil && $0["v"] as? String == name }
    }

    /// The ids of the claims listed under "New since the last run".
    public static func newIDs(_ html: String) -> [String] {
        ((try? list("new", in: html)) ?? []).compactMap { $0["i"] as? String }
    }
}
