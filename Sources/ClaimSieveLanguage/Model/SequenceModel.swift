public import Foundation
import ClaimSieveCore

/// A learned BIO sequence labeller: a structured averaged perceptron over hashed features with
/// first-order tag transitions, decoded exactly (Viterbi).
///
/// Why this model: it trains deterministically in seconds on two cores, needs no dependency, and
/// a decode costs one weight-row read per feature (the rows of all tags of a feature are
/// adjacent), which keeps `tag` fast. Features are hashes of UTF-8 bytes (`ModelFeatures`), never
/// strings, and go into a fixed table of `2^bucketBits` rows, so the file size does not depend on
/// the data.
public struct SequenceModel: Sendable {
    /// The file format's version; a file of another version is refused with its path.
    public static let formatVersion: UInt32 = 7
    /// What the model labels (`attribution`: cue and source spans; `hedge`: hedge cue spans).
    public let name: String
    /// Tag names: "O", then "B-role" and "I-role" for each role.
    public let tags: [String]
    /// Roles in tag order ("cue", "source", "hedge"); tag `1 + 2r` begins role `r`, `2 + 2r` continues it.
    public let roles: [String]
    /// Rows in the weight table: `1 << bucketBits`.
    public let bucketBits: Int
    /// Mixed into every feature hash; part of the file header.
    public let seed: UInt64
    /// The weight table as `decode` reads it: each feature's row of tag scores padded to a
    /// vector of 4 or 8 floats on its own aligned slot, so a feature costs one vector load from
    /// one cache line.
    let table: WeightTable
    /// The file's table, `weights[row * tags.count + tag]` (the trainer's layout).
    var weights: [Float] { table.unpadded }
    /// Added to the score of beginning the first role's span (a cue) when the model adds cues of
    /// its own: the trainer chooses it on articles held out of training, trading cue precision
    /// for recall up to a precision floor (`ModelTrainer.Options.precisionFloor`). 0 for a model
    /// that only names speakers.
    public internal(set) var cueBias: Float = 0
    /// The same for `model_cues: all`, where every cue counts and precision falls sooner: chosen
    /// apart on the same held-out articles (format 3; a format 2 file has one bias for both).
    public internal(set) var cueBiasAll: Float = 0
    /// The corpora whose own copies of the features the model learned (format 4; see
    /// `ModelTrainer.Options.domainHeads`), sorted; a tagger adds one of them only when it is here,
    /// so a model trained on other files never reads stray rows.
    public internal(set) var domains: [String] = []
    /// The file's format (5: with the gate's words, `cueWords`; a model read from an older file is
    /// written back in its own format, from 4 on).
    public internal(set) var format: UInt32 = formatVersion
    /// The words a cue may need (format 5; `ModelTrainer.cueWords`): hashes (`Token.hash`) of the
    /// rarest word of each training cue, sorted, kept when at least two cues had it. A tagger
    /// that adds cues of its own skips the decode of a sentence holding none of them, which could
    /// take no cue from it. Empty: no gate (every sentence is decoded).
    public internal(set) var cueWords: [UInt32] = [] {
        didSet { gateFilters = Self.filters([cueWords] + domainCueWords) }
    }
    /// The same per corpus of `domains` (what that corpus's own cues need), for a decode with
    /// that corpus's conventions.
    public internal(set) var domainCueWords: [[UInt32]] = [] {
        didSet { gateFilters = Self.filters([cueWords] + domainCueWords) }
    }
    /// Per gate (the shared one, then each corpus's): a bitmap of its words' hashes modulo
    /// `filterBits`, so most tokens are ruled out with one load (the sorted list decides the rest).
    private(set) var gateFilters: [[UInt64]] = []
    static let filterBits = 1 << 14

