import ClaimSieveCore
import ClaimSieveExtraction
import Foundation
import Testing

@Suite struct CharsetTests {
    private func page(_ body: String, meta: String = "<meta charset=\"utf-8\">") -> String {
        "<html><head>\(meta)<title>Caf\u{E9} Opens</title></head><body><article><p>\(body)</p></article></body></html>"
    }

    private func text(_ data: Data) throws -> String {
        try Extractor.extract(data, path: "p.html", format: .html).flatMap(\.blocks).map(\.text).joined(separator: "\n")
    }

    @Test func windows1252BytesUnderAUTF8Declaration() throws {
        // “Café” – naïve: curly quotes, é, en dash and ï as single windows-1252 bytes.
        var bytes = Array("<html><head><meta charset=\"utf-8\"></head><body><article><p>".utf8)
        bytes += [0x93, 0x43, 0x61, 0x66, 0xE9, 0x94, 0x20, 0x96, 0x20, 0x6E, 0x61, 0xEF, 0x76, 0x65, 0x20]
        bytes += Array("said the owner, who opened the place on Monday after months of work on the building.</p></article></body></html>".utf8)
        let result = try text(Data(bytes))
        #expect(result.contains("\u{201C}Caf\u{E9}\u{201D} \u{2013} na\u{EF}ve said the owner"))
        #expect(!result.contains("\u{FFFD}"))
    }

    @Test func declaredWindows1252() throws {
        var bytes = Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><article><p>".utf8)
        bytes += [0x43, 0x61, 0x66, 0xE9, 0x20, 0x80, 0x35]
        bytes += Array(" is the price of a coffee at the new place, the owner said on Monday morning.</p></article></body></html>".utf8)
        #expect(try text(Data(bytes)).contains("Caf\u{E9} \u{20AC}5 is the price"))
    }

    @Test func utf8ByteOrderMark() throws {
        let data = Data([0xEF, 0xBB, 0xBF] + Array(page("Z\u{FC}rich and S\u{E3}o Paulo signed a partnership agreement on Tuesday, the two cities said in a joint statement.").utf8))
        let document = try #require(try Extractor.extract(data, path: "bom.html", format: .html).first)
        #expect(document.blocks.contains { $0.text.hasPrefix("Z\u{FC}rich and S\u{E3}o Paulo signed") })
        #expect(!document.blocks.contains { $0.text.contains("\u{FEFF}") })
    }

    @Test func utf16WithByteOrderMark() throws {
        let html = page("\u{41C}\u{43E}\u{441}\u{43A}\u{432}\u{430} and \u{6771}\u{4EAC} are both named in this sentence, which is long enough to count as a paragraph.")
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in html.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try text(Data(bytes)).contains("\u{41C}\u{43E}\u{441}\u{43A}\u{432}\u{430} and \u{6771}\u{4EAC} are both named"))
    }

    @Test func invalidBytesAreReplacedNotFatal() throws {
        var bytes = Array(page("Mostly valid UTF-8 text: \u{E9}t\u{E9}, na\u{EF}ve, \u{201C}quoted\u{201D}, and a long enough sentence to be a paragraph.").utf8)
        if let index = bytes.firstIndex(of: UInt8(ascii: "M")) { bytes.insert(0xFF, at: index) }
        let result = try text(Data(bytes))
        #expect(result.contains("\u{E9}t\u{E9}, na\u{EF}ve, \u{201C}quoted\u{201D}"))
        #expect(result.contains("\u{FFFD}Mostly"))
    }

    @Test func legacyDeclaredEncodingIsConvertedByLibxml2() throws {
        // "Привет" in windows-1251.
        var bytes = Array("<html><head><meta charset=\"windows-1251\"></head><body><article><p>".utf8)
        bytes += [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]
        bytes += Array(", said the first line of the letter, which was written in Russian and sent from Moscow last week.</p></article></body></html>".utf8)
        #expect(try text(Data(bytes)).contains("\u{41F}\u{440}\u{438}\u{432}\u{435}\u{442}, said the first line"))
    }
}
