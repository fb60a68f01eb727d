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
        var children: [Int32: Int32] = [:]
        var gaps: [GapEdge] = []
        var entries: [Int32] = []
    }

    /// A phrase that matched tokens `start..<end`.
    struct Candidate {
        var entry: Int32
        var end: Int
    }

    private(set) var nodes: [Node] = [Node()]

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
        for (id, child) in nodes[0].children { root[Int(id)] = child }
        edgeStart = [0]
        gapStart = [0]
        entryStart = [0]
        edgeIDs = []
        edgeTargets = []
        gapWords = []
        gapTargets = []
        entryIDs = []
        for node in nodes {
            for (id, child) in node.children.sorted(by: { $0.key < $1.key }) {
                edgeIDs.append(id)
                edgeTargets.append(child)
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
        if let existing = nodes[Int(node)].children[id] { return existing }
        let created = Int32(nodes.count)
        nodes.append(Node())
        nodes[Int(node)].children[id] = created
        return created
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
