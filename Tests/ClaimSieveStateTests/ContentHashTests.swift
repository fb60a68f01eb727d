import ClaimSieveState
import ClaimSieveTestSupport
import Foundation
import Testing

/// The state's input hash is XXH64: the reference implementation's values (libxxhash 0.8.1),
/// and the same value whatever pieces the bytes come in.
@Suite struct ContentHashTests {
    static func xxh64(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { ContentHash.hash($0) } }

    /// 1,283 bytes: 0...255 five times and "xyz" (stripes, then 8-, 4- and 1-byte tails).
    static let long: [UInt8] = Array((0..<5).flatMap { _ in (0...255).map { UInt8($0) } }) + Array("xyz".utf8)

    @Test func theReferenceValues() {
        #expect(Self.xxh64([]) == 0xEF46_DB37_51D8_E999)
        #expect(Self.xxh64(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(Self.xxh64(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(Self.xxh64(Array("hello\n".utf8)) == 0xE4C1_91D0_91BD_8853)
        #expect(Self.xxh64(Array("abcdefgh".utf8)) == 0x3AD3_5177_5B46_34B7)
        #expect(Self.xxh64(Array("Nobody inspects the spammish repetition".utf8)) == 0xFBCE_A83C_8A37_8BF1)
        #expect(Self.xxh64(Self.long) == 0xAFD1_8A39_57D3_670A)
        #expect(ContentHash.stored(0xAF) == "xxh64:00000000000000af")
    }

    @Test func piecesOfAnySizeGiveTheSameValue() {
        for piece in [1, 3, 7, 31, 32, 33, 100, 1000] {
            var hasher = ContentHash()
            var start = 0
            while start < Self.long.count {
                let end = min(start + piece, Self.long.count)
                Self.long[start..<end].withUnsafeBytes { hasher.update($0) }
                start = end
            }
            #expect(hasher.finalize() == 0xAFD1_8A39_57D3_670A, "pieces of \(piece)")
        }
    }

    /// The state stores XXH64 for files and bytes alike; an input stored with a SHA-256 by an
    /// earlier version never equals it (that input is processed again once).
    @Test func aFileHashesAsItsBytes() throws {
        let path = TestPaths.temporaryFolder() + "/page.html"
        try Data(Self.long).write(to: URL(fileURLWithPath: path))
        #expect(Fingerprint.contentHash(ofFile: path) == "xxh64:afd18a3957d3670a")
        #expect(Fingerprint.contentHash(Data(Self.long)) == "xxh64:afd18a3957d3670a")
        #expect(Fingerprint.contentHash(ofFile: path + ".missing") == nil)
    }
}
