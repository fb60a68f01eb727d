import Foundation

/// The seed article's expected verdicts (`../shared/seed/seed-labels.tsv`).
public struct SeedLabel: Sendable, CustomStringConvertible {
    /// `confirmed`, `attributed`, `unverified`, or `none` for a unit that is not a claim.
    public var verdict: String
    public var keyPhrase: String
    public var description: String { "\(verdict): \(keyPhrase)" }

    public static func load() throws -> [SeedLabel] {
        let text = try String(contentsOfFile: TestPaths.inShared("seed/seed-labels.tsv"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return SeedLabel(verdict: String(parts[0]), keyPhrase: String(parts[1]))
        }
    }

    /// Folds curly quotes to straight ones and runs of white space to one space, as the checker does.
    public static func fold(_ text: String) -> String {
        var result = ""
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{201C}", "\u{201D}", "\u{201E}", "\u{00AB}", "\u{00BB}": result += "\""; lastWasSpace = false
            case "\u{2018}", "\u{2019}", "\u{201A}": result += "'"; lastWasSpace = false
            case " ", "\t", "\n", "\r", "\u{00A0}":
                if !lastWasSpace { result += " " }
                lastWasSpace = true
            default:
                result.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
        }
        return result
    }
}
