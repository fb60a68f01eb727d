/// Every word the lexicon mentions, as lower-cased UTF-8 bytes with a small integer id.
///
/// The tagger turns each token of a sentence into an id with one hash lookup over bytes, so the
/// matcher, the word lists and the filters compare integers instead of strings. Words the lexicon
/// never mentions get -1 and cost nothing more.
struct Vocabulary: Sendable {
    private var slots: [Int32]
    private var mask: Int
    /// All words back to back; word `id` is `pool[offsets[id]..<offsets[id + 1]]`.
    private var pool: [UInt8] = []
    private var offsets: [Int32] = [0]
    private var hashes: [UInt64] = []

    init() {
        slots = Array(repeating: -1, count: 1024)
        mask = 1023
    }

    var count: Int { hashes.count }

    /// The id of `word` (already lower-cased), adding it when new.
    mutating func intern(_ word: [UInt8]) -> Int32 {
        let hash = Self.hash(word[...])
        let found = word.withUnsafeBufferPointer { lookup($0, hash: hash) }
        if found >= 0 { return found }
        if (count + 1) * 2 > slots.count { grow() }
        let id = Int32(count)
        pool.append(contentsOf: word)
        offsets.append(Int32(pool.count))
        hashes.append(hash)
        insert(id: id, hash: hash)
        return id
    }

    /// The id of lower-cased bytes, or -1.
    @inline(__always)
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        slots.withUnsafeBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                offsets.withUnsafeBufferPointer { offsets in
                    pool.withUnsafeBufferPointer { pool in
                        var slot = Int(truncatingIfNeeded: hash) & mask
                        while true {
                            let id = slots[slot]
                            if id < 0 { return -1 }
                            if hashes[Int(id)] == hash {
                                let start = Int(offsets[Int(id)])
                                let end = Int(offsets[Int(id) + 1])
                                if end - start == bytes.count {
                                    var same = true
                                    var index = 0
                                    while index < bytes.count {
                                        if pool[start + index] != bytes[index] {
                                            same = false
                                            break
                                        }
                                        index += 1
                                    }
                                    if same { return id }
                                }
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }
    }

    func lookup(_ word: String) -> Int32 {
        let bytes = Array(word.lowercased().utf8)
        return bytes.withUnsafeBufferPointer { lookup($0, hash: Self.hash(bytes[...])) }
    }

    /// FNV-1a, the same function the tokenizer applies while it lower-cases.
    @inline(__always)
    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    private mutating func insert(id: Int32, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = id
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for (index, hash) in hashes.enumerated() { insert(id: Int32(index), hash: hash) }
    }
}
