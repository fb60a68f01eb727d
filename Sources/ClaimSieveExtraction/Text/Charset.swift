import CLibXML2
import Foundation

/// Bytes ready for libxml2, with the encoding name to hand it.
struct DecodedInput {
    /// Bytes converted here, or nil when the fetched bytes are valid UTF-8 as they are: those are
    /// parsed in place (copying every page cost as much as deciding its charset).
    private var converted: [UInt8]?
    private var original: Data?
    var encoding: String

    init(bytes: [UInt8], encoding: String) {
        converted = bytes
        self.encoding = encoding
    }

    /// Valid UTF-8, used as it is.
    init(valid data: Data) {
        original = data
        encoding = "UTF-8"
    }

    /// UTF-8 (when `encoding` is "UTF-8") or bytes in a legacy encoding libxml2 converts itself.
    func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        if let converted { return try converted.withUnsafeBufferPointer(body) }
        return try (original ?? Data()).withUnsafeBytes { try body($0.bindMemory(to: UInt8.self)) }
    }

    /// True when the bytes were converted or checked here, so the document's own declaration must be ignored.
    var ignoreDeclaration: Bool { encoding == "UTF-8" }
}

/// Decides a document's character set the way browsers do, trusting bytes over declarations.
///
/// Pages often lie (a `<meta charset="utf-8">` over windows-1252 text), and libxml2 switches to
/// Latin-1 on the first bad byte, so the decision is taken here: byte-order mark first, then
/// valid UTF-8, then a declared legacy encoding libxml2 knows (windows-1251, Shift_JIS, EUC-KR...),
/// else windows-1252. Invalid bytes become U+FFFD; nothing here can fail.
enum Charset {
    static func decode(_ data: Data) -> DecodedInput {
        data.withUnsafeBytes { raw -> DecodedInput in
            let input = raw.bindMemory(to: UInt8.self)
            return decode(input, data: data)
        }
    }

    /// `data`, when given, holds the same bytes as `input`: valid UTF-8 is then kept, not copied.
    static func decode(_ input: UnsafeBufferPointer<UInt8>, data: Data? = nil) -> DecodedInput {
        let count = input.count
        if count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF {
            return DecodedInput(bytes: sanitizeUTF8(UnsafeBufferPointer(rebasing: input[3...])), encoding: "UTF-8")
        }
        if count >= 2, input[0] == 0xFF, input[1] == 0xFE {
            return DecodedInput(bytes: utf16ToUTF8(UnsafeBufferPointer(rebasing: input[2...]), bigEndian: false), encoding: "UTF-8")
        }
        if count >= 2, input[0] == 0xFE, input[1] == 0xFF {
            return DecodedInput(bytes: utf16ToUTF8(UnsafeBufferPointer(rebasing: input[2...]), bigEndian: true), encoding: "UTF-8")
        }
        let (valid, invalid) = utf8Census(input)
        if invalid == 0 { return data.map(DecodedInput.init(valid:)) ?? DecodedInput(bytes: copy(input), encoding: "UTF-8") }
        if let declared = declaredEncoding(input), !isWesternSingleByte(declared), !isUTF8Name(declared),
           isASCIICompatible(declared), let handler = xmlFindCharEncodingHandler(declared) {
            xmlCharEncCloseFunc(handler)
            return DecodedInput(bytes: Array(input).map { $0 == 0 ? 0x20 : $0 }, encoding: declared)
        }
        // Mostly valid UTF-8 with a few broken bytes is UTF-8 with damage, not windows-1252.
        if valid > invalid * 2 { return DecodedInput(bytes: sanitizeUTF8(input), encoding: "UTF-8") }
        return DecodedInput(bytes: windows1252ToUTF8(input), encoding: "UTF-8")
    }

