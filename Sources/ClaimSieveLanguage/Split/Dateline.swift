/// Recognises a news dateline at the start of a paragraph: "DAMASCUS, Syria (AP) — ",
/// "WASHINGTON (Reuters) - ", "KYIV, Ukraine, Dec. 8 —".
///
/// A dateline says where and through whom a story was filed; it is not part of the claim that
/// follows it, and on its own it is not a claim. The `split` stage strips it from the first
/// sentence of a block and drops a block that is only a dateline. The agencies and the length
/// limit are data (`dateline:` in `en-splitter.yml`).
public struct Dateline: Sendable {
    private let agencies: Set<String>
    private let maxBytes: Int

    /// Builds the matcher from the `dateline:` section of the splitter rules.
    public init(rules: SplitterRules.DatelineRules) {
        agencies = Set(rules.agencies)
        maxBytes = rules.maxBytes
    }

    /// The number of UTF-8 bytes the dateline takes at the start of `text`, including its dash
    /// and the spaces after it; `nil` when the text does not start with a dateline.
    public func length(in text: String) -> Int? {
        let window = maxBytes + 8
        if let found = text.utf8.withContiguousStorageIfAvailable({ all in
            match(UnsafeBufferPointer(rebasing: all.prefix(window)))
        }) {
            return found
        }
        let bytes = Array(text.utf8.prefix(window))
        return bytes.withUnsafeBufferPointer { match($0) }
    }

    /// `text` without its leading dateline (the text itself when there is none).
    public func strip(_ text: String) -> String {
        guard let length = length(in: text) else { return text }
        return String(decoding: text.utf8.dropFirst(length), as: UTF8.self)
    }

    private func match(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = b.count
        var p = b.skipWhitespace(from: 0)
        let start = p
        guard p < n, SplitterBytes.isUpper(b[p]) else { return nil }
        // Find the dash that ends the dateline: " — ", " – ", " - ", " -- ".
        var dash = -1
        var dashEnd = -1
        while p < n, p - start <= maxBytes {
            let w = b.whitespaceLength(at: p)
            if w > 0 {
                let q = p + w
                if let end = dashLength(b, at: q), end == n || b.whitespaceLength(at: end) > 0 {
                    dash = p
                    dashEnd = end
                    break
                }
                p = q
                continue
            }
            let c = b[p]
            // Sentence punctuation or a quote: this is a sentence, not a dateline.
            if c == SplitterBytes.exclamation || c == SplitterBytes.question || c == SplitterBytes.doubleQuote || c == 0x3A || c == 0x3B {
                return nil
            }
            p += 1
        }
        guard dash > start else { return nil }
        let prefix = String(decoding: UnsafeBufferPointer(rebasing: b[start..<dash]), as: UTF8.self)
        guard isDateline(prefix) else { return nil }
        return b.skipWhitespace(from: dashEnd)
    }

    /// Length of a dash at `q` ("—", "–", "-", "--"), as the offset just after it.
    private func dashLength(_ b: UnsafeBufferPointer<UInt8>, at q: Int) -> Int? {
        guard q < b.count else { return nil }
        if b[q] == UInt8(ascii: "-") { return q + 1 < b.count && b[q + 1] == UInt8(ascii: "-") ? q + 2 : q + 1 }
        if b[q] == 0xE2, q + 2 < b.count, b[q + 1] == 0x80, b[q + 2] == 0x93 || b[q + 2] == 0x94 { return q + 3 }
        return nil
    }

    /// "DAMASCUS, Syria (AP)": a place in capitals, or any capitalised place with an agency in
    /// parentheses; every word capitalised or a number.
    private func isDateline(_ prefix: String) -> Bool {
        var place = Substring(prefix)
        var hasAgency = false
        if place.hasSuffix(")"), let open = place.lastIndex(of: "(") {
            let agency = place[place.index(after: open)..<place.index(before: place.endIndex)]
            guard agencies.contains(String(agency)) else { return false }
            hasAgency = true
            place = place[..<open]
        }
        let words = place.split(whereSeparator: { $0 == " " || $0 == "," })
        guard !words.isEmpty, words.count <= 10 else { return false }
        for word in words {
            guard let first = word.unicodeScalars.first else { continue }
            let capitalised = first.properties.isUppercase || first.properties.numericType != nil
            guard capitalised else { return false }
        }
        if hasAgency { return true }
        let firstPart = prefix.split(separator: ",").first ?? ""
        let letters = firstPart.unicodeScalars.filter { $0.properties.isAlphabetic }
        return letters.count >= 3 && letters.allSatisfy { $0.properties.isUppercase }
    }
}
