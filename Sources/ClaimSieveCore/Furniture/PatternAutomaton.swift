/// Finds many byte patterns in one pass: an Aho–Corasick automaton compiled into a table of
/// transitions, one lookup a byte whatever the number of patterns.
///
/// Built once from data files (the furniture kinds' cues, the class names extraction weighs) and
/// run on every sentence or element of every page, where trying the patterns one by one at each
/// byte cost a tenth of a run. The automaton answers the question those callers ask: which
/// labels (a kind's cue list, a category of class names) have at least one pattern in the text.
///
/// Matching rules, chosen at construction:
/// - `wordBoundaries`: a pattern that starts with a letter or digit matches only at the start of
///   a word, and one that ends with a letter, a digit or `#` only at the end of one (letters and
///   digits as `isWordByte` says: ASCII letters and digits and every byte of a non-ASCII
///   character). The scanned range's own ends are word edges.
/// - `digitWildcard`: `#` in a pattern stands for any one ASCII digit.
/// - An anchored pattern matches only at the start of the scanned range.
///
/// Boundaries are compiled into the automaton rather than checked afterwards: the scan feeds it a
/// "word starts" symbol before the first byte of each word and a "word ends" symbol after its last
/// byte, and each pattern is compiled with the same symbols where it requires (or holds) an edge.
/// An anchored pattern begins with a "range starts" symbol, fed once before the first byte.
public struct PatternAutomaton: Sendable {
    /// One pattern: its bytes, whether it is anchored at the start, and the labels it reports.
    public struct Pattern: Sendable {
        public var bytes: [UInt8]
        public var anchored: Bool
        public var labels: [Int]

        /// A pattern with the labels it reports when found.
        public init(_ bytes: [UInt8], anchored: Bool = false, labels: [Int]) {
            self.bytes = bytes
            self.anchored = anchored
            self.labels = labels
        }
    }

    /// How many `UInt64` words a set of labels takes (`scan` fills that many).
    public let labelWords: Int
    /// Per byte value: its symbol class times two, plus one for a word byte.
    private let byteEntry: [UInt16]
    /// Symbols per state: the byte classes, then word start, word end and range start.
    private let symbolCount: Int
    private let wordStart: Int
    private let wordEnd: Int
    private let rangeStart: Int
    /// Transitions: `next[row + symbol]` is the row of the next state (a state's row is its number
    /// times `symbolCount`). States that report labels are numbered last, from `firstOutputRow`.
    private let next: [UInt32]
    private let firstOutputRow: Int
    /// The labels of each reporting state, `labelWords` words per state from `firstOutputRow`.
    private let outputs: [UInt64]
    private let wordBoundaries: Bool
    private let anchors: Bool

    /// Number of states (for tests and the record of the table's size).
    public var stateCount: Int { next.count / symbolCount }

