@testable import ClaimSieveExtraction
import CLibXML2
import ClaimSieveTestSupport
import Foundation
import Testing

/// `ClassHints.read` runs once per element on a reused byte buffer and a compiled automaton; these
/// tests compare it with the reading written plainly (lowercase each name, search every listed
/// name in it, split into tokens for the advertisement names) on real pages and random markup.
@Suite struct ClassHintsTests {
    /// The verdict's fields as one comparable value.
    static func fields(_ verdict: ClassHints.Verdict) -> [Int] {
        [verdict.weight, verdict.unlikely ? 1 : 0, verdict.hidden ? 1 : 0, verdict.caption ? 1 : 0, verdict.articleBody ? 1 : 0]
    }

    static func lowered(_ bytes: [UInt8]) -> [UInt8] { bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        return (0...(haystack.count - needle.count)).contains { haystack[$0] == needle[0] && haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    /// The attribute's text children, concatenated as libxml2 holds them.
    static func value(_ attribute: UnsafeMutablePointer<xmlAttr>) -> [UInt8] {
        var bytes: [UInt8] = []
        var child = attribute.pointee.children
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE, let content = current.pointee.content {
                bytes += Array(UnsafeBufferPointer(start: content, count: strlen(content)))
            }
            child = current.pointee.next
        }
        return bytes
    }

    /// The plain reading: the same rules as `ClassHints.read`, without its buffer or automaton.
    static func plainReading(_ node: NodePointer) -> ClassHints.Verdict {
        var verdict = ClassHints.Verdict()
        var names: [UInt8] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            guard let raw = current.pointee.name else { continue }
            let name = String(decoding: lowered(Array(UnsafeBufferPointer(start: raw, count: strlen(raw)))), as: UTF8.self)
            let text = value(current)
            let lower = lowered(text)
            switch name {
            case "class":
                names += [0x20] + lower
            case "id":
                // Five or more words of letters and digits joined by single `-` (one may end it).
                var words = text.split(separator: 0x2D, omittingEmptySubsequences: false)
                if words.count > 1, words.last?.isEmpty == true { words.removeLast() }
                let slug = words.count >= 5 && words.allSatisfy { word in
                    !word.isEmpty && word.allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 >= 0x30 && $0 <= 0x39 }
                }
                if !slug { names += [0x20] + lower }
            case "hidden":
                verdict.hidden = true
            case "style":
                let style = lower.filter { $0 != 0x20 }
                if find(Array("display:none".utf8), in: style) || find(Array("visibility:hidden".utf8), in: style) { verdict.hidden = true }
            case "role":
                if ClassHints.furnitureRoles.contains(lower) { verdict.hidden = true }
            case "itemprop":
                if lower == Array("articlebody".utf8) { verdict.articleBody = true; verdict.weight += 25 }
            default:
                break
            }
        }
        guard !names.isEmpty else { return verdict }
        func any(_ list: [String]) -> Bool { list.contains { find(Array($0.utf8), in: names) } }
        if any(ClassHints.bodyNames) { verdict.articleBody = true }
        if any(ClassHints.captionNames) { verdict.caption = true }
        if any(ClassHints.hiddenNames) { verdict.hidden = true }
        if any(ClassHints.negative) { verdict.weight -= 25 }
        if any(ClassHints.positive) { verdict.weight += 25 }
        let tokens = names.split(omittingEmptySubsequences: true) { $0 == 0x20 || $0 == 0x2D || $0 == 0x5F || $0 == 0x09 }
        if tokens.contains(where: { ClassHints.adTokens.contains(Array($0)) }) {
            verdict.weight -= 25
            verdict.unlikely = true
        }
        if any(ClassHints.unlikelyNames) && !any(ClassHints.maybeNames) { verdict.unlikely = true }
        return verdict
    }

    /// Every element of the parsed page with both verdicts; returns the number of elements and
    /// the first differing element's attributes.
    static func compare(_ html: Data) throws -> (elements: Int, firstDifference: String?) {
        try HTMLExtractor.parse(html) { document in
            guard let root = xmlDocGetRootElement(document) else { return (0, nil) }
            let scratch = ClassHints.Scratch(capacity: 4)  // small, so that growing is exercised
            var count = 0
            var difference: String?
            var stack: [NodePointer] = [root]
            while let node = stack.popLast() {
                if node.pointee.type == XML_ELEMENT_NODE {
                    count += 1
                    let fast = fields(ClassHints.read(node, scratch: scratch))
                    let plain = fields(plainReading(node))
                    if fast != plain && difference == nil {
                        var attribute = node.pointee.properties
                        var text = ""
                        while let current = attribute {
                            text += " " + String(cString: current.pointee.name) + "=" + String(decoding: value(current), as: UTF8.self)
                            attribute = current.pointee.next
                        }
                        difference = "\(text): read \(fast), plain \(plain)"
                    }
                }
                var child = node.pointee.children
                while let current = child { stack.append(current); child = current.pointee.next }
            }
            return (count, difference)
        }
    }

    @Test func sameVerdictsAsThePlainReadingOnTheZytePages() throws {
        let directory = TestPaths.inShared("eval/extraction-zyte/html")
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            print("skipped: \(directory) is absent")
            return
        }
        // Every eighth page (23 pages, about 6,000 elements): the plain reading is slow in a debug
        // build, and `scripts/bench/same-claims.sh` compares whole runs on all 181.
        let pages = files.sorted().filter { $0.hasSuffix(".html.gz") || $0.hasSuffix(".html") }
        var elements = 0
        for file in stride(from: 0, to: pages.count, by: 8).map({ pages[$0] }) {
            let id = file.hasSuffix(".gz") ? String(file.dropLast(8)) : String(file.dropLast(5))
            let result = try Self.compare(ExtractionEvaluation.loadPage(directory: directory, id: id))
            #expect(result.firstDifference == nil, "\(file): \(result.firstDifference ?? "")")
            elements += result.elements
        }
        #expect(elements > 4_000)
    }

    @Test func sameVerdictsAsThePlainReadingOnRandomAttributes() throws {
        var random = SplitMix64(state: 12)
        let fragments = ClassHints.positive + ClassHints.negative + ClassHints.unlikelyNames + ClassHints.maybeNames
            + ClassHints.bodyNames + ClassHints.captionNames + ClassHints.hiddenNames
            + ["ad", "ads", "AD", "Adv", "dfp", "advertising", "x", "é", "Ü", "-", "_", "\t", " ", "  ", "display: none", "Visibility:Hidden",
               "navigation", "Menu", "articleBody", "a-b-c-d-e", "a-b-c-d-e-", "-a-b-c-d-e", "a-b--c-d-e", "one-two-three-four-five", "1-2-3-4-5", "--", "&amp;", "ÄRTICLE"]
        let attributes = ["class", "CLASS", "id", "Id", "style", "role", "itemprop", "hidden", "data-x", "classes", "ide"]
        var html = "<html><body>"
        for _ in 0..<3_000 {
            html += "<div"
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                let name = attributes.randomElement(using: &random)!
                let parts = (0..<Int.random(in: 0...4, using: &random)).map { _ in fragments.randomElement(using: &random)! }
                let separator = ["", " ", "-", "_"].randomElement(using: &random)!
                html += " \(name)=\"\(parts.joined(separator: separator))\""
            }
            html += ">t</div>"
        }
        html += "</body></html>"
        let result = try Self.compare(Data(html.utf8))
        #expect(result.firstDifference == nil, "\(result.firstDifference ?? "")")
        #expect(result.elements > 3_000)
    }

    @Test func commasFastPathCountsLikeTheByteLoop() {
        var random = SplitMix64(state: 7)
        let pieces: [[UInt8]] = [[0x2C], [0xD8, 0x8C], [0xEF, 0xBC, 0x8C], [0xE3, 0x80, 0x81], [0xE2, 0x80, 0x99], [0x61], [0x20], [0xD8], [0xEF, 0xBC], [0xE3]]
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).flatMap { _ in pieces.randomElement(using: &random)! }
            bytes.withUnsafeBufferPointer { buffer in
                #expect(TextMeasure.commas(buffer) == TextMeasure.commasByteByByte(buffer))
            }
        }
        Array("a, b, c’s".utf8).withUnsafeBufferPointer { #expect(TextMeasure.commas($0) == 2) }
        Array("甲，乙、丙".utf8).withUnsafeBufferPointer { #expect(TextMeasure.commas($0) == 2) }
    }
}