    static func filters(_ gates: [[UInt32]]) -> [[UInt64]] {
        gates.map { words in
            var bits = [UInt64](repeating: 0, count: filterBits / 64)
            for word in words { bits[Int(word) % filterBits / 64] |= 1 << UInt64(Int(word) % 64) }
            return bits
        }
    }
    /// The distributional word classes of feature set 5 (format 6), learned by `claimsieve train`
    /// from the training text, with WordNet's supersenses in feature set 6; nil for a model of an
    /// earlier set.
    public internal(set) var clusters: WordClusters?
    /// How the file stores the weights (format 7): 16-bit integers times one scale per table, or
    /// 32-bit floats (every earlier format). The weights in memory are the 16-bit ones already
    /// multiplied out (`ModelTrainer` rounds them before it chooses the cue bias), so a model
    /// tags the same before it is written and after it is read.
    public internal(set) var weightFormat: WeightFormat = .float32
    /// A 16-bit weight's step: a stored integer `q` is the weight `Float(q) * weightScale`.
    public internal(set) var weightScale: Float = 1
    /// The feature set the model was trained on (`ModelFeatures`): 4 for the attribution model,
    /// 3 for the hedge model.
    public internal(set) var featureSet: UInt32 = 3
    /// Static features per token of that set.
    var perToken: Int { ModelFeatures.perToken(featureSet) }

    var tagCount: Int { tags.count }
    var mask: UInt64 { (UInt64(1) << UInt64(bucketBits)) - 1 }

    /// A model with these roles and weights (the trainer builds one; `load` reads one).
    init(name: String, roles: [String], bucketBits: Int, seed: UInt64, weights: [Float]) {
        self.init(name: name, roles: roles, bucketBits: bucketBits, seed: seed) { table in
            weights.withUnsafeBufferPointer { weights in
                for row in 0..<(1 << bucketBits) {
                    for tag in 0..<table.tagCount { table.rows[row * table.stride + tag] = weights[row * table.tagCount + tag] }
                }
            }
        }
    }

    /// A model whose table `fill` writes (`parse` copies the file's rows straight into it).
    init(name: String, roles: [String], bucketBits: Int, seed: UInt64, zeroed: Bool = true, fill: (WeightTable) -> Void) {
        self.name = name
        self.roles = roles
        var tags = ["O"]
        for role in roles { tags += ["B-\(role)", "I-\(role)"] }
        self.tags = tags
        self.bucketBits = bucketBits
        self.seed = seed
        self.table = WeightTable(rows: 1 << bucketBits, tagCount: 1 + 2 * roles.count, seed: seed, zeroed: zeroed, fill: fill)
    }

    /// The gate of a decode with `domain`'s conventions (nil: the shared weights alone): its index
    /// in `gateFilters` and its words.
    func gate(domain: String?) -> (index: Int, words: [UInt32]) {
        guard let domain, let index = domains.firstIndex(of: domain), index < domainCueWords.count else { return (0, cueWords) }
        return (index + 1, domainCueWords[index])
    }

    /// May a decode with `domain`'s conventions find a cue in a sentence of these token hashes?
    /// False only when the model has a gate and no token holds one of its words (`cueWords`).
    /// The gate is a trade, not a guarantee: it holds a word only when that word is the rarest
    /// word of at least `ModelTrainer.gateMinimumCues` training cues (gold or the model's own),
    /// so a cue seen once in training, or whose rarest word varies, is given up on sentences
    /// holding no gate word (`ModelSpeedTests`: the toy model's one-off "Officials").
    func mayFindCue(_ hashes: some Sequence<UInt32>, domain: String?) -> Bool {
        let (gate, words) = gate(domain: domain)
        guard !words.isEmpty else { return true }
        let filter = gateFilters[gate]
        return words.withUnsafeBufferPointer { words in
            hashes.contains { hash in
                guard filter[Int(hash) % Self.filterBits / 64] & (1 << UInt64(Int(hash) % 64)) != 0 else { return false }
                var low = 0
                var high = words.count
                while low < high {
                    let middle = (low + high) / 2
                    if words[middle] < hash { low = middle + 1 } else { high = middle }
                }
                return low < words.count && words[low] == hash
            }
        }
    }

    /// The role of tag `tag`, or nil for O.
    @inline(__always)
    static func role(of tag: Int) -> Int? { tag == 0 ? nil : (tag - 1) / 2 }
    @inline(__always)
    static func isBegin(_ tag: Int) -> Bool { tag > 0 && tag % 2 == 1 }

    /// May `tag` follow `previous`? An I- tag only continues its own role.
    @inline(__always)
    static func allowed(_ tag: Int, after previous: Int) -> Bool {
        if tag == 0 || isBegin(tag) { return true }
        return previous == tag || previous == tag - 1
    }

