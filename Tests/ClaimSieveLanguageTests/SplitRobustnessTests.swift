import ClaimSieveLanguage
import ClaimSieveTestSupport
import Foundation
import Testing

/// Inputs and rule files found by the review to trap: each must give a result or an error.
@Suite("Split: robustness")
struct SplitRobustnessTests {
    @Test("a long run of digits where a list marker could start does not overflow")
    func longNumbers() throws {
        let splitter = try SentenceSplitter()
        #expect(splitter.split("99999999999999999999. Foo bar.") == ["99999999999999999999.", "Foo bar."])
        #expect(splitter.split("Intro text here. 123456789012345678901234. Foo").count >= 2)
    }

    /// Linear time is checked on this thread's own CPU time (about 0.3 s in a debug build; see
    /// `ThreadCPU`); the time limit only stops a hang.
    @Test("the real-text rules read a bounded stretch: hostile runs split in linear time", .timeLimit(.minutes(10)))
    func hostileRuns() throws {
        let splitter = try SentenceSplitter()
        let word = String(repeating: "A", count: 100_000)
        let cases = [
            word + String(repeating: " 1.", count: 20_000),                         // section numbers after a huge first word
            String(repeating: " ", count: 100_000) + String(repeating: "x,", count: 50_000),  // commas after a long blank run
            String(repeating: "http://a.b/", count: 20_000) + " Next",             // one huge URL
            String(repeating: "a.1 ", count: 30_000) + "Take",                     // footnote-like numbers
            String(repeating: "[1] ", count: 30_000),                              // reference markers
            String(repeating: "。", count: 50_000) + String(repeating: "．１", count: 20_000),
            String(repeating: "x .......... 5 ", count: 10_000) + "Chapter",
            String(repeating: "Thanks, ", count: 20_000) + "Anne",
        ]
        let seconds = ThreadCPU.seconds {
            for text in cases {
                #expect(!splitter.split(text).isEmpty)
            }
        }
        #expect(seconds < 20, "\(seconds) s of CPU")
    }

    @Test("a number in the rules file out of its range is an error naming the key")
    func boundedRules() throws {
        let path = TestPaths.temporaryFolder("split-rules") + "/rules.yml"
        try "dateline:\n  max_bytes: 9223372036854775807\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try SentenceSplitter(options: .init(rulesPath: path))
        } throws: { error in
            "\(error)".contains("max_bytes must be from 1 to 10000")
        }
    }
}

@Suite("Lexicon: bounds")
struct LexiconBoundsTests {
    @Test("a gap beyond 20 words is an error, not a trap")
    func hugeGap() {
        var lexicon = Lexicon()
        #expect(throws: LexiconError.self) {
            try lexicon.add(yaml: "cues:\n  - {phrase: \"a * source\", category: unnamed_source, gap: 3000000000}\n", file: "big.yml")
        }
    }
}
