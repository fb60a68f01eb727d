/// What the seal counts of one corroboration key while it walks the sorted `KeyedClaim`s in key
/// order (`ClaimSpill.seal`): the claims of one key arrive one after the other, so one tally at
/// a time is in memory, as large as that key's distinct documents and sources.
///
/// The counts are distinct document numbers and distinct source numbers (a claim without a
/// source not counted; sources are numbered by their bytes, `source_numbers`), the least `seq`,
/// and whether `denied` and the statements' verdicts take more than one value.
struct GroupTally {
    /// The key tallied, and its first claim (`seq`: the walk is in `(key, seq)` order).
    private(set) var key: Int64 = 0
    private(set) var first = 0
    /// Claims tallied under the key (0 before the first).
    private(set) var rows = 0
    /// Distinct document numbers and source numbers of its claims.
    private(set) var documents: Set<Int> = []
    private(set) var sources: Set<Int> = []
    /// The least and greatest `denied` (0 or 1) of its claims.
    private(set) var denied = (min: Int.max, max: Int.min)
    /// Its statements (claims that are not questions, instructions or exclamations), and the
    /// least and greatest of their verdict codes: a group whose members' verdicts differ.
    private(set) var statements = 0
    private(set) var statementVerdicts = (min: Int.max, max: Int.min)

    /// Starts the tally of `key`, whose first claim is `first`; the sets keep their storage.
    mutating func start(key: Int64, first: Int) {
        self.key = key
        self.first = first
        rows = 0
        documents.removeAll(keepingCapacity: true)
        sources.removeAll(keepingCapacity: true)
        denied = (Int.max, Int.min)
        statements = 0
        statementVerdicts = (Int.max, Int.min)
    }

    /// Counts one claim of the key.
    mutating func add(documentNumber: Int, source: Int?, denied: Int, statement: Bool, verdict: Int) {
        rows += 1
        documents.insert(documentNumber)
        if let source { sources.insert(source) }
        self.denied = (min(self.denied.min, denied), max(self.denied.max, denied))
        if statement {
            statements += 1
            statementVerdicts = (min(statementVerdicts.min, verdict), max(statementVerdicts.max, verdict))
        }
    }
}

/// One claim with a corroboration key, as the spill logs it while claims are added and the seal
/// sorts it (`SortedRuns`, in `(key, seq)` order): what the groups are counted from.
struct KeyedClaim: BitwiseCopyable, Comparable {
    var key: Int64
    /// The claim's position in the run (`claims.seq`).
    var seq: Int64
    /// Its document as its number in `doc_numbers`, its site as its number in `source_numbers`
    /// (-1 without one), and its document's index in the report (-1 when unknown).
    var document: Int64
    var source: Int64
    var position: Int64
    /// Bit 0 a denial cue, bit 1 a statement, bits 8 to 15 the verdict's code (`ClaimSpill.verdicts`).
    private var flags: UInt32
    /// The claim's id (a group takes its first claim's), inline when it has at most 24 bytes:
    /// a group's id looked up in `claims` by `seq` cost a page read from a random place of the
    /// file. `idCount` is 255 for a longer id, which the seal looks up.
    private var idCount: UInt8
    private var idBytes: (UInt64, UInt64, UInt64) = (0, 0, 0)

    init(key: Int64, seq: Int, document: Int, source: Int?, position: Int, denied: Bool, statement: Bool, verdict: Int, id: String) {
        self.key = key
        self.seq = Int64(seq)
        self.document = Int64(document)
        self.source = Int64(source ?? -1)
        self.position = Int64(position)
        flags = (denied ? 1 : 0) | (statement ? 2 : 0) | UInt32(truncatingIfNeeded: verdict & 0xFF) << 8
        let utf8 = id.utf8
        if utf8.count <= 24 {
            idCount = UInt8(utf8.count)
            withUnsafeMutableBytes(of: &idBytes) { raw in _ = raw.copyBytes(from: utf8) }
        } else {
            idCount = 255
        }
    }

    var denied: Bool { flags & 1 != 0 }
    var statement: Bool { flags & 2 != 0 }
    var verdict: Int { Int(flags >> 8 & 0xFF) }
    /// The id when it is inline, else nil.
    var id: String? {
        guard idCount != 255 else { return nil }
        return withUnsafeBytes(of: idBytes) { raw in String(decoding: raw.prefix(Int(idCount)), as: UTF8.self) }
    }

    /// The seal's order: by key, then by position in the run.
    static func < (a: KeyedClaim, b: KeyedClaim) -> Bool {
        a.key != b.key ? a.key < b.key : a.seq < b.seq
    }

    /// By key and position, which no two claims share.
    static func == (a: KeyedClaim, b: KeyedClaim) -> Bool { a.key == b.key && a.seq == b.seq }
}

/// A group's statements as `group_members` keeps them, one blob a group, in input order: each
/// its `seq`, its document's position in the report and its verdict's code, 17 bytes. Written
/// in the seal's walk as each group ends, they need no sort of their own: a row each, sorted
/// into the order the reports list them, was half of the seal.
enum GroupMembers {
    static let width = 17

    static func append(seq: Int64, position: Int64, verdict: Int, to out: inout [UInt8]) {
        withUnsafeBytes(of: seq.littleEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: position.littleEndian) { out.append(contentsOf: $0) }
        out.append(UInt8(truncatingIfNeeded: verdict))
    }

    /// How many members `raw` holds (nil when it is not a whole number of them).
    static func count(_ raw: UnsafeRawBufferPointer) -> Int? {
        raw.count % width == 0 ? raw.count / width : nil
    }

    /// Member `index` of `raw`.
    static func member(_ raw: UnsafeRawBufferPointer, _ index: Int) -> (seq: Int, position: Int, verdict: Int) {
        let base = index * width
        let seq = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: base, as: Int64.self))
        let position = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: base + 8, as: Int64.self))
        return (Int(seq), Int(position), Int(raw[base + 16]))
    }
}
