/// All cue phrases compiled into one trie over token ids, matched once per sentence.
///
/// A sentence is walked from each word that starts some phrase; words the lexicon never mentions
/// have id -1 and stop the walk at once. `*` gaps are edges that skip up to N words. This keeps
/// matching linear in the sentence whatever the number of cues, instead of one regex per cue.
struct CueMatcher: Sendable {
    /// One position of a compiled phrase.
    enum Slot: Sendable {
        /// Alternatives, each a sequence of word ids (a literal may be several words).
        case words([[Int32]])
        /// Up to this many arbitrary words (zero included).
        case gap(Int)
    }

    struct GapEdge: Sendable {
        var maxWords: Int
        var node: Int32
    }

    struct Node: Sendable {
        var gaps: [GapEdge] = []
        var entries: [Int32] = []
    }

    /// A word edge while the trie is built: from `key >> 32` on word id `key & 0xFFFF_FFFF`.
    struct Edge: Sendable {
        var key: UInt64
        var child: Int32
    }

    /// A phrase that matched tokens `start..<end`.
    struct Candidate {
        var entry: Int32
        var end: Int
    }

    private(set) var nodes: [Node] = [Node()]
    // Word edges while building, in creation order, and where each is in `edges` by its key.
    // One flat table instead of a `Dictionary` per node: building the shipped lexicon's trie
    // hashed every edge with SipHash per lookup (16 M instructions at every start-up) and
    // sorted a dictionary per node when freezing (10 M).
    private var edges: [Edge] = []
    private var edgeIndex = EdgeIndex()

    // The frozen form the sentence walk reads: plain integer arrays, no hashing, no reference
    // counting. `root[id]` is the node after the first word; node `n` has edges
    // `edgeIDs/edgeTargets[edgeStart[n]..<edgeStart[n + 1]]`, likewise gaps and entries.
    private var root: [Int32] = []
    private var edgeStart: [Int32] = []
    private var edgeIDs: [Int32] = []
    private var edgeTargets: [Int32] = []
    private var gapStart: [Int32] = []
    private var gapWords: [Int32] = []
    private var gapTargets: [Int32] = []
    private var entryStart: [Int32] = []
    private var entryIDs: [Int32] = []

    /// Builds the read-only tables once every phrase is inserted.
    mutating func freeze(vocabularySize: Int) {
        root = Array(repeating: -1, count: vocabularySize)
        // Each node's word edges by ascending word id: sorting the keys (node, then id) once.
        let sorted = edges.sorted { $0.key < $1.key }
        edgeStart = [0]
        gapStart = [0]
        entryStart = [0]
        edgeIDs = []
        edgeTargets = []
        gapWords = []
        gapTargets = []
        entryIDs = []
        edgeIDs.reserveCapacity(sorted.count)
        edgeTargets.reserveCapacity(sorted.count)
        var position = 0
        for (index, node) in nodes.enumerated() {
            while position < sorted.count, sorted[position].key >> 32 == UInt64(index) {
                let id = Int32(truncatingIfNeeded: sorted[position].key)
                if index == 0 { root[Int(id)] = sorted[position].child }
                edgeIDs.append(id)
                edgeTargets.append(sorted[position].child)
                position += 1
            }
            edgeStart.append(Int32(edgeIDs.count))
            for gap in node.gaps {
                gapWords.append(Int32(gap.maxWords))
                gapTargets.append(gap.node)
            }
            gapStart.append(Int32(gapWords.count))
            entryIDs.append(contentsOf: node.entries)
            entryStart.append(Int32(entryIDs.count))
        }
    }

    /// The frozen tables, for tests that compare two ways of building them.
    var frozenTables: [[Int32]] {
        [root, edgeStart, edgeIDs, edgeTargets, gapStart, gapWords, gapTargets, entryStart, entryIDs]
    }

    mutating func insert(_ slots: [Slot], entry: Int32) {
        insert(slots[...], at: 0, entry: entry)
    }

