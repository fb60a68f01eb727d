import Foundation

/// Distributional word classes learned from the training text, no labels needed: words that stand
/// between the same neighbours share a class ("believes", "contends", "insists" before "that";
/// "voted", "campaigned" before "for"/"against"), so a verb the labelled spans hold rarely shares
/// weight with the common ones of its class (feature set 5, `ModelFeatures`).
///
/// How: every word seen `minimumCount` times or more is a vector of positive pointwise mutual
/// information with the most frequent tokens just before and just after it; spherical k-means
/// (cosine) groups the vectors into `classCount` classes, started from words spread evenly over
/// the frequency ranking and run a fixed number of rounds. Every step is in a fixed order (ties by
/// hash), so the same text gives the same classes, and the model file holds the table
/// (`SequenceModel.clusters`), so tagging never recomputes it.
public struct WordClusters: Sendable, Equatable {
    /// Word hashes (`ByteTokenizer.Token.hash`, lower-cased), sorted.
    public private(set) var words: [UInt32]
    /// The class of `words[i]`, 0 ..< `classCount` (`unknown` for a word only `senses` gave), with
    /// its WordNet supersense code (`WordSenses`) above bit 16 in a table of feature set 6.
    public private(set) var classes: [UInt32]
    /// The class of a word the table does not hold.
    static let unknown: UInt64 = 0xFFFF
    /// Open-addressed lookup: `slots` entries of (hash, class + 1); 0 marks an empty slot.
    private var slots: [UInt64] = []
    private var slotMask = 0

    static let classCount = 256
    static let minimumCount = 3
    static let contextCount = 600
    static let largestVocabulary = 40_000
    static let rounds = 12

    /// A table of classes alone (pairs sorted by hash).
    init(words: [UInt32], classes: [UInt16]) {
        self.init(words: words, values: classes.map { UInt32($0) })
    }

    /// A table read from a model file (pairs sorted by hash): the class in the low 16 bits, a
    /// set-6 table's supersense code above.
    init(words: [UInt32], values: [UInt32]) {
        self.words = words
        self.classes = values
        var size = 16
        while size < words.count * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        slotMask = size - 1
        for (word, cluster) in zip(words, classes) {
            var slot = Int(word &* 0x9E37_79B1) & slotMask
            while slots[slot] != 0 { slot = (slot + 1) & slotMask }
            slots[slot] = UInt64(word) << 32 | (UInt64(cluster) + 1)
        }
    }

    var isEmpty: Bool { words.isEmpty }

    /// The same table with each word's WordNet supersense code (`WordSenses.code`) in bits 16 and
    /// up (feature set 6); a word only WordNet holds gets the class `unknown`. One table, one
    /// look-up per token for both signals, and it travels in the model file as the classes do.
    func adding(senses: WordSenses) -> WordClusters {
        var values: [UInt32: UInt32] = [:]
        for (word, value) in zip(words, classes) { values[word] = value & 0xFFFF }
        for (word, code) in zip(senses.words, senses.codes) {
            values[word] = (values[word] ?? UInt32(Self.unknown)) | code << 16
        }
        let sorted = values.keys.sorted()
        return WordClusters(words: sorted, values: sorted.map { values[$0]! })
    }

    /// No classes: every word `unknown`.
    static let empty = WordClusters(words: [], classes: [])

