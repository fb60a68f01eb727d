import CLibXML2
import Foundation

/// Drops the contents of `<script>` and `<style>` elements, and the attributes nobody reads,
/// before libxml2 reads a page.
///
/// Why: on news pages these contents are about half the bytes (scripts 29%, styles 26% of the
/// 181 Zyte pages), and libxml2's HTML parser reads them one character at a time into text nodes
/// that extraction never looks at (both elements are dropped, `HTMLTag.isDropped`). Handing it
/// the page without them leaves the same tree but for those text nodes, at about half the cost of
/// the parse (`claimsieve-bench clean`). Only UTF-8 input is compacted (bytes libxml2 converts
/// itself are left alone).
///
/// The ranges come from `MarkupGuard`'s one pass over the page, which reads markup the way
/// libxml2's HTML parser does in recover mode (libxml2 2.9.14's `HTMLparser.c`): a script's or
/// style's text starts right after its start tag's `>` and ends at the first `</script` or
/// `</style`, in any case. A range is dropped only where that reading is certain to be libxml2's,
/// and everything from the closing tag on is kept, so whatever libxml2 makes of the rest is what
/// it made before. One element's contents are kept when someone reads them (a script whose start
/// tag mentions `ld+json`, or holds `&`, which could spell it). The whole page is parsed as it is
/// when the pass and libxml2 may read its markup differently (`Judgement.unsure`):
/// - a self-closing `<script .../>` (libxml2 closes it and reads what follows as markup), or
///   contents that begin with a tag or an end tag (libxml2 looks at those first);
/// - a closing tag that runs on (`</scripts>` ends nothing) or holds a `<` before its `>`;
/// - a tag or attribute name libxml2 would not read whole (`@click`, `[x]`, one over 100 bytes),
///   a form feed or a stray `/` between attributes: libxml2 then skips to the next space or `>`
///   without minding quotes, so its tag may end inside what the pass read as a quoted value;
/// - a comment closed by `--!>`, and a processing instruction, end tag or DOCTYPE holding a `<`;
/// - contents of 9,000,000 bytes or more (libxml2 stops the parse at a text of 10,000,000).
/// The pass matches `<!--`, `-->` and tag names as libxml2 does: letters in either case, other
/// bytes exactly. A second reading (libxml2's source beside it) found the closing tag's `<`, the
/// case folding of `-` and `!`, and the 100-byte names; each is a case of `RawTextElisionTests`.
///
/// Attributes: every attribute of a start tag that has a quoted value and is not one of
/// `HTMLAttribute`'s (what extraction and libxml2 read) goes, from its name to its closing quote
/// (`<img alt="..." class="x">` becomes `<img  class="x">`). libxml2 reads a quoted value to its
/// closing quote whatever it holds, one character at a time: once scripts and styles are gone,
/// attribute values are half of what is left of a news page (`data-*`, SVG paths, `srcset`,
/// `src`, `alt`, `title`, handlers: 3.0 of the 7.2 MB on the 181 Zyte pages). Unquoted values
/// and values that never close stay. The tree is the same but for those attributes: absent, or,
/// where a tag repeats an unread name with a later unquoted copy, that copy in its place (libxml2
/// keeps the first of a name; a second reading found it, and nothing reads either). Two more
/// cuts of the same kind: an `<a>`'s `href` past its first two characters (`linkTail`), and
/// blank gaps between tags but their first byte (`blankGap`).
///
/// `RawTextElisionTests` parses the evaluation pages and crafted markup both ways and compares
/// the trees; `CLAIMSIEVE_RAW_TEXT=keep` turns it off, and it is on only with libxml2 2.9
/// (`enabled`).
enum RawTextElision {
    /// Pages that drop fewer bytes are parsed as they are: the copy would cost more than it saves.
    static let minimumDropped = 512
    /// Contents this long make the page unsure: libxml2 ends the parse at a text node of
    /// 10,000,000 bytes, and without them it would read on.
    static let maximumText = 9_000_000

    /// On when the process runs with libxml2 2.9 (the parser the guard's pass was checked
    /// against, line by line) and the environment does not say `CLAIMSIEVE_RAW_TEXT=keep` (to
    /// compare, or to rule it out). With another libxml2 the program reads every page whole:
    /// slower, never different.
    static let enabled: Bool = ProcessInfo.processInfo.environment["CLAIMSIEVE_RAW_TEXT"] != "keep"
        && checkedVersion(runtimeVersion)

    /// Whether the markup nobody reads goes too (attributes, links' addresses past their first
    /// two bytes, blank gaps between tags); `CLAIMSIEVE_RAW_TEXT=scripts` keeps it and drops
    /// only scripts' and styles' contents (to compare the two).
    static let trimsMarkup: Bool = ProcessInfo.processInfo.environment["CLAIMSIEVE_RAW_TEXT"] != "scripts"

    /// libxml2 hands a text to the tree in pieces of 1,000 bytes and judges each piece's blanks
    /// on its own (`areBlanks`): only gaps shorter than one piece are shortened.
    static let maximumGap = 1_000
    /// Pages this long keep their gaps: libxml2 stops the parse at a text node of 10,000,000
    /// bytes, text joins across markup that makes no node (`</q>`), and shorter gaps would let
    /// it read on where it stopped (found by a second reading). A smaller page has no such node.
    static let gapsKeptFrom = 10_000_000

