public import ClaimSieveCore
import Foundation

/// How well the tagger and the verdict rules agree with hand-labelled sentences: precision, recall
/// and F1 per verdict, macro F1, accuracy and a confusion matrix.
///
/// Labelled lines are `verdict<TAB>sentence`; `#` comments and blank lines are skipped so a
/// labelled file can explain itself. Each sentence is judged on its own (no document context),
/// which is what a lone-sentence benchmark measures.
public struct VerdictEvaluation: Sendable {
    /// Precision, recall and F1 of one verdict.
    public struct Scores: Sendable, Equatable {
        /// Of the sentences given this verdict, the share that carry it as label.
        public var precision: Double
        /// Of the sentences labelled with this verdict, the share that got it.
        public var recall: Double
        /// Harmonic mean of precision and recall: high only when both are.
        public var f1: Double
        /// How many sentences carry this verdict as their label.
        public var support: Int
    }

    /// A sentence the analyzer got wrong, to show an editor what to fix.
    public struct Mistake: Sendable, Equatable {
        /// 1-based line in the labelled input.
        /// 1-based, as editors count.
    public var line: Int
        /// The label.
        public var expected: Verdict
        /// What the analyzer said.
        public var predicted: Verdict
        /// The sentence as labelled.
        public var text: String
        /// The cues behind the prediction, as `category:text`.
        public var cues: [String]
    }

    /// A printable report: per-verdict precision/recall/F1, accuracy and a confusion matrix.
    public var report: String
    /// Share of sentences whose verdict matches the label.
    public var accuracy: Double
    /// Unweighted mean of the per-verdict F1, so a rare verdict counts as much as a common one.
    public var macroF1: Double
    /// Per verdict, so a weak verdict is not hidden by a strong average.
    public var scores: [Verdict: Scores]
    /// `confusion[expected][predicted]`: how many sentences.
    public var confusion: [Verdict: [Verdict: Int]]
    /// Every wrong sentence, in file order, to show what to fix.
    public var mistakes: [Mistake]
    /// Number of labelled sentences.
    public var count: Int

    /// Judges every labelled line; a malformed line is an error naming its line number, because
    /// a silently skipped label would flatter the scores.
    public static func evaluate(labelledLines: [String], analyzer: SentenceAnalyzer) throws -> VerdictEvaluation {
        var confusion: [Verdict: [Verdict: Int]] = [:]
        var mistakes: [Mistake] = []
        var count = 0
        var right = 0
        for (offset, raw) in labelledLines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let tab = line.firstIndex(of: "\t") else {
                throw LabelledLineError(line: offset + 1, message: "expected verdict<TAB>sentence")
            }
            let label = line[..<tab].trimmingCharacters(in: .whitespaces)
            let sentence = line[line.index(after: tab)...].trimmingCharacters(in: .whitespaces)
            guard let expected = Verdict(rawValue: label), expected.isJudged else {
                throw LabelledLineError(
                    line: offset + 1,
                    message: "unknown verdict '\(label)' (expected \(Verdict.judged.map(\.rawValue).joined(separator: ", ")))")
            }
            guard !sentence.isEmpty else { throw LabelledLineError(line: offset + 1, message: "empty sentence") }
            let claim = analyzer.analyze([sentence])[0]
            let predicted = claim.verdict ?? .confirmed
            confusion[expected, default: [:]][predicted, default: 0] += 1
            count += 1
            if predicted == expected {
                right += 1
            } else {
                mistakes.append(
                    Mistake(
                        line: offset + 1, expected: expected, predicted: predicted, text: sentence,
                        cues: claim.cues.map { "\($0.category.rawValue):\($0.text)" }))
            }
        }
        var scores: [Verdict: Scores] = [:]
        for verdict in Verdict.judged {
            let truePositives = confusion[verdict]?[verdict] ?? 0
            let predicted = Verdict.judged.reduce(0) { $0 + (confusion[$1]?[verdict] ?? 0) }
            let support = confusion[verdict]?.values.reduce(0, +) ?? 0
            let precision = predicted == 0 ? 0 : Double(truePositives) / Double(predicted)
            let recall = support == 0 ? 0 : Double(truePositives) / Double(support)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            scores[verdict] = Scores(precision: precision, recall: recall, f1: f1, support: support)
        }
        let present = Verdict.judged.filter { (scores[$0]?.support ?? 0) > 0 }
        let macroF1 = present.isEmpty ? 0 : present.reduce(0) { $0 + (scores[$1]?.f1 ?? 0) } / Double(present.count)
        let accuracy = count == 0 ? 0 : Double(right) / Double(count)
        var evaluation = VerdictEvaluation(
            report: "", accuracy: accuracy, macroF1: macroF1, scores: scores, confusion: confusion,
            mistakes: mistakes, count: count)
        evaluation.report = evaluation.render()
        return evaluation
    }

    private func render() -> String {
        func number(_ value: Double) -> String { String(format: "%.3f", value) }
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
        }
        var lines: [String] = []
        lines.append(pad("verdict", 12) + pad("precision", 11) + pad("recall", 9) + pad("f1", 8) + "support")
        for verdict in Verdict.judged {
            guard let score = scores[verdict] else { continue }
            lines.append(
                pad(verdict.rawValue, 12) + pad(number(score.precision), 11) + pad(number(score.recall), 9)
                    + pad(number(score.f1), 8) + "\(score.support)")
        }
        let right = count - mistakes.count
        lines.append("")
        lines.append("accuracy \(number(accuracy)) (\(right)/\(count))   macro F1 \(number(macroF1))")
        lines.append("")
        lines.append("confusion (rows: label, columns: predicted)")
        lines.append(pad("", 12) + Verdict.judged.map { pad($0.rawValue, 12) }.joined())
        for expected in Verdict.judged {
            lines.append(
                pad(expected.rawValue, 12)
                    + Verdict.judged.map { pad("\(confusion[expected]?[$0] ?? 0)", 12) }.joined())
        }
        if !mistakes.isEmpty {
            lines.append("")
            lines.append("mistakes:")
            for mistake in mistakes {
                let cues = mistake.cues.isEmpty ? "no cues" : mistake.cues.joined(separator: ", ")
                lines.append(
                    "  line \(mistake.line): \(mistake.expected.rawValue) → \(mistake.predicted.rawValue): \(mistake.text) [\(cues)]")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A labelled line that cannot be read, with its 1-based line number.
public struct LabelledLineError: Error, CustomStringConvertible, Sendable {
    /// 1-based line number in the labelled file, so the line can be found and fixed.
    public var line: Int
    /// What is wrong with the line.
    public var message: String
    /// "line N: message", for the command line.
    public var description: String { "line \(line): \(message)" }
}
