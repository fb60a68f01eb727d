@testable import ClaimSieveLanguage
import ClaimSieveTestSupport
import Testing

/// `CueMatcher` builds its trie with one flat edge table; the tables it freezes must be the ones
/// the earlier build (a `Dictionary` of children per node, sorted per node) made from the same
/// phrases, kept here as the reference.
@Suite("Cue matcher build") struct CueMatcherBuildTests {
    /// The earlier build, unchanged but for returning the tables.
    struct Reference {
        struct Node {
            var children: [Int32: Int32] = [:]
            var gaps: [(maxWords: Int, node: Int32)] = []
            var entries: [Int32] = []
        }

        var nodes: [Node] = [Node()]

        mutating func insert(_ slots: ArraySlice<CueMatcher.Slot>, at node: Int32, entry: Int32) {
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
                    nodes[Int(node)].gaps.append((maxWords, target))
                }
                insert(rest, at: target, entry: entry)
            }
        }

        mutating func child(of node: Int32, id: Int32) -> Int32 {
            if let existing = nodes[Int(node)].children[id] { return existing }
            let created = Int32(nodes.count)
            nodes.append(Node())
            nodes[Int(node)].children[id] = created
            return created
        }

        func frozen(vocabularySize: Int) -> [[Int32]] {
            var root = Array(repeating: Int32(-1), count: vocabularySize)
            for (id, child) in nodes[0].children { root[Int(id)] = child }
            var edgeStart: [Int32] = [0], gapStart: [Int32] = [0], entryStart: [Int32] = [0]
            var edgeIDs: [Int32] = [], edgeTargets: [Int32] = [], gapWords: [Int32] = [], gapTargets: [Int32] = []
            var entryIDs: [Int32] = []
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
            return [root, edgeStart, edgeIDs, edgeTargets, gapStart, gapWords, gapTargets, entryStart, entryIDs]
        }
    }

    @Test func freezesTheTablesTheDictionaryBuildFroze() {
        var random = SplitMix64(state: 14)
        for round in 0..<40 {
            // Small vocabularies share prefixes often; large ones grow the edge table past its
            // first size (1,024 slots) several times.
            let vocabularySize = round % 2 == 0 ? 12 : 5_000
            var matcher = CueMatcher()
            var reference = Reference()
            for entry in 0..<Int32(Int.random(in: 1...400, using: &random)) {
                var slots: [CueMatcher.Slot] = []
                for position in 0..<Int.random(in: 1...4, using: &random) {
                    if position > 0, Int.random(in: 0..<5, using: &random) == 0 {
                        slots.append(.gap(Int.random(in: 1...3, using: &random)))
                        continue
                    }
                    var alternatives: [[Int32]] = []
                    for _ in 0..<Int.random(in: 1...3, using: &random) {
                        alternatives.append((0..<Int.random(in: 1...2, using: &random)).map { _ in
                            Int32.random(in: 0..<Int32(vocabularySize), using: &random)
                        })
                    }
                    slots.append(.words(alternatives))
                }
                matcher.insert(slots, entry: entry)
                reference.insert(slots[...], at: 0, entry: entry)
            }
            matcher.freeze(vocabularySize: vocabularySize)
            #expect(matcher.frozenTables == reference.frozen(vocabularySize: vocabularySize), "round \(round)")
        }
    }
}
