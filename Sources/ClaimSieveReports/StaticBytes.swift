extension Array where Element == UInt8 {
    /// Appends a literal's UTF-8 bytes straight from the binary. Appending `"…".utf8` went
    /// through the generic sequence path, a few hundred instructions a literal; the report
    /// writers append a dozen literals per claim.
    @inline(__always)
    mutating func append(literal: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }
}
