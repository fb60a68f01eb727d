/// A deterministic random generator (SplitMix64) for tests that compare a fast path with a slow
/// one on many generated inputs: the same inputs on every run and machine, so a failure repeats.
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64

    /// A generator whose sequence is fixed by `state`.
    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
