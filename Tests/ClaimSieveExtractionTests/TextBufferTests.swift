@testable import ClaimSieveExtraction
import ClaimSieveTestSupport
import Testing

/// `TextBuffer.append` copies runs of plain bytes at once; the byte-by-byte loop it replaced
/// must give the same text.
@Suite struct TextBufferTests {
    /// The byte-by-byte rules as first written.
    static func slowAppend(_ input: [UInt8], to bytes: inout [UInt8], pendingSpace: inout Bool) {
        var index = 0
        let count = input.count
        func space() { if !bytes.isEmpty { pendingSpace = true } }
        while index < count {
            let byte = input[index]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B:
                space()
                index += 1
            case 0xC2 where index + 1 < count && input[index + 1] == 0xA0:
                space()
                index += 2
            case 0xE2 where index + 2 < count && input[index + 1] == 0x80
                && (input[index + 2] == 0x8B || input[index + 2] == 0x8C || input[index + 2] == 0x8D):
                index += 3
            case 0xE2 where index + 2 < count && input[index + 1] == 0x80
                && (input[index + 2] == 0xA8 || input[index + 2] == 0xA9 || input[index + 2] == 0xAF
                    || (input[index + 2] >= 0x80 && input[index + 2] <= 0x8A)):
                space()
                index += 3
            case 0xEF where index + 2 < count && input[index + 1] == 0xBB && input[index + 2] == 0xBF:
                index += 3
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

    @Test func agreesWithTheByteByByteLoopOnRandomPieces() {
        // Spaces of every kind, zero-width characters, byte-order marks, NUL, lead bytes cut
        // short and plain text, several appends to one buffer.
        let pieces: [[UInt8]] = [
            [0x20], [0x09], [0x0A], [0x0C], [0xC2, 0xA0], [0xC2], [0xC2, 0xA9], [0xE2, 0x80, 0x8B], [0xE2, 0x80, 0xA8],
            [0xE2, 0x80, 0x94], [0xE2, 0x80], [0xE2], [0xEF, 0xBB, 0xBF], [0xEF, 0xBB], [0x00], Array("word".utf8),
            Array("a".utf8), [0x7F], [0xFF],
        ]
        var random = SplitMix64(state: 21)
        for _ in 0..<3_000 {
            var fast = TextBuffer()
            var slow: [UInt8] = []
            var pending = false
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let input = (0..<Int.random(in: 0...12, using: &random)).flatMap { _ in pieces.randomElement(using: &random)! }
                input.withUnsafeBufferPointer { fast.append($0) }
                Self.slowAppend(input, to: &slow, pendingSpace: &pending)
                #expect(fast.bytes == slow, "\(input)")
            }
        }
    }
}
