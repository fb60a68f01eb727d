@testable import ClaimSieveExtraction
import Foundation
import ClaimSieveTestSupport
import Testing

/// The shortcuts extraction takes around Foundation's string calls give Foundation's answers.
@Suite struct TextShortcutTests {
    typealias Generator = SplitMix64

    static let pieces = ["a", "Z", "9", " ", "\t", "\n", "\r\n", "\u{A0}", "\u{2003}", "\u{3000}", "\u{85}", "é", "e\u{301}", " \u{301}", "-", "|", "–", "—", "·", "»", ":", "LD+JSON", "ld+json", "ld+jso"]

    static func randomText(_ random: inout Generator) -> String {
        (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    @Test("Trim.whitespaceAndNewlines is Foundation's trim on 20,000 random texts")
    func trim() {
        var random = Generator(state: 11)
        for _ in 0..<20_000 {
            let text = Self.randomText(&random)
            // Byte for byte: `==` on strings would let canonically equal texts pass.
            #expect(Array(Trim.whitespaceAndNewlines(text).utf8) == Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8), "\(text.debugDescription)")
            let sub = text.dropFirst()
            #expect(Array(Trim.whitespaceAndNewlines(sub).utf8) == Array(sub.trimmingCharacters(in: .whitespacesAndNewlines).utf8), "\(sub.debugDescription)")
        }
    }

    @Test("the title separators and the ld+json test find what Foundation finds in ASCII text")
    func asciiSearch() {
        var random = Generator(state: 12)
        let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " : "]
        var checked = 0
        for _ in 0..<20_000 {
            let text = Self.randomText(&random)
            #expect(HeadMetadata.namesJSONLD(text) == text.lowercased().contains("ld+json"), "\(text.debugDescription)")
            guard text.utf8.allSatisfy({ $0 < 0x80 }) else { continue }
            checked += 1
            for separator in separators {
                #expect(HeadMetadata.asciiContains(text, separator) == text.contains(separator), "\(text.debugDescription) \(separator)")
            }
        }
        #expect(checked > 1_000)
        #expect(HeadMetadata.namesJSONLD("Application/LD+JSON"))
        #expect(!HeadMetadata.namesJSONLD("text/javascript"))
    }

    @Test func comparableFoldsCaseAndKeepsLettersAndDigits() {
        #expect(HTMLExtractor.comparable("Russia’s “Army” — 2024") == "russiasarmy2024")
        #expect(HTMLExtractor.comparable("Café Society") == "cafésociety")
        #expect(HTMLExtractor.comparable("ASCII Only, Here!") == "asciionlyhere")
    }

    /// The census read 32 and 8 bytes at a time against one byte at a time.
    @Test("the UTF-8 census counts what a byte-by-byte count counts, on 5,000 random buffers")
    func census() {
        func simple(_ bytes: [UInt8]) -> (valid: Int, invalid: Int) {
            bytes.withUnsafeBufferPointer { input in
                var valid = 0, invalid = 0, index = 0
                while index < input.count {
                    if input[index] < 0x80 {
                        if input[index] == 0 { invalid += 1 }
                        index += 1
                    } else {
                        let length = Charset.sequenceLength(input, at: index)
                        if length > 0 { valid += 1; index += length } else { invalid += 1; index += 1 }
                    }
                }
                return (valid, invalid)
            }
        }
        var random = Generator(state: 13)
        let special: [[UInt8]] = [[0], [0x80], [0xC3, 0xA9], [0xE2, 0x80, 0x99], [0xF0, 0x9F, 0x98, 0x80], [0xFF], [0x01], [0x7F]]
        for _ in 0..<5_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...120, using: &random) {
                if Int.random(in: 0..<12, using: &random) == 0 {
                    bytes += special.randomElement(using: &random)!
                } else {
                    bytes.append(UInt8.random(in: 0x20...0x7E, using: &random))
                }
            }
            let got = bytes.withUnsafeBufferPointer { Charset.utf8Census($0) }
            let expected = simple(bytes)
            #expect(got.valid == expected.valid && got.invalid == expected.invalid, "\(bytes)")
            #expect(bytes.withUnsafeBufferPointer { Charset.copy($0) } == bytes)
        }
    }

    @Test("HTMLTag.from finds every name of its table, in any case, and nothing else")
    func tagNames() {
        func from(_ name: String) -> HTMLTag { Array(name.utf8).withUnsafeBufferPointer { HTMLTag.from($0) } }
        func unpack(_ key: UInt128) -> String {
            var bytes: [UInt8] = []
            var rest = key
            while rest != 0 { bytes.insert(UInt8(truncatingIfNeeded: rest), at: 0); rest >>= 8 }
            return String(decoding: bytes, as: UTF8.self)
        }
        #expect(HTMLTag.lookup.count > 60)
        for (key, tag) in HTMLTag.lookup {
            #expect(from(unpack(key)) == tag)
            #expect(from(unpack(key).uppercased()) == tag)
        }
        #expect(from("P") == .p && from("blockquote") == .blockquote && from("figcaption") == .figcaption)
        for name in ["", "x", "pp", "divx", "blockquotes", "spanspanspan", "math", "span", "h7"] { #expect(from(name) == .other, "\(name)") }
        var random = Generator(state: 14)
        for _ in 0..<20_000 {
            let name = String((0..<Int.random(in: 1...4, using: &random)).map { _ in "abdhilmnoprstuv1".randomElement(using: &random)! })
            var key: UInt128 = 0
            for byte in name.utf8 { key = key << 8 | UInt128(byte) }
            #expect(from(name) == HTMLTag.lookup[key] ?? .other, "\(name)")
        }
    }
}