    /// Calls `body` with a lookup over the table's memory (one access per sentence, not per word).
    @inline(__always)
    func withLookup<Result>(_ body: ((UInt32) -> UInt64) -> Result) -> Result {
        let mask = slotMask
        return slots.withUnsafeBufferPointer { slots in
            body { word in
                guard mask > 0 else { return Self.unknown }
                var slot = Int(word &* 0x9E37_79B1) & mask
                while true {
                    let entry = slots[slot]
                    if entry == 0 { return Self.unknown }
                    if UInt32(truncatingIfNeeded: entry >> 32) == word { return (entry & 0xFFFF_FFFF) - 1 }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// The class of a word hash, or `unknown`.
    func lookup(_ word: UInt32) -> UInt64 { withLookup { $0(word) } }

    /// Learns the classes from sentences given as token hashes (words and punctuation, in order;
    /// `isWord` marks which are words to classify).
    static func learn(
        _ sentences: [[(hash: UInt32, isWord: Bool)]], classCount: Int = WordClusters.classCount,
        minimumCount: Int = WordClusters.minimumCount
    ) -> WordClusters {
        var frequency: [UInt32: Int] = [:]
        var wordFrequency: [UInt32: Int] = [:]
        for sentence in sentences {
            for token in sentence {
                frequency[token.hash, default: 0] += 1
                if token.isWord { wordFrequency[token.hash, default: 0] += 1 }
            }
        }
        func ranked(_ counts: [UInt32: Int]) -> [UInt32] {
            counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
        }
        let vocabulary = Array(ranked(wordFrequency.filter { $0.value >= minimumCount }).prefix(largestVocabulary))
        guard vocabulary.count > classCount else { return WordClusters(words: [], classes: []) }
        // Contexts: the most frequent tokens (any kind), plus the sentence's edges; others share one slot.
        let contexts = Array(ranked(frequency).prefix(contextCount))
        var contextIndex: [UInt32: Int] = [:]
        for (index, hash) in contexts.enumerated() { contextIndex[hash] = index }
        let other = contexts.count, edge = contexts.count + 1
        let side = contexts.count + 2
        var wordIndex: [UInt32: Int] = [:]
        for (index, hash) in vocabulary.enumerated() { wordIndex[hash] = index }
        // Co-occurrence counts, word × (left context | right context).
        var counts = [[Int: Int]](repeating: [:], count: vocabulary.count)
        for sentence in sentences {
            for (position, token) in sentence.enumerated() {
                guard token.isWord, let word = wordIndex[token.hash] else { continue }
                let left = position > 0 ? contextIndex[sentence[position - 1].hash] ?? other : edge
                let right = position + 1 < sentence.count ? contextIndex[sentence[position + 1].hash] ?? other : edge
                counts[word][left, default: 0] += 1
                counts[word][side + right, default: 0] += 1
            }
        }
        // PPMI, L2-normalised, as sorted sparse vectors.
        // Integer counts: the sums do not depend on the dictionaries' order, so the same text
        // gives the same file however large it is.
        var columnTotals = [Int](repeating: 0, count: 2 * side)
        var total = 0
        for row in counts {
            for (column, count) in row {
                columnTotals[column] += count
                total += count
            }
        }
        var vectors: [[(column: Int, value: Float)]] = []
        vectors.reserveCapacity(counts.count)
        for row in counts {
            let rowTotal = row.values.reduce(0, +)
            var vector: [(column: Int, value: Float)] = []
            for (column, count) in row.sorted(by: { $0.key < $1.key }) {
                let pmi = log(Float(count) * Float(total) / (Float(rowTotal) * Float(columnTotals[column])))
                if pmi > 0 { vector.append((column, pmi)) }
            }
            let norm = vector.reduce(Float(0)) { $0 + $1.value * $1.value }.squareRoot()
            if norm > 0 { for index in vector.indices { vector[index].value /= norm } }
            vectors.append(vector)
        }
        // Spherical k-means from words spread evenly over the frequency ranking.
        let dimensions = 2 * side
        var centroids = [Float](repeating: 0, count: classCount * dimensions)
        for cluster in 0..<classCount {
            for entry in vectors[cluster * vectors.count / classCount] { centroids[cluster * dimensions + entry.column] = entry.value }
        }
        var assignment = [Int](repeating: 0, count: vectors.count)
        for _ in 0..<rounds {
            centroids.withUnsafeBufferPointer { centroids in
                for (index, vector) in vectors.enumerated() {
                    var best = 0
                    var bestScore = -Float.infinity
                    for cluster in 0..<classCount {
                        let base = cluster * dimensions
                        var score: Float = 0
                        for entry in vector { score += centroids[base + entry.column] * entry.value }
                        if score > bestScore {
                            bestScore = score
                            best = cluster
                        }
                    }
                    assignment[index] = best
                }
            }
            var sums = [Float](repeating: 0, count: classCount * dimensions)
            for (index, vector) in vectors.enumerated() {
                let base = assignment[index] * dimensions
                for entry in vector { sums[base + entry.column] += entry.value }
            }
            for cluster in 0..<classCount {
                let base = cluster * dimensions
                var norm: Float = 0
                for column in 0..<dimensions { norm += sums[base + column] * sums[base + column] }
                norm = norm.squareRoot()
                // An empty class keeps its centroid.
                guard norm > 0 else { continue }
                for column in 0..<dimensions { centroids[base + column] = sums[base + column] / norm }
            }
        }
        let order = vocabulary.indices.sorted { vocabulary[$0] < vocabulary[$1] }
        return WordClusters(words: order.map { vocabulary[$0] }, classes: order.map { UInt16(assignment[$0]) })
    }
}
