/// A length of time as an operator writes it in a pipeline file: `10s`, `500ms`, `2m`, `1h`, or a
/// bare number of seconds.
///
/// A typed value instead of a bare number, so that `timeout: soon` is rejected by `validate` with
/// its line and the accepted forms, rather than failing every document at 3 a.m.
public struct StageDuration: Decodable, Sendable, Equatable, CustomStringConvertible {
    /// The duration in seconds (always above zero).
    public var seconds: Double

    /// Builds a duration in code; callers guarantee `seconds > 0`.
    public init(seconds: Double) {
        self.seconds = seconds
    }

    /// Parses `10s`, `500ms`, `2m`, `1h`, `1.5s` or `10`; `nil` for anything else or for zero,
    /// because a zero timeout would fail every document.
    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace()
        let units: [(suffix: String, factor: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        var number = trimmed
        var factor = 1.0
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            number = String(trimmed.dropLast(unit.suffix.count)).trimmingWhitespace()
            factor = unit.factor
            break
        }
        // At most a week: a longer timeout is a typo, and larger numbers overflow the clock.
        guard let value = Double(number), value.isFinite, value > 0, value * factor <= 604_800 else { return nil }
        seconds = value * factor
    }

    /// Accepts a YAML number (seconds) or a string with a unit; the error names the accepted forms,
    /// which `validate` prints beside the option's line.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String
        if let number = try? container.decode(Double.self) {
            text = String(number)
        } else if let string = try? container.decode(String.self) {
            text = string
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a duration such as 10s, 500ms or 2m, or a number of seconds")
        }
        guard let parsed = StageDuration(parsing: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected a duration above zero such as 10s, 500ms or 2m, or a number of seconds; found '\(text)'")
        }
        self = parsed
    }

    /// The shortest readable form (`500ms`, `10s`, `1.5s`), as used in failure reasons.
    public var description: String {
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        if seconds == seconds.rounded() { return "\(Int(seconds))s" }
        return "\(seconds)s"
    }
}

extension String {
    /// Spaces and tabs off both ends (Foundation-free, so this file needs no import).
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
