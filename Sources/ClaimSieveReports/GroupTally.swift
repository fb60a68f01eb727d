/// What the seal counts of one corroboration key while it walks `keyed` in key order
/// (`ClaimSpill.seal`): the claims of one key arrive one after the other, so one tally at a time
/// is in memory, as large as that key's distinct documents and sources.
///
/// The counts are SQLite's `COUNT(DISTINCT doc_number)` and `COUNT(DISTINCT source)` (NULL
/// sources not counted, texts compared as bytes), `MIN(seq)`, and whether `denied` and the
/// statements' verdicts take more than one value.
struct GroupTally {
    /// The key tallied, and its first claim (`seq`: the walk is in `(key, seq)` order).
    private(set) var key: Int64 = 0
    private(set) var first = 0
    /// Claims tallied under the key (0 before the first).
    private(set) var rows = 0
    /// Distinct document numbers and sources of its claims.
    private(set) var documents: Set<Int> = []
    private(set) var sources: Set<[UInt8]> = []
    /// The least and greatest `denied` (0 or 1) of its claims.
    private(set) var denied = (min: Int.max, max: Int.min)
    /// Its statements (claims that are not questions, instructions or exclamations), and the
    /// least and greatest of their verdict codes: a group whose members' verdicts differ.
    private(set) var statements = 0
    private(set) var statementVerdicts = (min: Int.max, max: Int.min)
    /// The source being looked up, reused so that a source already seen costs no allocation.
    private var scratch: [UInt8] = []

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
    mutating func add(documentNumber: Int, source: UnsafeRawBufferPointer?, denied: Int, statement: Bool, verdict: Int) {
        rows += 1
        documents.insert(documentNumber)
        if let source {
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: source)
            if !sources.contains(scratch) { sources.insert(scratch) }
        }
        self.denied = (min(self.denied.min, denied), max(self.denied.max, denied))
        if statement {
            statements += 1
            statementVerdicts = (min(statementVerdicts.min, verdict), max(statementVerdicts.max, verdict))
        }
    }
}
