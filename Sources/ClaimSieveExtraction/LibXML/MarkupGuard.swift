import ClaimSieveCore
import Foundation

/// Refuses markup that would make libxml2 spin: its duplicate-attribute check is quadratic in the
/// number of attributes of one tag (100 000 attributes take 23 s, 200 000 take 108 s). No real
/// page comes near the limits; a hostile or broken one fails alone, with a reason, in microseconds.
///
/// Attributes are counted the way an HTML parser sees them, by name (`<p a b c>` has three, with
/// or without `=`), in every start tag: `<script>` and `<style>` contents are skipped only after
/// their own start tag has been counted, and only when the tag name is exactly `script` or
/// `style` (`<scriptx ...>` and `<styles ...>` are ordinary tags).
enum MarkupGuard {
    /// Far above any real tag (a few dozen), where libxml2 still takes about 8 ms per tag.
    static let maximumAttributes = 2_000
    /// Bounds the sum over tags of the quadratic cost: 250 tags at the per-tag limit cost about 2 s.
    static let maximumAttributesPerDocument = 500_000

    /// Throws when one start tag has more than `maximumAttributes` attributes, or the document more
    /// than `maximumAttributesPerDocument`. Comment contents are skipped.
    static func check(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { try check($0) }
    }

    /// Runs over every byte of every page before libxml2 does, so it works on the raw buffer: no
    /// bounds checks, no strings, the next `<` found by `memchr`.
    static func check(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        var unused: [Range<Int>] = []
        try check(bytes, elidable: &unused, collect: false)
    }

    /// As `check(_:)`, and with `collect` appends to `elidable`, in order, the byte ranges that
    /// `RawTextElision` may drop: the contents of `<script>` and `<style>` elements and, with
    /// `markup`, the markup nobody reads (each attribute with a quoted value that is not one of
    /// `HTMLAttribute`'s, from its name to its closing quote; a link's `href` past its first two
    /// bytes; blank gaps between tags but their first byte). Only where libxml2 is sure to read
    /// the page as this pass does (see `RawTextElision`).
    static func check(_ bytes: UnsafeBufferPointer<UInt8>, elidable: inout [Range<Int>], collect: Bool,
                      markup: Bool = RawTextElision.trimsMarkup) throws {
        let trims = collect && markup
        let n = bytes.count
        guard let base = bytes.baseAddress else { return }
        var total = 0
        var i = 0
        // Set when this pass may not see the page's markup where libxml2 does: then nothing is
        // dropped (`RawTextElision`: a range is only safe while the two read the page alike).
        var unsure = false
        defer { if unsure { elidable.removeAll() } }
        // Just past the `>` of the last tag or comment this pass read whole: the blanks from
        // there to the next `<` are a gap between markup (`RawTextElision.blankGap`).
        var markupEnd = -1
        let trimsGaps = trims && n < RawTextElision.gapsKeptFrom
        let classOf = ByteClass.table
        while i < n {
            guard let found = memchr(base + i, Int32(UInt8(ascii: "<")), n - i) else { break }
            let from = i
            i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if trimsGaps, from == markupEnd, let gap = RawTextElision.blankGap(from..<i, in: bytes) { elidable.append(gap) }
            guard i + 1 < n else {
                i += 1
                continue
            }
            if startsWith(bytes, i + 1, "!--") {
                let end = find(bytes, "-->", from: i + 4)
                if collect, let end, RawTextElision.endsEarly(comment: i + 4..<(end - 3), in: bytes) { unsure = true }
                i = end ?? n
                markupEnd = i
                continue
            }
            guard isLetter(bytes[i + 1]) else {
                if collect, !unsure, !RawTextElision.readAlike(markupAt: i, in: bytes) { unsure = true }
                // An end tag libxml2 reads to its `>` (`readAlike`: no `<` before it) is read
                // whole here too, so the blanks after it are a gap between markup.
                if trims, !unsure, bytes[i + 1] == UInt8(ascii: "/"), i + 2 < n, RawTextElision.isNameStart(bytes[i + 2]),
                   let close = next(UInt8(ascii: ">"), in: bytes, from: i + 2) {
                    i = close + 1
                    markupEnd = i
                    continue
                }
                i += 1
                continue
            }
            // The tag name (its first byte is a letter), and whether libxml2 reads it whole
            // (`RawTextElision.isName`), in one look at each byte.
            var j = i + 1
            var nameBytes = ByteClass.nameByte
            while j < n {
                let byteClass = classOf[Int(bytes[j])]
                if byteClass & ByteClass.endsTagName != 0 { break }
                nameBytes &= byteClass
                j += 1
            }
            let nameLength = j - (i + 1)
            if collect, nameBytes == 0 || nameLength > RawTextElision.maximumName { unsure = true }
            let rawText: StaticString? = nameLength == 6 && startsWith(bytes, i + 1, "script") ? "script"
                : nameLength == 5 && startsWith(bytes, i + 1, "style") ? "style" : nil
            // Attributes: a name, optionally `=` and a value (quoted or not), separated by spaces or `/`.
            var attributes = 0
            while j < n, bytes[j] != UInt8(ascii: ">") {
                if isSpace(bytes[j]) || bytes[j] == UInt8(ascii: "/") {
                    if collect, !RawTextElision.separatesAlike(at: j, in: bytes) { unsure = true }
                    j += 1
                    continue
                }
                attributes += 1
                total += 1
                if attributes > maximumAttributes {
                    throw StageError("markup too complex: a tag with more than \(maximumAttributes) attributes")
                }
                if total > maximumAttributesPerDocument {
                    throw StageError("markup too complex: more than \(maximumAttributesPerDocument) attributes in the document")
                }
                // The name runs to a space, `=`, `/` or `>` (a first `=` belongs to the name).
                let nameStart = j
                var nameBytes = classOf[Int(bytes[j])] & ByteClass.nameByte
                j += 1
                while j < n {
                    let byteClass = classOf[Int(bytes[j])]
                    if byteClass & ByteClass.endsAttributeName != 0 { break }
                    nameBytes &= byteClass
                    j += 1
                }
                let nameEnd = j
                if collect, nameBytes == 0 || nameEnd - nameStart > RawTextElision.maximumName
                    || !RawTextElision.isNameStart(bytes[nameStart]) { unsure = true }
                var k = j
                while k < n, isSpace(bytes[k]) {
                    if collect, bytes[k] == 0x0C { unsure = true }
                    k += 1
                }
                guard k < n, bytes[k] == UInt8(ascii: "=") else { continue }
                k += 1
                while k < n, isSpace(bytes[k]) {
                    if collect, bytes[k] == 0x0C { unsure = true }
                    k += 1
                }
                if k < n, bytes[k] == UInt8(ascii: "\"") || bytes[k] == UInt8(ascii: "'") {
                    // Quoted values (URLs, srcset lists, JSON in data attributes) are long: `memchr`.
                    let closing = next(bytes[k], in: bytes, from: k + 1)
                    // libxml2 reads a quoted value to its closing quote, whatever is inside;
                    // one that never closes runs to the page's end and stays.
                    if trims, let closing {
                        if !HTMLAttribute.isRead(bytes, nameStart..<nameEnd) {
                            elidable.append(nameStart..<(closing + 1))
                        } else if nameLength == 1, bytes[i + 1] | 0x20 == UInt8(ascii: "a"),
                                  let tail = RawTextElision.linkTail(of: (k + 1)..<closing, named: nameStart..<nameEnd, in: bytes) {
                            elidable.append(tail)
                        }
                    }
                    k = closing ?? n
                    j = k + 1
                } else {
                    while k < n, !isSpace(bytes[k]), bytes[k] != UInt8(ascii: ">") { k += 1 }
                    j = k
                }
            }
            let tagStart = i
            i = j + 1
            markupEnd = i
            if let rawText {
                let closing = findClosing(bytes, rawText, from: i)
                if collect, let closing, j < n {
                    let content = i..<(closing - 2 - rawText.utf8CodeUnitCount)
                    switch RawTextElision.judge(content, of: bytes, tag: tagStart..<j, closing: closing, script: nameLength == 6) {
                    case .drop: elidable.append(content)
                    case .keep: break
                    case .unsure: unsure = true
                    }
                }
                i = closing ?? n
            }
        }
    }

