/// Where a run of bytes that need no escaping ends, by a 256-entry class table: eight bytes at a
/// time while none is flagged (most of any text), then byte by byte. The JSON and the Markdown
/// escapers share it; each keeps its own table of which bytes it changes.
enum ByteRuns {
    /// The index of the first byte at or after `start` whose class in `table` has a bit of
    /// `mask`, or `count` when none has.
    @inline(__always)
    static func firstFlagged(_ p: UnsafePointer<UInt8>, from start: Int, count: Int,
                             table: UnsafePointer<UInt8>, mask: UInt8) -> Int {
        var i = start
        while i + 8 <= count,
              (table[Int(p[i])] | table[Int(p[i + 1])] | table[Int(p[i + 2])] | table[Int(p[i + 3])]
                  | table[Int(p[i + 4])] | table[Int(p[i + 5])] | table[Int(p[i + 6])] | table[Int(p[i + 7])]) & mask == 0 {
            i += 8
        }
        while i < count, table[Int(p[i])] & mask == 0 { i += 1 }
        return i
    }
}