    /// Compiles `patterns` (empty ones are ignored) for labels `0..<labelCount`.
    public init(patterns: [Pattern], labelCount: Int, wordBoundaries: Bool, digitWildcard: Bool) {
        self.wordBoundaries = wordBoundaries
        let labelWords = max(1, (labelCount + 63) / 64)
        self.labelWords = labelWords
        let patterns = patterns.filter { !$0.bytes.isEmpty }
        anchors = patterns.contains { $0.anchored }
        let hash = UInt8(ascii: "#")
        let usesWildcard = digitWildcard && patterns.contains { $0.bytes.contains(hash) }

        // Byte classes: one per byte some pattern names, one for the digits no pattern names
        // (when `#` stands for them), one (class 0) for every other byte.
        var classOf = [Int](repeating: 0, count: 256)
        var classes = 1
        for pattern in patterns {
            for byte in pattern.bytes where !(usesWildcard && byte == hash) && classOf[Int(byte)] == 0 {
                classOf[Int(byte)] = classes
                classes += 1
            }
        }
        if usesWildcard {
            let digitClass = classes
            var used = false
            for digit in 0x30...0x39 where classOf[digit] == 0 {
                classOf[digit] = digitClass
                used = true
            }
            if used { classes += 1 }
        }
        let digitClasses = Array(Set((0x30...0x39).map { classOf[$0] })).sorted()
        let symbols = classes + 3
        let wordStart = classes, wordEnd = classes + 1, rangeStart = classes + 2
        symbolCount = symbols
        self.wordStart = wordStart
        self.wordEnd = wordEnd
        self.rangeStart = rangeStart
        byteEntry = (0..<256).map { UInt16(classOf[$0] * 2 + (Self.isWordByte(UInt8($0)) ? 1 : 0)) }

        // The trie, over symbol sets (`#` is the set of digit classes), as a dense table.
        var table = [Int32](repeating: -1, count: symbols)
        var labels: [[Int]] = [[]]
        func child(_ node: Int, _ symbol: Int) -> Int {
            let existing = table[node * symbols + symbol]
            if existing >= 0 { return Int(existing) }
            let created = labels.count
            labels.append([])
            table.append(contentsOf: repeatElement(-1, count: symbols))
            table[node * symbols + symbol] = Int32(created)
            return created
        }
        for pattern in patterns {
            var frontier: [Int] = [0]
            for step in Self.symbolSequence(pattern, wordBoundaries: wordBoundaries, wildcard: usesWildcard) {
                let choices: [Int]
                switch step {
                case .byte(let byte): choices = [classOf[Int(byte)]]
                case .digit: choices = digitClasses
                case .wordStart: choices = [wordStart]
                case .wordEnd: choices = [wordEnd]
                case .rangeStart: choices = [rangeStart]
                }
                var reached: [Int] = []
                for node in frontier {
                    for symbol in choices {
                        let target = child(node, symbol)
                        if !reached.contains(target) { reached.append(target) }
                    }
                }
                frontier = reached
            }
            for node in frontier { labels[node].append(contentsOf: pattern.labels) }
        }

        // Failure links in breadth-first order turn the trie into a complete transition table;
        // each state also reports the labels of the states its failure chain reaches.
        let stateTotal = labels.count
        var masks = [UInt64](repeating: 0, count: stateTotal * labelWords)
        for state in 0..<stateTotal {
            for label in labels[state] where label >= 0 && label < labelCount {
                masks[state * labelWords + label / 64] |= 1 << UInt64(label % 64)
            }
        }
        var fail = [Int](repeating: 0, count: stateTotal)
        var order: [Int] = [0]
        var head = 0
        for symbol in 0..<symbols where table[symbol] < 0 { table[symbol] = 0 }
        for symbol in 0..<symbols where table[symbol] > 0 {
            let target = Int(table[symbol])
            if !order.contains(target) { order.append(target) }
        }
        head = 1
        var visited = [Bool](repeating: false, count: stateTotal)
        for state in order { visited[state] = true }
        // On raw buffers: this loop touches every transition of every state (a start-up cost,
        // 18 M instructions for the furniture lexicon with array accesses).
        table.withUnsafeMutableBufferPointer { table in
            masks.withUnsafeMutableBufferPointer { masks in
                while head < order.count {
                    let state = order[head]
                    head += 1
                    let row = state * symbols
                    let failRow = fail[state] * symbols
                    for symbol in 0..<symbols {
                        let target = table[row + symbol]
                        if target < 0 {
                            table[row + symbol] = table[failRow + symbol]
                        } else if !visited[Int(target)] {
                            let t = Int(target)
                            visited[t] = true
                            fail[t] = Int(table[failRow + symbol])
                            for word in 0..<labelWords { masks[t * labelWords + word] |= masks[fail[t] * labelWords + word] }
                            order.append(t)
                        }
                    }
                }
            }
        }

        // Renumber: states without labels first (the start state stays 0), reporting states last.
        var number = [Int](repeating: 0, count: stateTotal)
        var silent: [Int] = []
        var reporting: [Int] = []
        for state in 0..<stateTotal {
            let hasLabels = (0..<labelWords).contains { masks[state * labelWords + $0] != 0 }
            if hasLabels { reporting.append(state) } else { silent.append(state) }
        }
        for (index, state) in (silent + reporting).enumerated() { number[state] = index }
        var transitions = [UInt32](repeating: 0, count: stateTotal * symbols)
        var reported = [UInt64](repeating: 0, count: reporting.count * labelWords)
        transitions.withUnsafeMutableBufferPointer { transitions in
            table.withUnsafeBufferPointer { table in
                for state in 0..<stateTotal {
                    let row = number[state] * symbols
                    for symbol in 0..<symbols {
                        transitions[row + symbol] = UInt32(number[Int(table[state * symbols + symbol])] * symbols)
                    }
                }
            }
        }
        for (index, state) in reporting.enumerated() {
            for word in 0..<labelWords { reported[index * labelWords + word] = masks[state * labelWords + word] }
        }
        next = transitions
        outputs = reported
        firstOutputRow = silent.count * symbols
    }