    /// Tags for one sentence whose static features are `features` (`perToken` hashes per token,
    /// each token's block `stride` apart: a set-3 model reads the first 23 of set 4's 29).
    /// `addsCues`: the decode finds cues of its own, so `cueBias` applies (`cueBiasAll` with
    /// `allCues`).
    func decode(
        features: UnsafeBufferPointer<UInt64>, perToken: Int, stride: Int? = nil, tokens: Int, addsCues: Bool = true,
        allCues: Bool = false, domain: String? = nil, into tags: inout [Int]
    ) {
        decode(
            features: features, perToken: perToken, stride: stride, tokens: tokens,
            bias: addsCues ? (allCues ? cueBiasAll : cueBias) : 0, domain: domain, into: &tags)
    }

    /// The same with the cue bias given.
    func decode(
        features: UnsafeBufferPointer<UInt64>, perToken: Int, stride: Int?, tokens: Int, bias: Float, domain: String?,
        into tags: inout [Int]
    ) {
        let domainHash = domain.map { FNV1a.hash($0.utf8) }
        switch table.stride {
        case 4:
            table.viterbi(
                SIMD4<Float>.self, features: features, perToken: perToken, stride: stride ?? perToken, tokens: tokens,
                cueBias: bias, domainHash: domainHash, into: &tags)
        default:
            table.viterbi(
                SIMD8<Float>.self, features: features, perToken: perToken, stride: stride ?? perToken, tokens: tokens,
                cueBias: bias, domainHash: domainHash, into: &tags)
        }
    }

    /// The best tag sequence under first-order transitions (exact, not greedy): a span's end is
    /// chosen knowing what follows it. Training and tagging share this function.
    static func viterbi(
        features: UnsafeBufferPointer<UInt64>, perToken: Int, stride blockStride: Int? = nil, tokens: Int, tagCount count: Int,
        mask: UInt64, seed: UInt64, weights: UnsafeBufferPointer<Float>, cueBias: Float = 0, into tags: inout [Int]
    ) {
        let block = blockStride ?? perToken
        tags.removeAll(keepingCapacity: true)
        guard tokens > 0 else { return }
        @inline(__always) func add(_ feature: UInt64, _ scores: UnsafeMutableBufferPointer<Float>) {
            let row = Int(feature & mask) * count
            for tag in 0..<count { scores[tag] += weights[row + tag] }
        }
        withUnsafeTemporaryAllocation(of: Float.self, capacity: count * 3) { scratch in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { transitionRows in
            // The tag-to-tag rows are the same for every token: hashed once per sentence.
            for previous in 0..<count {
                transitionRows[previous] = Int(ModelFeatures.transition(previous, 0, seed: seed) & mask) * count
            }
            withUnsafeTemporaryAllocation(of: Int8.self, capacity: tokens * count) { back in
                let local = UnsafeMutableBufferPointer(rebasing: scratch[0..<count])
                var best = UnsafeMutableBufferPointer(rebasing: scratch[count..<(2 * count)])
                var next = UnsafeMutableBufferPointer(rebasing: scratch[(2 * count)..<(3 * count)])
                for token in 0..<tokens {
                    for tag in 0..<count { local[tag] = 0 }
                    let base = token * block
                    for index in 0..<perToken { add(features[base + index], local) }
                    local[1] += cueBias
                    for tag in 0..<count { next[tag] = -.infinity }
                    let previousTags = token == 0 ? 1 : count
                    for previous in 0..<previousTags {
                        let carried: Float = token == 0 ? 0 : best[previous]
                        if carried == -.infinity { continue }
                        let transitionRow = transitionRows[previous]
                        let wordRow = Int(ModelFeatures.transitionWord(previous, features[base + 1], seed: seed) & mask) * count
                        for tag in 0..<count where allowed(tag, after: previous) {
                            let score = carried + local[tag] + weights[transitionRow + tag] + weights[wordRow + tag]
                            if score > next[tag] {
                                next[tag] = score
                                back[token * count + tag] = Int8(previous)
                            }
                        }
                    }
                    swap(&best, &next)
                }
                var tag = 0
                for candidate in 1..<count where best[candidate] > best[tag] { tag = candidate }
                // Reuses the caller's buffer (emptied above): no allocation per sentence.
                tags.append(contentsOf: repeatElement(0, count: tokens))
                for token in stride(from: tokens - 1, through: 0, by: -1) {
                    tags[token] = tag
                    tag = Int(back[token * count + tag])
                }
            }
            }
        }
    }

