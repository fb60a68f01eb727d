import ClaimSieveCore
@testable import ClaimSieveExtraction
import ClaimSieveTestSupport
import Foundation
import Testing

/// The headline's comparison key and the title's parts are made on bytes where that gives what
/// Foundation gives (issue 12); compared with Foundation's way on generated titles.
@Suite struct HeadlineBytesTests {
    static let pieces = ["Story", "story", "SITE", "Site", " ", "  ", "\t", " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " : ", "|", "-",
                         "’", "“", "”", "…", "\u{A0}", "\u{2009}", "\u{2070}", "\u{2071}", "é", "É", "İ", "ß", "Σ", "中", "1", "x", "news", "The"]

    static func titles() -> [String] {
        var generator = SplitMix64(state: 2026)
        var titles = ["", "Plain Title", "A – B", "Site | Story of the day here", "Story of the day here - Site"]
        for _ in 0..<3_000 {
            var title = ""
            for _ in 0..<Int.random(in: 0..<14, using: &generator) { title += pieces.randomElement(using: &generator)! }
            titles.append(title)
        }
        return titles
    }

    @Test func comparableIsFoundationsFolding() {
        for title in Self.titles() {
            #expect(HTMLExtractor.comparable(title) == HTMLExtractor.slowComparable(title), "\(title.debugDescription)")
        }
    }

    /// Why the bytes may drop these: no letter, digit or mark among them, and no case.
    @Test func droppedScalarsHoldNoLetterNorCase() {
        for value in [0xA0] + Array(0x2000...0x206F) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(!CharacterSet.alphanumerics.contains(scalar), "\(value)")
            #expect(String(scalar).lowercased() == String(scalar), "\(value)")
        }
    }

    @Test func asciiPartsAreFoundationsComponents() {
        for title in Self.titles() where title.utf8.allSatisfy({ $0 < 0x80 }) {
            for separator in [" | ", " - ", " :: ", " : "] {
                let expected = title.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }
                #expect(HeadMetadata.asciiParts(title, separator) == expected, "\(title.debugDescription) \(separator)")
            }
        }
    }
}
