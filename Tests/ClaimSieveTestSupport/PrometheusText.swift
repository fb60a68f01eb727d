/// A strict reader of the Prometheus text exposition format, for tests: every line must be a
/// comment (`# HELP` / `# TYPE`), blank, or `name{labels} value`.
public enum PrometheusText {
    /// Samples by `name{labels}`; an unparseable line is returned under the key `"!error"`.
    public static func samples(_ text: String) -> [String: Double] {
        var result: [String: Double] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") { continue }
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                result["!error"] = 1
                continue
            }
            let key = String(line[..<space])
            let name = key.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" }
            guard !name.isEmpty, key == name || (key.dropFirst(name.count).hasPrefix("{") && key.hasSuffix("}")) else {
                result["!error"] = 1
                continue
            }
            result[key] = value
        }
        return result
    }
}