    /// Spans (token ranges) of each role in decoded tags.
    static func spans(_ tags: [Int]) -> [(role: Int, range: Range<Int>)] {
        var spans: [(role: Int, range: Range<Int>)] = []
        var index = 0
        while index < tags.count {
            guard let role = role(of: tags[index]) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < tags.count, tags[end] == 2 + 2 * role { end += 1 }
            spans.append((role, index..<end))
            index = end
        }
        return spans
    }
}

// MARK: - The file

/// A model file that cannot be used, with its path and the reason.
public struct ModelFileError: Error, CustomStringConvertible, Sendable {
    /// The file at fault.
    public var file: String
    /// What is wrong with it.
    public var message: String
    /// "file: message", for the command line.
    public var description: String { "\(file): \(message)" }
}

extension SequenceModel {
    static let magic: [UInt8] = Array("CSMODEL1".utf8)

    /// The file's bytes: magic, version, seed, bucket bits, feature-set version, name, roles, cue
    /// biases, corpora, the gate's cue words (shared, then per corpus; format 5), the word classes
    /// (format 6), how the weights are stored and their step (format 7), then the weights as
    /// little-endian Float32 or Int16. Written in the newest format, unless read from an older file.
    public func serialized() -> Data {
        var data = Data(Self.magic)
        func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        func text(_ value: String) {
            let bytes = Array(value.utf8)
            u32(UInt32(bytes.count))
            data.append(contentsOf: bytes)
        }
        // A model read from an older file keeps its format (from 4 on: how its corpora's copies
        // are keyed); formats 2 and 3 are format 4 without corpora.
        let written = max(format, 4)
        u32(written)
        u64(seed)
        u32(UInt32(bucketBits))
        u32(featureSet)
        text(name)
        u32(UInt32(roles.count))
        for role in roles { text(role) }
        u32(cueBias.bitPattern)
        u32(cueBiasAll.bitPattern)
        u32(UInt32(domains.count))
        for domain in domains { text(domain) }
        func words(_ list: [UInt32]) {
            u32(UInt32(list.count))
            for word in list { u32(word) }
        }
        if written >= 5 {
            words(cueWords)
            for index in domains.indices { words(index < domainCueWords.count ? domainCueWords[index] : []) }
        }
        if written >= 6 {
            // Format 6: the word classes, (hash, class) pairs sorted by hash (feature set 6: the
            // class with the word's supersense code, `WordClusters.adding(senses:)`).
            let clusters = self.clusters ?? WordClusters(words: [], classes: [])
            u32(UInt32(clusters.words.count))
            for (word, cluster) in zip(clusters.words, clusters.classes) {
                u32(word)
                u32(UInt32(cluster))
            }
        }
        let weights = self.weights  // unpadded once: each read of the property copies the table
        let format: WeightFormat = written >= 7 ? weightFormat : .float32
        if written >= 7 {
            // Format 7: how the weights are stored, and the 16-bit step.
            u32(format.rawValue)
            u32(weightScale.bitPattern)
        }
        u32(UInt32(weights.count))
        if format == .int16 {
            // A bitmap of the rows holding a weight other than 0 (a third of a 2^20-row table
            // holds none), then those rows' integers in row order.
            let rowCount = 1 << bucketBits
            var present = [UInt8](repeating: 0, count: (rowCount + 7) / 8)
            var stored: [UInt8] = []
            stored.reserveCapacity(weights.count * 2)
            var integers = [Int16](repeating: 0, count: tagCount)
            for row in 0..<rowCount {
                for tag in 0..<tagCount { integers[tag] = WeightFormat.integer(weights[row * tagCount + tag], scale: weightScale) }
                guard integers.contains(where: { $0 != 0 }) else { continue }
                present[row / 8] |= 1 << UInt8(row % 8)
                for value in integers {
                    let bits = UInt16(bitPattern: value)
                    stored.append(UInt8(truncatingIfNeeded: bits))
                    stored.append(UInt8(truncatingIfNeeded: bits >> 8))
                }
            }
            data.append(contentsOf: present)
            data.append(contentsOf: stored)
        } else if UInt32(1).littleEndian == 1 {
            weights.withUnsafeBytes { data.append(contentsOf: $0) }
        } else {
            for weight in weights { u32(weight.bitPattern) }
        }
        return data
    }