    /// The part of `gap` (from just past a tag's or comment's `>` to the next `<`) that may go:
    /// all but its first byte, when it is 2 to 999 blanks (space, tab, line feed, carriage
    /// return: libxml2's `IS_BLANK_CH`; a form feed is text to libxml2). libxml2 makes the same
    /// tree of one blank as of many there: the same whitespace-only text node or none
    /// (`areBlanks` looks at the characters' kind and what surrounds them, not their number),
    /// and extraction reads any run of whitespace as one space (`TextBuffer`,
    /// `TextMeasure.visibleLength`). Indentation between tags is about 1.4 MB of the 10.4 MB
    /// the 181 Zyte pages come to without their scripts, styles and unread attributes.
    @inline(__always)
    static func blankGap(_ gap: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard gap.count >= 2, gap.count < maximumGap else { return nil }
        for index in gap {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D else { return nil }
        }
        return (gap.lowerBound + 1)..<gap.upperBound
    }

    /// The part of an `<a>`'s quoted attribute value that may go: past its first two bytes, when
    /// the attribute is `href` and those bytes are ASCII and no `&` (so they are the value's
    /// first two characters as libxml2 decodes them). Extraction reads no more of a link's address
    /// than whether it is a place on the same page (`PageIndex.isInPageLink`: `#` and one more
    /// character), and links' addresses are 1.2 MB of the 181 Zyte pages.
    static func linkTail(of value: Range<Int>, named name: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard value.count > 2, name.count == 4, MarkupGuard.startsWith(bytes, name.lowerBound, "href") else { return nil }
        let first = bytes[value.lowerBound]
        let second = bytes[value.lowerBound + 1]
        guard first < 0x80, second < 0x80, first != UInt8(ascii: "&"), second != UInt8(ascii: "&") else { return nil }
        return (value.lowerBound + 2)..<value.upperBound
    }

    /// libxml2's version number as the library in this process gives it ("20914" for 2.9.14).
    static let runtimeVersion: String = {
        guard let version = __xmlParserVersion()?.pointee else { return "" }
        return String(cString: version)
    }()

    /// Whether `version` (libxml2's "20914" form) is a 2.9 release.
    static func checkedVersion(_ version: String) -> Bool {
        version.count == 5 && version.hasPrefix("209")
    }

    /// What to do with one element's contents.
    enum Judgement {
        /// libxml2 reads them as the element's text: they may go.
        case drop
        /// libxml2 reads them as text, but someone reads that text (JSON-LD), or may: kept.
        case keep
        /// libxml2 may not read them as text, or may end the element elsewhere: this pass and
        /// libxml2 no longer see the page alike, so nothing of the page is dropped.
        case unsure
    }

    /// Judges `content`, the bytes between a `<script>` or `<style>` start tag (`tag`: from its
    /// `<` to just before its `>`) and the `</script` or `</style` that ends at `closing`.
    static func judge(_ content: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>, tag: Range<Int>, closing: Int,
                      script: Bool) -> Judgement {
        // `</scripts>` does not end a script for libxml2 (it reads on past that end tag), and
        // it reads the closing tag to its `>`: a `<` before that is no markup to libxml2.
        if closing < bytes.count, isNameByte(bytes[closing]) { return .unsure }
        if !readAlike(markupAt: content.upperBound, in: bytes) { return .unsure }
        // libxml2 stops the whole parse at a text node of 10,000,000 bytes (`XML_MAX_TEXT_LENGTH`).
        if content.count >= maximumText { return .unsure }
        // `<script src="a.js"/>` is closed at once; what follows is markup.
        if tag.count > 1, bytes[tag.upperBound - 1] == UInt8(ascii: "/") { return .unsure }
        guard !content.isEmpty else { return .keep }
        // libxml2 looks for an end tag or a start tag that closes the element (`<noscript>`
        // closes a script) before it reads raw text.
        if bytes[content.lowerBound] == UInt8(ascii: "<"), content.count > 1 {
            let next = bytes[content.lowerBound + 1]
            if next == UInt8(ascii: "/") || isNameStart(next) { return .unsure }
        }
        if script {
            guard let base = bytes.baseAddress else { return .keep }
            if memchr(base + tag.lowerBound, Int32(UInt8(ascii: "&")), tag.count) != nil { return .keep }
            if containsFolded(bytes, tag, "ld+json") { return .keep }
        }
        return .drop
    }

    /// Whether libxml2 ends this comment's body where this pass does, at its `-->`: it also
    /// ends one at `--!>`.
    static func endsEarly(comment body: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var from = body.lowerBound + 2
        while from < body.upperBound, let bang = MarkupGuard.next(UInt8(ascii: "!"), in: bytes, from: from), bang < body.upperBound {
            if bytes[bang - 1] == UInt8(ascii: "-"), bytes[bang - 2] == UInt8(ascii: "-"),
               bang + 1 < bytes.count, bytes[bang + 1] == UInt8(ascii: ">") { return true }
            from = bang + 1
        }
        return false
    }

