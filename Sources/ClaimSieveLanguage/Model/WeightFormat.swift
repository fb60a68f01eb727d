/// How a model file stores its weights (format 7 on; every earlier format holds 32-bit floats).
///
/// Why 16 bits: the attribution model gains from a table of 2^20 rows (README, "Learned taggers"),
/// which as floats is a 21 MB file, over the 20 MB for both models; as 16-bit integers
/// times one step per table it is half that. The step is the table's largest weight over 32767
/// (about 0.004 for weights up to 140), far below any difference a decode turns on: rounding the
/// shipped attribution model's weights changed no tag of PolNeAR dev.
public enum WeightFormat: UInt32, Sendable, Equatable {
    /// Little-endian Int16, each times the file's step (`SequenceModel.weightScale`).
    case int16 = 16
    /// Little-endian Float32, as every format before 7.
    case float32 = 32

    /// The step of a table whose largest weight in magnitude is `largest` (1 for an empty table).
    static func scale(largest: Float) -> Float { largest > 0 ? largest / 32767 : 1 }

    /// The stored integer of `weight` at `scale`.
    @inline(__always)
    static func integer(_ weight: Float, scale: Float) -> Int16 {
        Int16(clamping: Int((weight / scale).rounded()))
    }

    /// `weights` rounded to multiples of one step, as a 16-bit file holds them, and that step.
    /// A rounded weight over the same step gives back its integer (`integer`), so writing and
    /// reading the model never moves a weight.
    static func quantised(_ weights: [Float]) -> (weights: [Float], scale: Float) {
        let largest = weights.reduce(Float(0)) { max($0, abs($1)) }
        let scale = scale(largest: largest)
        return (weights.map { Float(integer($0, scale: scale)) * scale }, scale)
    }
}