    /// What the name loops ask of a byte, in one lookup instead of a chain of comparisons (the
    /// pass looks at every byte of every tag and attribute name of every page).
    enum ByteClass {
        /// Ends a tag name: a space (a form feed too: `isSpace`), `>` or `/`.
        static let endsTagName: UInt8 = 1
        /// Ends an attribute name: those, and `=`.
        static let endsAttributeName: UInt8 = 2
        /// A byte of a name as libxml2 reads one (`RawTextElision.isNameByte`).
        static let nameByte: UInt8 = 4
        /// The 256 bytes' classes, made once and never freed (a pointer: no bounds check, no
        /// reference count in the loops).
        nonisolated(unsafe) static let table: UnsafePointer<UInt8> = {
            let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
            for value in 0...255 {
                let byte = UInt8(value)
                var byteClass: UInt8 = 0
                if isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") { byteClass |= endsTagName | endsAttributeName }
                if byte == UInt8(ascii: "=") { byteClass |= endsAttributeName }
                if RawTextElision.isNameByte(byte) { byteClass |= nameByte }
                table[value] = byteClass
            }
            return UnsafePointer(table)
        }()
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    /// Case-insensitive match of ASCII `word` at `at`: letters in either case, every other byte
    /// exactly (folding `|0x20` would take a carriage return for `-` and 0x01 for `!`).
    static func startsWith(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard at + count <= bytes.count else { return false }
        let expected = word.utf8Start
        for k in 0..<count {
            let byte = bytes[at + k]
            let want = expected[k]
            guard byte == want || (isLetter(want) && (byte | 0x20) == (want | 0x20)) else { return false }
        }
        return true
    }

    /// The index of the first `byte` at or after `start` (`memchr`: scripts and comments are
    /// most of a modern page's bytes, and a byte-by-byte loop over them cost 3% of a run).
    @inline(__always)
    static func next(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, start < bytes.count,
              let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The index just after the first `word` (which starts with a non-letter) at or after `start`.
    static func find(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString, from start: Int) -> Int? {
        let first = word.utf8Start[0]
        var k = start
        while let at = next(first, in: bytes, from: k) {
            if startsWith(bytes, at, word) { return at + word.utf8CodeUnitCount }
            k = at + 1
        }
        return nil
    }

    /// The index just after the first `</name` at or after `start`.
    static func findClosing(_ bytes: UnsafeBufferPointer<UInt8>, _ name: StaticString, from start: Int) -> Int? {
        var k = start
        while let at = next(UInt8(ascii: "<"), in: bytes, from: k) {
            if at + 1 < bytes.count, bytes[at + 1] == UInt8(ascii: "/"), startsWith(bytes, at + 2, name) {
                return at + 2 + name.utf8CodeUnitCount
            }
            k = at + 1
        }
        return nil
    }
}