    private mutating func insert(_ slots: ArraySlice<Slot>, at node: Int32, entry: Int32) {
        guard let first = slots.first else {
            if !nodes[Int(node)].entries.contains(entry) { nodes[Int(node)].entries.append(entry) }
            return
        }
        let rest = slots.dropFirst()
        switch first {
        case .words(let alternatives):
            for sequence in alternatives {
                var current = node
                for id in sequence { current = child(of: current, id: id) }
                insert(rest, at: current, entry: entry)
            }
        case .gap(let maxWords):
            let target: Int32
            if let edge = nodes[Int(node)].gaps.first(where: { $0.maxWords == maxWords }) {
                target = edge.node
            } else {
                target = Int32(nodes.count)
                nodes.append(Node())
                nodes[Int(node)].gaps.append(GapEdge(maxWords: maxWords, node: target))
            }
            insert(rest, at: target, entry: entry)
        }
    }

    private mutating func child(of node: Int32, id: Int32) -> Int32 {
        let key = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: id))
        if let existing = edgeIndex.find(key, in: edges) { return edges[existing].child }
        let created = Int32(nodes.count)
        nodes.append(Node())
        edgeIndex.insert(key, at: Int32(edges.count), in: edges)
        edges.append(Edge(key: key, child: created))
        return created
    }

    /// Open addressing over `edges` by key (positions only, the edges themselves stay in
    /// creation order); a multiplicative hash, since keys are trusted ids, not user input.
    struct EdgeIndex: Sendable {
        private var slots: [Int32] = Array(repeating: -1, count: 1024)
        private var count = 0

        func find(_ key: UInt64, in edges: [Edge]) -> Int? {
            let mask = slots.count - 1
            var slot = slot(of: key)
            while true {
                let index = slots[slot]
                if index < 0 { return nil }
                if edges[Int(index)].key == key { return Int(index) }
                slot = (slot + 1) & mask
            }
        }

        mutating func insert(_ key: UInt64, at index: Int32, in edges: [Edge]) {
            if (count + 1) * 2 > slots.count {
                // Grow: every edge placed again (keys read from `edges`, which `index` is not in yet).
                slots = Array(repeating: -1, count: slots.count * 2)
                for (position, edge) in edges.enumerated() { place(edge.key, Int32(position)) }
            }
            place(key, index)
            count += 1
        }

        private mutating func place(_ key: UInt64, _ index: Int32) {
            let mask = slots.count - 1
            var slot = slot(of: key)
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = index
        }

        /// Fibonacci hashing: the product's top bits, which every bit of the key reaches (its
        /// low bits would depend on the word id alone, and edges on one word would collide).
        private func slot(of key: UInt64) -> Int {
            Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slots.count.trailingZeroBitCount))
        }
    }

    /// Every phrase that matches from token `start`, appended to `candidates`.
    @inline(__always)
    func candidates(
        in tokens: UnsafeBufferPointer<ByteTokenizer.Token>, from start: Int, into candidates: inout [Candidate]
    ) {
        let token = tokens[start]
        guard token.isWord, token.id >= 0 else { return }
        let next = root[Int(token.id)]
        guard next >= 0 else { return }
        walk(next, tokens, start + 1, &candidates)
    }

    private func walk(
        _ node: Int32, _ tokens: UnsafeBufferPointer<ByteTokenizer.Token>, _ position: Int,
        _ candidates: inout [Candidate]
    ) {
        let node = Int(node)
        for index in Int(entryStart[node])..<Int(entryStart[node + 1]) {
            candidates.append(Candidate(entry: entryIDs[index], end: position))
        }
        if position < tokens.count {
            let token = tokens[position]
            if token.isWord, token.id >= 0 {
                for index in Int(edgeStart[node])..<Int(edgeStart[node + 1]) where edgeIDs[index] == token.id {
                    walk(edgeTargets[index], tokens, position + 1, &candidates)
                    break
                }
            }
        }
        for index in Int(gapStart[node])..<Int(gapStart[node + 1]) {
            let maxWords = Int(gapWords[index])
            var skipped = 0
            while true {
                walk(gapTargets[index], tokens, position + skipped, &candidates)
                guard skipped < maxWords, position + skipped < tokens.count, tokens[position + skipped].isWord
                else { break }
                skipped += 1
            }
        }
    }
}
