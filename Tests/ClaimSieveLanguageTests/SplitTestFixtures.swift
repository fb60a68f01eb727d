import ClaimSieveLanguage
import ClaimSieveTestSupport
import Foundation

/// The shipped rules, loaded once for all split tests.
let splitRules: SplitterRules = {
    do {
        return try SplitterRules.load(path: TestPaths.inRepository("pipelines/lexicons/en-splitter.yml"))
    } catch {
        fatalError("cannot load en-splitter.yml: \(error)")
    }
}()

/// A splitter with the shipped rules and default options.
let splitter = SentenceSplitter(rules: splitRules)

/// The non-claim classifier with the shipped rules.
let nonClaims = NonClaimClassifier(rules: splitRules)

/// Folds curly quotes to straight ones and collapses whitespace, as the seed labels are matched.
func foldForMatching(_ text: String) -> String {
    let straight = text
        .replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
        .replacingOccurrences(of: "‘", with: "'").replacingOccurrences(of: "’", with: "'")
    return straight.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}