    /// For the markup at `start` that is not a start tag or a comment (`<?`, `<!`, `</`): whether
    /// libxml2 reads it as this pass does, skipping no `<` this pass looks at. libxml2 reads a
    /// processing instruction and an end tag to the next `>`, a DOCTYPE to its `>` outside quotes.
    static func readAlike(markupAt start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        guard start + 1 < n else { return true }
        var end: Int
        switch bytes[start + 1] {
        case UInt8(ascii: "?"):
            // Without a target name (`<? x`) libxml2 reads only the `<?`.
            guard start + 2 < n else { return true }
            let first = bytes[start + 2]
            if first < 0x80, !MarkupGuard.isLetter(first), first != UInt8(ascii: "_"), first != UInt8(ascii: ":") { return true }
            end = MarkupGuard.next(UInt8(ascii: ">"), in: bytes, from: start + 2) ?? n
        case UInt8(ascii: "/"):
            guard start + 2 < n, isNameStart(bytes[start + 2]) else { return true }
            end = MarkupGuard.next(UInt8(ascii: ">"), in: bytes, from: start + 2) ?? n
        case UInt8(ascii: "!"):
            guard MarkupGuard.startsWith(bytes, start + 2, "doctype") else { return true }
            end = start + 2
            var quote: UInt8 = 0
            while end < n {
                let byte = bytes[end]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    break
                }
                end += 1
            }
        default:
            return true
        }
        guard let base = bytes.baseAddress, end > start + 1 else { return true }
        return memchr(base + start + 1, Int32(UInt8(ascii: "<")), end - start - 1) == nil
    }

    /// Whether the separator at `index` inside a tag (a space or `/`) separates attributes for
    /// libxml2 as it does here: a form feed is no space to libxml2, and a `/` not before a space
    /// or the tag's `>` makes it skip to the next space or `>`, quotes or not.
    static func separatesAlike(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let byte = bytes[index]
        if byte == 0x0C { return false }
        guard byte == UInt8(ascii: "/") else { return true }
        guard index + 1 < bytes.count else { return true }
        let next = bytes[index + 1]
        return next == UInt8(ascii: ">") || next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D
    }

    /// Whether `bytes[range]` is a name as libxml2 reads tag and attribute names: a letter, `_`,
    /// `:` or `.`, then letters, digits, `:`, `-`, `_` and `.`. Anything else makes libxml2 skip
    /// to the next space or `>` where this pass would read a quoted value. The pass itself judges
    /// names with a byte table in its one scan (`MarkupGuard.ByteClass`); this plain reading is
    /// what that table is tested against (`theNameTableJudgesNamesAsIsNameDoes`).
    static func isName(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count <= maximumName, let first = range.first, isNameStart(bytes[first]) else { return false }
        for index in range.dropFirst() where !isNameByte(bytes[index]) { return false }
        return true
    }

    /// libxml2 reads at most 100 bytes of a name (`HTML_PARSER_BUFFER_SIZE`) and the rest as
    /// what follows it.
    static let maximumName = 100

    static func isNameStart(_ byte: UInt8) -> Bool {
        MarkupGuard.isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
    }

    /// Whether `word` (lower-case ASCII) occurs in `bytes[range]`, ASCII case folded.
    private static func containsFolded(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard range.count >= count else { return false }
        for start in range.lowerBound...(range.upperBound - count) where MarkupGuard.startsWith(bytes, start, word) {
            return true
        }
        return false
    }

    /// The page as `clean` hands it to libxml2: `MarkupGuard`'s pass over it (which throws for
    /// markup too complex), then the page without the contents that pass found, or nil when they
    /// come to fewer than `minimum` bytes (the page is then parsed as it is).
    static func compacted(page bytes: UnsafeBufferPointer<UInt8>, minimum: Int = minimumDropped) throws -> [UInt8]? {
        var ranges: [Range<Int>] = []
        try MarkupGuard.check(bytes, elidable: &ranges, collect: true)
        return compacted(bytes, dropping: ranges, minimum: minimum)
    }

    /// The page without `ranges` (sorted, not overlapping), or nil when they drop fewer than
    /// `minimum` bytes.
    static func compacted(_ bytes: UnsafeBufferPointer<UInt8>, dropping ranges: [Range<Int>],
                          minimum: Int = minimumDropped) -> [UInt8]? {
        let dropped = ranges.reduce(0) { $0 + $1.count }
        guard dropped >= max(1, minimum), let base = bytes.baseAddress else { return nil }
        return [UInt8](unsafeUninitializedCapacity: bytes.count - dropped) { out, initialized in
            var from = 0
            var to = 0
            for range in ranges {
                let kept = range.lowerBound - from
                if kept > 0 { memcpy(out.baseAddress! + to, base + from, kept) }
                to += kept
                from = range.upperBound
            }
            let rest = bytes.count - from
            if rest > 0 { memcpy(out.baseAddress! + to, base + from, rest) }
            initialized = to + rest
        }
    }
}
