/// A learned tagger's weights laid out for decoding: each feature's row of tag scores padded to a
/// vector of 4 floats (up to 4 tags: the hedge model's 3) or 8 (the attribution model's 5), on a
/// slot aligned to its size, so a feature costs one vector load from one cache line and the
/// scores of all tags are added at once. Padding lanes hold 0 and are never read as tags.
///
/// Immutable once filled, so models share it across threads; a class only to own its aligned
/// memory.
final class WeightTable: @unchecked Sendable {
    /// `rows[row * stride + tag]`.
    let rows: UnsafeMutablePointer<Float>
    /// Rows in the table (`1 << bucketBits`).
    let rowCount: Int
    /// Floats per row in memory: 4 or 8.
    let stride: Int
    /// Tags per row.
    let tagCount: Int
    /// Row mask of a feature hash.
    let mask: UInt64
    /// Mixed into every feature hash (the model's seed).
    let seed: UInt64
    /// Per previous tag: the row of the tag-to-tag transition feature (the same for every token).
    let transitionRows: [Int]
    /// Per previous tag, `stride` floats: 0 for a tag that may follow it, -infinity for one that
    /// may not (an I- tag continues only its own role) and for the padding lanes.
    let blocked: UnsafeMutablePointer<Float>

    /// A table that `fill` writes: zeroed first unless `zeroed` is false (`fill` then writes every
    /// lane, padding included, as `copyRows` does).
    init(rows rowCount: Int, tagCount: Int, seed: UInt64, zeroed: Bool = true, fill: (WeightTable) -> Void) {
        precondition(tagCount <= 8, "at most 8 tags")
        let stride = tagCount <= 4 ? 4 : 8
        let floats = rowCount * stride
        let rows = UnsafeMutableRawPointer.allocate(byteCount: floats * 4, alignment: 64)
            .bindMemory(to: Float.self, capacity: floats)
        if zeroed { rows.initialize(repeating: 0, count: floats) }
        let blocked = UnsafeMutableRawPointer.allocate(byteCount: tagCount * stride * 4, alignment: 64)
            .bindMemory(to: Float.self, capacity: tagCount * stride)
        for previous in 0..<tagCount {
            for tag in 0..<stride {
                blocked[previous * stride + tag] = tag < tagCount && SequenceModel.allowed(tag, after: previous) ? 0 : -.infinity
            }
        }
        self.rows = rows
        self.blocked = blocked
        self.rowCount = rowCount
        self.tagCount = tagCount
        self.stride = stride
        self.seed = seed
        self.mask = UInt64(rowCount - 1)
        transitionRows = (0..<tagCount).map { Int(ModelFeatures.transition($0, 0, seed: seed) & UInt64(rowCount - 1)) }
        fill(self)
    }

    deinit {
        rows.deallocate()
        blocked.deallocate()
    }

    /// Copies the file's rows (`tagCount` little-endian floats each, `byteCount` bytes in all) into
    /// their padded slots: one vector load, mask and store per row, padding lanes zeroed.
    func copyRows(from source: UnsafeRawPointer, byteCount: Int) {
        if stride == 4 {
            copyRows(SIMD4<UInt32>.self, from: source, byteCount: byteCount)
        } else {
            copyRows(SIMD8<UInt32>.self, from: source, byteCount: byteCount)
        }
        if UInt32(1).littleEndian != 1 {
            for index in 0..<(rowCount * stride) { rows[index] = Float(bitPattern: UInt32(littleEndian: rows[index].bitPattern)) }
        }
    }

    @inline(__always)
    private func copyRows<V: SIMD>(_: V.Type, from source: UnsafeRawPointer, byteCount: Int) where V.Scalar == UInt32 {
        var mask = V(repeating: 0)
        for lane in 0..<tagCount { mask[lane] = ~0 }
        let rowBytes = tagCount * 4
        let target = UnsafeMutableRawPointer(rows)
        var row = 0
        // A vector reads past its row into the next one (masked off); the last rows, whose
        // vector would read past the table, are copied lane by lane.
        while row < rowCount, row * rowBytes + stride * 4 <= byteCount {
            let lanes = source.loadUnaligned(fromByteOffset: row * rowBytes, as: V.self) & mask
            target.storeBytes(of: lanes, toByteOffset: row * stride * 4, as: V.self)
            row += 1
        }
        while row < rowCount {
            for lane in 0..<stride {
                rows[row * stride + lane] = lane < tagCount
                    ? Float(bitPattern: source.loadUnaligned(fromByteOffset: row * rowBytes + lane * 4, as: UInt32.self)) : 0
            }
            row += 1
        }
    }

    /// Whether the machine's integers are little-endian, as the file's are.
    private static let littleEndian = UInt16(1).littleEndian == 1

