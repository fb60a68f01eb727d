/// XXH64 (seed 0) of an input's bytes: what the state stores to tell whether an input changed
/// since it was last processed.
///
/// Why not SHA-256 any more: the hash only tells one version of a page from the next under the
/// same path, against no adversary that gains anything by a collision (a page's author decides
/// its content anyway), and a 64-bit hash misses a change with odds of 2⁻⁶⁴. SHA-256 cost
/// 40 instructions a byte where the CPU has no SHA extensions (valgrind hides them): 1.28 G of a
/// 10.4 G first night on the 181 benchmark pages, the largest part of what state added to a run.
/// XXH64 costs about a quarter of an instruction a byte. The pipeline fingerprint uses it too.
///
/// Streaming: `update` takes the bytes in pieces of any size; `finalize` gives the same value as
/// hashing them at once (the reference implementation's test vectors are in the tests).
public struct ContentHash: Sendable {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    /// The prefix of the stored form, which tells it from the 64 hex digits of the SHA-256 that
    /// states written before stored (never equal, so such an input counts as changed).
    public static let prefix = "xxh64:"

    private var v1: UInt64 = 0 &+ prime1 &+ prime2
    private var v2: UInt64 = prime2
    private var v3: UInt64 = 0
    private var v4: UInt64 = 0 &- prime1
    private var total: UInt64 = 0
    /// Bytes of an unfinished 32-byte stripe (`pendingCount` of them).
    private var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var pendingCount = 0

    /// An empty hash.
    public init() {}

    /// The hash of `bytes` at once.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = ContentHash()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The stored form of a hash: `xxh64:` and 16 lowercase hex digits.
    public static func stored(_ value: UInt64) -> String {
        let hex = String(value, radix: 16)
        return prefix + String(repeating: "0", count: 16 - hex.count) + hex
    }

    @inline(__always) private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        let sum = acc &+ input &* prime2
        return ((sum << 31) | (sum >> 33)) &* prime1
    }

    @inline(__always) private static func merge(_ acc: UInt64, _ value: UInt64) -> UInt64 {
        (acc ^ round(0, value)) &* prime1 &+ prime4
    }

    @inline(__always) private static func rotate(_ value: UInt64, _ by: UInt64) -> UInt64 {
        (value << by) | (value >> (64 - by))
    }

    /// Adds the UTF-8 bytes of `string` to the hash.
    public mutating func update(string: String) {
        var copy = string
        copy.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Adds `bytes` to the hash.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        total &+= UInt64(bytes.count)
        var offset = 0
        if pendingCount > 0 {
            let take = min(32 - pendingCount, bytes.count)
            withUnsafeMutableBytes(of: &pending) { buffer in
                buffer.baseAddress!.advanced(by: pendingCount).copyMemory(from: base, byteCount: take)
            }
            pendingCount += take
            offset = take
            guard pendingCount == 32 else { return }
            stripe(UInt64(littleEndian: pending.0), UInt64(littleEndian: pending.1),
                   UInt64(littleEndian: pending.2), UInt64(littleEndian: pending.3))
            pendingCount = 0
        }
        var a = v1, b = v2, c = v3, d = v4
        while offset + 32 <= bytes.count {
            let p = base + offset
            a = Self.round(a, UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)))
            b = Self.round(b, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
            c = Self.round(c, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt64.self)))
            d = Self.round(d, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
            offset += 32
        }
        v1 = a; v2 = b; v3 = c; v4 = d
        if offset < bytes.count {
            let rest = bytes.count - offset
            withUnsafeMutableBytes(of: &pending) { buffer in
                buffer.baseAddress!.copyMemory(from: base + offset, byteCount: rest)
            }
            pendingCount = rest
        }
    }

    private mutating func stripe(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) {
        v1 = Self.round(v1, a)
        v2 = Self.round(v2, b)
        v3 = Self.round(v3, c)
        v4 = Self.round(v4, d)
    }

    /// The hash of every byte added.
    public func finalize() -> UInt64 {
        var h: UInt64
        if total >= 32 {
            h = Self.rotate(v1, 1) &+ Self.rotate(v2, 7) &+ Self.rotate(v3, 12) &+ Self.rotate(v4, 18)
            h = Self.merge(h, v1)
            h = Self.merge(h, v2)
            h = Self.merge(h, v3)
            h = Self.merge(h, v4)
        } else {
            h = Self.prime5
        }
        h &+= total
        var tail = pending
        withUnsafeBytes(of: &tail) { buffer in
            var p = 0
            let count = pendingCount
            while p + 8 <= count {
                h ^= Self.round(0, UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: p, as: UInt64.self)))
                h = Self.rotate(h, 27) &* Self.prime1 &+ Self.prime4
                p += 8
            }
            if p + 4 <= count {
                h ^= UInt64(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: p, as: UInt32.self))) &* Self.prime1
                h = Self.rotate(h, 23) &* Self.prime2 &+ Self.prime3
                p += 4
            }
            while p < count {
                h ^= UInt64(buffer[p]) &* Self.prime5
                h = Self.rotate(h, 11) &* Self.prime1
                p += 1
            }
        }
        h ^= h >> 33
        h &*= Self.prime2
        h ^= h >> 29
        h &*= Self.prime3
        h ^= h >> 32
        return h
    }
}
