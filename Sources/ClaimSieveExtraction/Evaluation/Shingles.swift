/// The article-extraction benchmark's comparison: `\w+` tokens, 4-token shingles as multisets.
enum Shingles {
    /// Python's `\w` under `re.UNICODE`: letters, digits and numbers of every script, and `_`.
    @inline(__always)
    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let value = scalar.value
            return (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A) || value == 0x5F
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    static func tokens(_ text: String) -> [Substring] {
        var result: [Substring] = []
        let scalars = text.unicodeScalars
        var start: String.UnicodeScalarView.Index?
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if isWord(scalars[index]) {
                if start == nil { start = index }
            } else if let begin = start {
                result.append(Substring(scalars[begin..<index]))
                start = nil
            }
            index = scalars.index(after: index)
        }
        if let begin = start { result.append(Substring(scalars[begin..<scalars.endIndex])) }
        return result
    }

    /// Shingles counted as a multiset; fewer than `n` tokens make one short shingle, as in the benchmark.
    static func counts(_ text: String, n: Int = 4) -> [String: Int] {
        let words = tokens(text)
        var result: [String: Int] = [:]
        guard !words.isEmpty else { return result }
        let last = max(1, words.count - n + 1)
        for start in 0..<last {
            let shingle = words[start..<min(start + n, words.count)].joined(separator: "\u{1}")
            result[shingle, default: 0] += 1
        }
        return result
    }

    /// tp, fp and fn over shingles, normalised by their sum so every page weighs the same.
    static func match(expected: String, extracted: String) -> (tp: Double, fp: Double, fn: Double) {
        let truth = counts(expected)
        let predicted = counts(extracted)
        var tp = 0.0, fp = 0.0, fn = 0.0
        for (key, trueCount) in truth {
            let predictedCount = predicted[key] ?? 0
            tp += Double(min(trueCount, predictedCount))
            fn += Double(max(0, trueCount - predictedCount))
            fp += Double(max(0, predictedCount - trueCount))
        }
        for (key, predictedCount) in predicted where truth[key] == nil { fp += Double(predictedCount) }
        let sum = tp + fp + fn
        return sum > 0 ? (tp / sum, fp / sum, fn / sum) : (0, 0, 0)
    }
}