    /// Reads a model file; a wrong magic, version or size is an error naming the file.
    public static func load(path: String) throws -> SequenceModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelFileError(file: path, message: "cannot read the model file")
        }
        return try parse(data, file: path)
    }

    /// The largest weight (and cue bias) a model file may hold, in magnitude.
    static let largestWeight: Float = 1_000_000

    static func parse(_ data: Data, file: String) throws -> SequenceModel {
        try data.withUnsafeBytes { try parse(raw: $0, file: file) }
    }

    /// The same over the file's bytes in place: the header is read field by field, the weight
    /// table (nearly all of the file) in one copy.
    static func parse(raw bytes: UnsafeRawBufferPointer, file: String) throws -> SequenceModel {
        var offset = 0
        func fail(_ message: String) -> ModelFileError { ModelFileError(file: file, message: message) }
        func u32() throws -> UInt32 {
            guard offset + 4 <= bytes.count else { throw fail("truncated") }
            let value = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            offset += 4
            return value
        }
        func u64() throws -> UInt64 { UInt64(try u32()) | (UInt64(try u32()) << 32) }
        func text() throws -> String {
            let length = Int(try u32())
            guard length <= 1024, offset + length <= bytes.count else { throw fail("truncated") }
            defer { offset += length }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]), as: UTF8.self)
        }
        guard bytes.count >= magic.count, bytes.prefix(magic.count).elementsEqual(magic) else {
            throw fail("not a ClaimSieve model file")
        }
        offset = magic.count
        let version = try u32()
        guard (2...formatVersion).contains(version) else {
            throw fail("model format \(version), this program reads 2 to \(formatVersion)")
        }
        let seed = try u64()
        let bucketBits = Int(try u32())
        guard (8...24).contains(bucketBits) else { throw fail("bucket bits \(bucketBits) out of range") }
        let featureVersion = try u32()
        guard ModelFeatures.supported.contains(featureVersion) else {
            throw fail(
                "made with feature set \(featureVersion), this program computes \(ModelFeatures.supported.lowerBound) to \(ModelFeatures.supported.upperBound): retrain it"
            )
        }
        let name = try text()
        let roleCount = Int(try u32())
        guard (1...3).contains(roleCount) else { throw fail("\(roleCount) roles (1 to 3)") }
        var roles: [String] = []
        for _ in 0..<roleCount { roles.append(try text()) }
        let cueBias = Float(bitPattern: try u32())
        let cueBiasAll = version >= 3 ? Float(bitPattern: try u32()) : cueBias
        guard abs(cueBias) <= Self.largestWeight, abs(cueBiasAll) <= Self.largestWeight else {
            throw fail("cue bias is not a number within ±\(Int(Self.largestWeight))")
        }
        var domains: [String] = []
        if version >= 4 {
            let domainCount = Int(try u32())
            guard domainCount <= 64 else { throw fail("\(domainCount) corpora") }
            for _ in 0..<domainCount { domains.append(try text()) }
        }
        // Format 5: the gate's words, sorted hashes (shared, then one list per corpus).
        func words() throws -> [UInt32] {
            let count = Int(try u32())
            guard count <= 1 << 20, offset + count * 4 <= bytes.count else { throw fail("truncated") }
            var list: [UInt32] = []
            list.reserveCapacity(count)
            for _ in 0..<count { list.append(try u32()) }
            guard zip(list, list.dropFirst()).allSatisfy({ $0 < $1 }) else { throw fail("the gate's cue words are not sorted") }
            return list
        }
        var cueWords: [UInt32] = []
        var domainCueWords: [[UInt32]] = []
        if version >= 5 {
            cueWords = try words()
            for _ in domains { domainCueWords.append(try words()) }
        }
        var clusters: WordClusters?
        if version >= 6 {
            let count = Int(try u32())
            guard count <= 1 << 22, offset + count * 8 <= bytes.count else { throw fail("truncated") }
            var words: [UInt32] = []
            var classes: [UInt32] = []
            words.reserveCapacity(count)
            classes.reserveCapacity(count)
            // Feature set 6 keeps each word's WordNet supersense code above the class (bit 16 up;
            // a word only WordNet holds has the class `unknown`, 0xFFFF).
            let largest: UInt32 = featureVersion >= 6 ? 0x7FFF_FFFF : 0xFFFE
            for _ in 0..<count {
                words.append(try u32())
                let cluster = try u32()
                guard cluster <= largest else { throw fail("word class \(cluster) out of range") }
                classes.append(cluster)
            }
            guard zip(words, words.dropFirst()).allSatisfy({ $0 < $1 }) else { throw fail("the word classes are not sorted") }
            if !words.isEmpty { clusters = WordClusters(words: words, values: classes) }
        }
        var weightFormat = WeightFormat.float32
        var weightScale: Float = 1
        if version >= 7 {
            let stored = try u32()
            guard let format = WeightFormat(rawValue: stored) else {
                throw fail("weights of \(stored) bits (16 or 32)")
            }
            weightFormat = format
            weightScale = Float(bitPattern: try u32())
            // The largest 16-bit weight is 32767 steps: within the bound checked weight by weight below.
            guard weightScale > 0, weightScale * 32767 <= Self.largestWeight else {
                throw fail("16-bit weight step \(weightScale) is not a number within 0 and \(Self.largestWeight / 32767)")
            }
        }
        let count = Int(try u32())
        let expected = (1 << bucketBits) * (1 + 2 * roleCount)
        if weightFormat == .int16 {
            // The bitmap of rows present, then their integers (`serialized`).
            let rowCount = 1 << bucketBits
            let bitmapBytes = (rowCount + 7) / 8
            guard count == expected, offset + bitmapBytes <= bytes.count else {
                throw fail("expected \(expected) weights and a bitmap of \(bitmapBytes) bytes: truncated")
            }
            let bitmap = offset
            var present = 0
            for index in 0..<bitmapBytes { present += bytes[bitmap + index].nonzeroBitCount }
            let rowBytes = (1 + 2 * roleCount) * 2
            guard bitmap + bitmapBytes + present * rowBytes == bytes.count else {
                throw fail("\(present) rows of weights in the bitmap, the file holds \((bytes.count - bitmap - bitmapBytes) / rowBytes)")
            }
            // No weight can be out of bounds (the step was checked): the integers times the step
            // go straight into the padded rows.
            var model = SequenceModel(name: name, roles: roles, bucketBits: bucketBits, seed: seed, zeroed: false) { table in
                table.expandRows(bitmap: bytes.baseAddress! + bitmap, from: bytes.baseAddress! + bitmap + bitmapBytes,
                                 byteCount: present * rowBytes, scale: weightScale)
            }
            model.weightFormat = .int16
            model.weightScale = weightScale
            model.finish(
                cueBias: cueBias, cueBiasAll: cueBiasAll, format: version, domains: domains, cueWords: cueWords,
                domainCueWords: domainCueWords, featureSet: featureVersion, clusters: clusters)
            return model
        }
        guard count == expected, offset + count * 4 == bytes.count else {
            throw fail("expected \(expected) weights, the file holds \((bytes.count - offset) / 4)")
        }
        let start = offset
        // A weight that is not a number, or so large that sums of them reach infinity, would leave
        // the decode without a best path (every score NaN or -inf): refused here, naming the file.
        // Trained weights stay far inside the bound (the shipped models' largest is about 130).
        for index in 0..<count {
            let weight = Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: start &+ index &* 4, as: UInt32.self)))
            guard abs(weight) <= Self.largestWeight else {
                throw fail("weight \(index) is \(weight) (a model's weights are numbers within ±\(Int(Self.largestWeight)))")
            }
        }
        // The weight table, nearly all of the file, in one pass of vector copies into its padded rows.
        var model = SequenceModel(name: name, roles: roles, bucketBits: bucketBits, seed: seed, zeroed: false) { table in
            table.copyRows(from: bytes.baseAddress! + start, byteCount: count * 4)
        }
        model.weightScale = weightScale
        model.finish(
            cueBias: cueBias, cueBiasAll: cueBiasAll, format: version, domains: domains, cueWords: cueWords,
            domainCueWords: domainCueWords, featureSet: featureVersion, clusters: clusters)
        return model
    }

    /// The header's fields, once the table is read.
    private mutating func finish(
        cueBias: Float, cueBiasAll: Float, format: UInt32, domains: [String], cueWords: [UInt32],
        domainCueWords: [[UInt32]], featureSet: UInt32, clusters: WordClusters?
    ) {
        self.cueBias = cueBias
        self.cueBiasAll = cueBiasAll
        self.format = format
        self.domains = domains
        self.cueWords = cueWords
        self.domainCueWords = domainCueWords
        self.featureSet = featureSet
        self.clusters = clusters
    }
}
