/// Integers written as ASCII decimal digits straight into a byte buffer.
///
/// The reports write a few numbers for every claim (its group's counts in `claims.jsonl`,
/// `report.html`'s data and `report.md`); through `String(value)` or string interpolation each
/// made and appended a string: callgrind counted about 600 million instructions for them at the
/// end of a 1,810-page run, an eighth of it.
enum DecimalBytes {
    /// Appends `value` in decimal (with `-` when negative), as `String(value)` spells it.
    @inline(__always)
    static func append(_ value: Int, to out: inout [UInt8]) {
        if value >= 0, value < 10 {
            out.append(0x30 &+ UInt8(value))
            return
        }
        var magnitude = value.magnitude
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 &- count] = 0x30 &+ UInt8(magnitude % 10)
                magnitude /= 10
                count &+= 1
            } while magnitude > 0
            out.append(contentsOf: buffer[(20 &- count)...])
        }
    }
}