    /// Fills the rows from a 16-bit file's table: `bitmap` marks the rows present (bit `row % 8`
    /// of byte `row / 8`), whose `tagCount` little-endian Int16 each follow in row order from
    /// `source` (`byteCount` bytes in all); each integer times `scale`, absent rows and padding
    /// lanes 0. The same floats as `WeightFormat.quantised` gives the trainer.
    ///
    /// Each row is one vector store (a present one a vector load, conversion and multiply
    /// before it): row by row and lane by lane, expanding the attribution model cost about
    /// 40 million instructions on every run.
    ///
    /// On a big-endian machine the integers are read one by one (`littleEndian`).
    func expandRows(bitmap: UnsafeRawPointer, from source: UnsafeRawPointer, byteCount: Int, scale: Float) {
        // Eight lanes are made for either width; a table of 4 stores the lower half.
        var scales = SIMD8<Float>(repeating: 0)
        for lane in 0..<tagCount { scales[lane] = scale }
        let padding = scales .== 0
        let rowBytes = tagCount &* 2
        let wide = stride == 8
        var cursor = 0
        let target = UnsafeMutableRawPointer(rows)
        for row in 0..<rowCount {
            var lanes = SIMD8<Float>(repeating: 0)
            if bitmap.load(fromByteOffset: row >> 3, as: UInt8.self) & (1 << UInt8(row & 7)) != 0 {
                // The vector reads past its row into the next ones (those lanes are zeroed); the
                // last rows, whose vector would read past the table, lane by lane.
                if cursor &+ 16 <= byteCount, Self.littleEndian {
                    lanes = SIMD8<Float>(source.loadUnaligned(fromByteOffset: cursor, as: SIMD8<Int16>.self))
                } else {
                    for lane in 0..<tagCount { lanes[lane] = Float(Int16(littleEndian: source.loadUnaligned(fromByteOffset: cursor &+ lane &* 2, as: Int16.self))) }
                }
                lanes = (lanes * scales).replacing(with: 0, where: padding)
                cursor &+= rowBytes
            }
            if wide {
                target.storeBytes(of: lanes, toByteOffset: row &* 32, as: SIMD8<Float>.self)
            } else {
                target.storeBytes(of: lanes.lowHalf, toByteOffset: row &* 16, as: SIMD4<Float>.self)
            }
        }
    }

    /// The table in the file's layout, `tagCount` floats per row.
    var unpadded: [Float] {
        var result = [Float](repeating: 0, count: rowCount * tagCount)
        for row in 0..<rowCount {
            for tag in 0..<tagCount { result[row * tagCount + tag] = rows[row * stride + tag] }
        }
        return result
    }

    @inline(__always)
    private func row<V: SIMD>(_ feature: UInt64, as _: V.Type) -> V where V.Scalar == Float {
        UnsafeRawPointer(rows + Int(truncatingIfNeeded: feature & mask) &* stride).load(as: V.self)
    }

    /// Viterbi over this table, the same sums in the same order as `SequenceModel.viterbi` (so the
    /// same tags, bit for bit), with the tags of a row added as one vector. `features`: `perToken`
    /// hashes per token, each token's block `stride` apart. With `domainHash` every feature's copy
    /// of that corpus follows the shared ones (as the trainer lays out a domain example), mixed
    /// here instead of stored.
    func viterbi<V: SIMD>(
        _: V.Type, features: UnsafeBufferPointer<UInt64>, perToken: Int, stride block: Int, tokens: Int, cueBias: Float,
        domainHash: UInt64?, into tags: inout [Int]
    ) where V.Scalar == Float {
        tags.removeAll(keepingCapacity: true)
        guard tokens > 0 else { return }
        let count = tagCount
        let seed = seed
        let stride = self.stride
        var bias = V(repeating: 0)
        bias[1] = cueBias
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 3 * 8) { scratch in
        withUnsafeTemporaryAllocation(of: Int8.self, capacity: tokens * count) { back in
            back.initialize(repeating: 0)
            // Scores of the token's tags from each previous tag, and the best path so far into
            // each tag: compared lane by lane as scalars (a vector compare-and-select over 8 lanes
            // costs more than the 5 tags it serves).
            let scores = scratch.baseAddress!
            var best = scores + 8
            var next = scores + 16
            for token in 0..<tokens {
                let base = token * block
                var local = V(repeating: 0)
                for index in 0..<perToken { local += row(features[base &+ index], as: V.self) }
                if let domainHash {
                    for index in 0..<perToken {
                        local += row(ModelFeatures.mix(features[base &+ index], domainHash, 40, seed: seed), as: V.self)
                    }
                }
                local += bias
                for tag in 0..<count { next[tag] = -.infinity }
                // `transitionWord(previous, word)` in parts: the word's half once per token.
                let word = ModelFeatures.right(features[base &+ 1])
                for previous in 0..<(token == 0 ? 1 : count) {
                    let carried: Float = token == 0 ? 0 : best[previous]
                    if carried == -.infinity { continue }
                    let wordRow = row(
                        ModelFeatures.finish(ModelFeatures.left(UInt64(previous)) ^ word, 101, seed: seed), as: V.self)
                    let transition = UnsafeRawPointer(rows + transitionRows[previous] &* stride).load(as: V.self)
                    let penalty = UnsafeRawPointer(blocked + previous &* stride).load(as: V.self)
                    let score = V(repeating: carried) + local + transition + wordRow + penalty
                    UnsafeMutableRawPointer(scores).storeBytes(of: score, as: V.self)
                    for tag in 0..<count where scores[tag] > next[tag] {
                        next[tag] = scores[tag]
                        back[token &* count &+ tag] = Int8(truncatingIfNeeded: previous)
                    }
                }
                swap(&best, &next)
            }
            var tag = 0
            for candidate in 1..<count where best[candidate] > best[tag] { tag = candidate }
            tags.append(contentsOf: repeatElement(0, count: tokens))
            for token in Swift.stride(from: tokens - 1, through: 0, by: -1) {
                tags[token] = tag
                tag = Int(back[token * count + tag])
            }
        }
        }
    }
}
