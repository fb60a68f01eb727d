/// Accumulates UTF-8 text with whitespace collapsed to single spaces and trimmed at both ends.
///
/// Extraction concatenates thousands of libxml2 text nodes per page; doing it on bytes keeps the
/// hot path free of `Character` work, and collapsing here means blocks never need a second pass.
struct TextBuffer {
    private(set) var bytes: [UInt8] = []
    private var pendingSpace = false

    init() { bytes.reserveCapacity(256) }

    var isEmpty: Bool { bytes.isEmpty }

    /// Requests a separator; it is written only if more text follows.
    mutating func appendSpace() {
        if !bytes.isEmpty { pendingSpace = true }
    }

    /// Appends `input` with runs of whitespace (Unicode spaces and no-break spaces too) as one
    /// pending space, zero-width characters, byte-order marks and NUL bytes left out.
    ///
    /// Runs of bytes that need no decision (anything above 0x20 but the lead bytes 0xC2, 0xE2 and
    /// 0xEF) are copied at once: appending them one by one cost about 5 instructions a byte more
    /// (38 M of the 181 benchmark pages' run).
    mutating func append(_ input: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let count = input.count
        while index < count {
            var end = index
            while end < count, Self.isCopiedAsIs(input[end]) { end += 1 }
            if end > index {
                if pendingSpace {
                    bytes.append(0x20)
                    pendingSpace = false
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<end]))
                index = end
                continue
            }
            let byte = input[index]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B:
                appendSpace()
                index += 1
            case 0xC2 where index + 1 < count && input[index + 1] == 0xA0:
                appendSpace()
                index += 2
            case 0xE2 where index + 2 < count && input[index + 1] == 0x80
                && (input[index + 2] == 0x8B || input[index + 2] == 0x8C || input[index + 2] == 0x8D):
                index += 3  // zero-width space and joiners carry no text
            case 0xE2 where index + 2 < count && input[index + 1] == 0x80
                && (input[index + 2] == 0xA8 || input[index + 2] == 0xA9 || input[index + 2] == 0xAF
                    || (input[index + 2] >= 0x80 && input[index + 2] <= 0x8A)):
                appendSpace()  // Unicode spaces and line/paragraph separators
                index += 3
            case 0xEF where index + 2 < count && input[index + 1] == 0xBB && input[index + 2] == 0xBF:
                index += 3  // a stray byte-order mark inside text
            case 0x00:
                index += 1
            default:
                if pendingSpace {
                    bytes.append(0x20)
                    pendingSpace = false
                }
                bytes.append(byte)
                index += 1
            }
        }
    }

    /// A byte `append` copies without a decision.
    @inline(__always) static func isCopiedAsIs(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte != 0xC2 && byte != 0xE2 && byte != 0xEF
    }

    mutating func append(_ string: String) {
        var copy = string
        copy.withUTF8 { append($0) }
    }

    /// The collected text (already trimmed: leading spaces are never written, trailing ones stay pending).
    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        pendingSpace = false
    }
}

/// Byte-level measures of text used by the content scorer.
enum TextMeasure {
    /// Code points that are not whitespace: a language-neutral length (CJK text has no spaces).
    @inline(__always)
    static func visibleLength(_ input: UnsafeBufferPointer<UInt8>) -> Int {
        var length = 0
        for byte in input where byte & 0xC0 != 0x80 && byte > 0x20 { length += 1 }
        return length
    }

    /// Commas in the scripts that use them (Latin, Arabic, CJK full-width and ideographic).
    /// First one branch-free pass that counts `,` and notes whether any multi-byte comma's lead
    /// byte occurs (curly quotes do not count: most text nodes are done after it); the exact
    /// byte-by-byte loop runs only when one does.
    static func commas(_ input: UnsafeBufferPointer<UInt8>) -> Int {
        var ascii = 0
        var leads: UInt8 = 0
        for byte in input {
            ascii &+= byte == 0x2C ? 1 : 0
            leads |= byte == 0xD8 || byte == 0xEF || byte == 0xE3 ? 1 : 0
        }
        if leads == 0 { return ascii }
        return commasByteByByte(input)
    }

    /// Every comma, the multi-byte ones included (kept separate so a test can compare the paths).
    static func commasByteByByte(_ input: UnsafeBufferPointer<UInt8>) -> Int {
        var result = 0
        var index = 0
        let count = input.count
        while index < count {
            let byte = input[index]
            if byte == 0x2C {
                result += 1
            } else if byte == 0xD8, index + 1 < count, input[index + 1] == 0x8C {
                result += 1
            } else if byte == 0xEF, index + 2 < count, input[index + 1] == 0xBC, input[index + 2] == 0x8C {
                result += 1
            } else if byte == 0xE3, index + 2 < count, input[index + 1] == 0x80, input[index + 2] == 0x81 {
                result += 1
            }
            index += 1
        }
        return result
    }
}
