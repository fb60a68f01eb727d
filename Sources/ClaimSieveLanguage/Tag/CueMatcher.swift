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
        guard token.isWord, token.id >= 0, let next = nodes[0].children[token.id] else { return }
        walk(next, tokens, start + 1, &candidates)
    }

    private func walk(
        _ node: Int32, _ tokens: UnsafeBufferPointer<ByteTokenizer.Token>, _ position: Int,
        _ candidates: inout [Candidate]
    ) {
        let current = nodes[Int(node)]
        for entry in current.entries { candidates.append(Candidate(entry: entry, end: position)) }
        if position < tokens.count {
            let token = tokens[position]
            if token.isWord, token.id >= 0, let next = current.children[token.id] {
                walk(next, tokens, position + 1, &candidates)
            }
        }
        for edge in current.gaps {
            var skipped = 0
            while true {
                walk(edge.node, tokens, position + skipped, &candidates)
                guard skipped < edge.maxWords, position + skipped < tokens.count, tokens[position + skipped].isWord
                else { break }
                skipped += 1
            }
        }
    }
}