    /// The bytes in a new array, with one `memcpy` (`Array(input)` copied them one by one: a
    /// third of the cost of deciding the charset).
    static func copy(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: input.count) { buffer, count in
            if let source = input.baseAddress, let target = buffer.baseAddress {
                target.initialize(from: source, count: input.count)
            }
            count = input.count
        }
    }

    /// Whether a declared encoding reads ASCII bytes as ASCII, so that trusting a wrong declaration
    /// cannot turn a whole page into other characters. UTF-16/32, UCS-2/4 and UTF-7 are not: a page
    /// that says so but is not valid UTF-8 falls back to the UTF-8 / windows-1252 path.
    static func isASCIICompatible(_ name: String) -> Bool {
        let folded = name.lowercased().filter { $0.isLetter || $0.isNumber }
        let unsafePrefixes = ["utf16", "utf32", "ucs2", "ucs4", "utf7", "unicode", "ebcdic", "cp037", "ibm037", "cp500", "ibm500"]
        return !unsafePrefixes.contains { folded.hasPrefix($0) }
    }

    /// Counts valid multi-byte sequences and invalid bytes (a NUL counts as invalid).
    static func utf8Census(_ input: UnsafeBufferPointer<UInt8>) -> (valid: Int, invalid: Int) {
        var valid = 0, invalid = 0, index = 0
        let count = input.count
        guard let base = input.baseAddress else { return (0, 0) }
        let raw = UnsafeRawPointer(base)
        // A word has a byte that is NUL or not ASCII exactly when `(w | (w - 0x01...01))` has a
        // high bit set (a borrow only starts at a NUL byte, which is one such byte itself).
        @inline(__always) func flags(_ offset: Int) -> UInt64 {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            return word | (word &- 0x0101_0101_0101_0101)
        }
        while index < count {
            // 32, then 8 ASCII bytes without NUL at a time: most of any page is markup.
            if index + 32 <= count,
               (flags(index) | flags(index + 8) | flags(index + 16) | flags(index + 24)) & 0x8080_8080_8080_8080 == 0 {
                index += 32
                continue
            }
            if index + 8 <= count, flags(index) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let byte = input[index]
            if byte < 0x80 {
                if byte == 0 { invalid += 1 }
                index += 1
                continue
            }
            let length = sequenceLength(input, at: index)
            if length > 0 { valid += 1; index += length } else { invalid += 1; index += 1 }
        }
        return (valid, invalid)
    }

    /// Length of the valid UTF-8 sequence starting at `index`, 0 when it is not valid.
    @inline(__always)
    static func sequenceLength(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let count = input.count
        let byte = input[index]
        @inline(__always) func cont(_ offset: Int) -> Bool {
            index + offset < count && input[index + offset] & 0xC0 == 0x80
        }
        switch byte {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0:
            return cont(1) && input[index + 1] >= 0xA0 && cont(2) ? 3 : 0
        case 0xED:
            return cont(1) && input[index + 1] < 0xA0 && cont(2) ? 3 : 0
        case 0xE1...0xEF:
            return cont(1) && cont(2) ? 3 : 0
        case 0xF0:
            return cont(1) && input[index + 1] >= 0x90 && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3:
            return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4:
            return cont(1) && input[index + 1] < 0x90 && cont(2) && cont(3) ? 4 : 0
        default:
            return 0
        }
    }

    /// Copies UTF-8, replacing every invalid byte (and NUL) with U+FFFD.
    static func sanitizeUTF8(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count + 16)
        var index = 0
        let count = input.count
        while index < count {
            let byte = input[index]
            if byte < 0x80 {
                if byte == 0 { output.append(contentsOf: [0xEF, 0xBF, 0xBD]) } else { output.append(byte) }
                index += 1
                continue
            }
            let length = sequenceLength(input, at: index)
            if length == 0 {
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                index += 1
            } else {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<(index + length)]))
                index += length
            }
        }
        return output
    }

    static func windows1252ToUTF8(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count + input.count / 8)
        for byte in input {
            if byte < 0x80 {
                if byte == 0 { appendScalar(0xFFFD, to: &output) } else { output.append(byte) }
            } else {
                appendScalar(UInt32(windows1252[Int(byte) - 0x80]), to: &output)
            }
        }
        return output
    }

    static func utf16ToUTF8(_ input: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        let count = input.count - 1
        @inline(__always) func unit(_ at: Int) -> UInt32 {
            bigEndian ? UInt32(input[at]) << 8 | UInt32(input[at + 1]) : UInt32(input[at + 1]) << 8 | UInt32(input[at])
        }
        while index < count {
            let first = unit(index)
            index += 2
            if first >= 0xD800 && first < 0xDC00 {
                if index < count {
                    let second = unit(index)
                    if second >= 0xDC00 && second < 0xE000 {
                        index += 2
                        appendScalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00), to: &output)
                        continue
                    }
                }
                appendScalar(0xFFFD, to: &output)
            } else if first >= 0xDC00 && first < 0xE000 || first == 0 {
                appendScalar(0xFFFD, to: &output)
            } else {
                appendScalar(first, to: &output)
            }
        }
        return output
    }

    @inline(__always)
    static func appendScalar(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The charset a page or XML declaration names in its first 4 KB (`charset=`, `encoding=`).
    static func declaredEncoding(_ input: UnsafeBufferPointer<UInt8>) -> String? {
        let head = Array(input.prefix(4096)).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        for key in [Array("charset".utf8), Array("encoding".utf8)] {
            var start = 0
            while let found = find(key, in: head, from: start) {
                var index = found + key.count
                while index < head.count, head[index] == 0x20 { index += 1 }
                guard index < head.count, head[index] == 0x3D else { start = found + 1; continue }  // '='
                index += 1
                while index < head.count, head[index] == 0x20 || head[index] == 0x22 || head[index] == 0x27 { index += 1 }
                var end = index
                while end < head.count, isNameByte(head[end]) { end += 1 }
                if end > index { return String(decoding: head[index..<end], as: UTF8.self) }
                start = found + 1
            }
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x3A
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard needle.count <= haystack.count, from <= haystack.count - needle.count else { return nil }
        var index = from
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    static func isUTF8Name(_ name: String) -> Bool { name == "utf-8" || name == "utf8" }

    static func isWesternSingleByte(_ name: String) -> Bool {
        ["windows-1252", "cp1252", "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
         "iso-8859-15", "x-cp1252", "iso_8859-1", "utf-16", "utf-16le", "utf-16be"].contains(name)
    }

    /// windows-1252's 0x80...0xFF; the five undefined bytes become U+FFFD.
    static let windows1252: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 128)
        let high: [UInt16] = [
            0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
            0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
        ]
        for index in 0..<32 { table[index] = high[index] }
        for index in 32..<128 { table[index] = UInt16(index + 0x80) }
        return table
    }()
}
