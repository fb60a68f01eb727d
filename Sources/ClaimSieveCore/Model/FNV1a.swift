/// 64-bit FNV-1a: a stable hash of bytes, the same on every machine and in every Swift version
/// (unlike `Hasher`, which is seeded per process). Claim ids, shard keys and the sums in a
/// model's sidecar are made with it, so a value written one night is the same the next.
public enum FNV1a {
    /// The hash of no bytes; feed bytes with `mix`.
    public static let offset: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// `hash` with one more byte.
    @inline(__always)
    public static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* prime
    }

    /// The hash of `bytes`.
    public static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash = offset
        for byte in bytes { hash = mix(hash, byte) }
        return hash
    }

    /// `hash` as 16 lowercase hex digits.
    public static func hex(_ hash: UInt64) -> String {
        // Written into the string's storage: `String(_:radix:)` padded with zeros made three strings.
        String(unsafeUninitializedCapacity: 16) { out in
            let digits: StaticString = "0123456789abcdef"
            for k in 0..<16 { out[k] = digits.utf8Start[Int((hash >> UInt64(60 - 4 * k)) & 0xF)] }
            return 16
        }
    }
}