    /// A letter or digit for the word-boundary rules: ASCII letters and digits, and every byte of
    /// a non-ASCII character.
    @inline(__always) public static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39 || byte >= 0x61 && byte <= 0x7A || byte >= 0x41 && byte <= 0x5A || byte >= 0x80
    }

    enum Step: Equatable { case byte(UInt8), digit, wordStart, wordEnd, rangeStart }

    /// The symbols a pattern is compiled to: the same ones the scan feeds for text holding it,
    /// with the edges the pattern requires at its ends.
    static func symbolSequence(_ pattern: Pattern, wordBoundaries: Bool, wildcard: Bool) -> [Step] {
        let hash = UInt8(ascii: "#")
        func isWord(_ byte: UInt8) -> Bool { isWordByte(byte) || wildcard && byte == hash }
        var steps: [Step] = pattern.anchored ? [.rangeStart] : []
        let bytes = pattern.bytes
        for (k, byte) in bytes.enumerated() {
            if wordBoundaries {
                if k == 0 {
                    // A word must start here, unless the pattern starts with `#` and may start
                    // inside a number (an anchored one starts where the range does, a word edge).
                    if isWordByte(byte) || pattern.anchored && isWord(byte) { steps.append(.wordStart) }
                } else if isWord(byte) != isWord(bytes[k - 1]) {
                    steps.append(isWord(byte) ? .wordStart : .wordEnd)
                }
            }
            steps.append(wildcard && byte == hash ? .digit : .byte(byte))
        }
        if wordBoundaries, let last = bytes.last, isWord(last) { steps.append(.wordEnd) }
        return steps
    }

    /// Sets in `found` (`labelWords` words) the labels of every pattern in `bytes`; bits already
    /// set stay set.
    public func scan(_ bytes: UnsafeBufferPointer<UInt8>, into found: UnsafeMutableBufferPointer<UInt64>) {
        let symbols = symbolCount
        let firstOutput = firstOutputRow
        let words = labelWords
        next.withUnsafeBufferPointer { next in
            byteEntry.withUnsafeBufferPointer { entries in
                outputs.withUnsafeBufferPointer { outputs in
                    @inline(__always) func report(_ row: Int) {
                        guard row >= firstOutput else { return }
                        let base = (row - firstOutput) / symbols * words
                        for word in 0..<words { found[word] |= outputs[base + word] }
                    }
                    var row = 0
                    if anchors {
                        row = Int(next[rangeStart])
                        report(row)
                    }
                    if wordBoundaries {
                        var previous = 0
                        for byte in bytes {
                            let entry = Int(entries[Int(byte)])
                            let word = entry & 1
                            if word != previous {
                                row = Int(next[row + (word == 1 ? wordStart : wordEnd)])
                                report(row)
                                previous = word
                            }
                            row = Int(next[row + entry >> 1])
                            report(row)
                        }
                        if previous == 1 {
                            row = Int(next[row + wordEnd])
                            report(row)
                        }
                    } else {
                        for byte in bytes {
                            row = Int(next[row + Int(entries[Int(byte)]) >> 1])
                            report(row)
                        }
                    }
                }
            }
        }
    }

    /// `scan` into a new set of labels.
    public func labels(in bytes: UnsafeBufferPointer<UInt8>) -> [UInt64] {
        var found = [UInt64](repeating: 0, count: labelWords)
        found.withUnsafeMutableBufferPointer { scan(bytes, into: $0) }
        return found
    }
}
