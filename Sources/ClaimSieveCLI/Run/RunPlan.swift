import ClaimSieveCore
import ClaimSieveState
import Foundation

/// Which inputs a run processes and which it takes from the state, in input order.
struct RunPlan: Sendable {
    enum Item: Sendable {
        /// To process: its index in `work`.
        case work(Int)
        /// Unchanged since it was last processed: reported from the state (`path` is the identity).
        case stored(path: String)
    }

    /// One input to process, with its index in `items`, the hash of its bytes
    /// (`Fingerprint.contentHash`, nil when unreadable) and its size and time to store (nil when
    /// unknown or too recent to trust, see `FileStat.isSettled`).
    ///
    /// The document to start from is made when the runner is given the inputs (`documents`),
    /// not kept here: a `Document` is about 300 bytes before its strings, and the plan held two
    /// of each input for the whole run (the plan's part of start-up memory that grew with the
    /// number of inputs).
    struct Work: Sendable {
        var index: Int
        /// The document's identity (the state's key) and its file.
        var id: String
        var path: String
        /// Why the input cannot be read (missing): the document starts failed.
        var failure: Failure?
        var sha256: String?
        var stat: FileStat?

        /// The document the runner starts from.
        var document: Document { Document(id: id, path: path, failure: failure) }
    }

    /// The documents to process, in input order: what the runner is given.
    func documents() -> [Document] { work.map(\.document) }

    var items: [Item]
    /// The work items.
    var work: [Work]
    /// The input root each processed document was found under, by identity (stored in the state).
    var roots: [String: String] = [:]
    /// Inputs whose hash matched the state although their size or time differed (a copy, a
    /// touch): their new size and time, to store so the next run need not hash them.
    var restat: [(path: String, stat: FileStat?)] = []
    /// The hash the state holds for each stored input, by identity: what the kept spill's key
    /// names (`BatchRun.keptSpill`), so a spill whose inputs the state no longer vouches for (a
    /// run saved another version of one and was killed before reporting) is never taken.
    var storedHashes: [String: String] = [:]

    /// Documents are named by their stable identity (`InputWalker.Located`), the key of the state.
    ///
    /// With state, an input is unchanged when its size and modification time are those stored
    /// with its hash (no byte is read); otherwise it is hashed, and unchanged when the hash is the
    /// same. Either way the pipeline fingerprint must be the same too.
    static func make(entries: [InputWalker.Located], state: StateStore?, fingerprint: String, full: Bool) -> RunPlan {
        let known = (try? state?.inputs()) ?? [:]
        let now = Date()
        var stats: [FileStat?] = Array(repeating: nil, count: entries.count)
        var needsHash: [Int] = []
        var unchangedStat = Array(repeating: false, count: entries.count)
        if state != nil {
            for (index, located) in entries.enumerated() {
                guard case .file(let path) = located.entry else { continue }
                let stat = FileStat(path: path)
                stats[index] = stat
                let record = known[located.identity]
                if !full, let stat, let record, record.fingerprint == fingerprint,
                   record.size == stat.size, record.modified == stat.modified {
                    unchangedStat[index] = true
                    continue
                }
                needsHash.append(index)
            }
        }
        // Hash in parallel: reading and hashing the inputs is most of a no-op run's time.
        let hashes = Locked([Int: String]())
        let toHash = needsHash
        DispatchQueue.concurrentPerform(iterations: toHash.count) { position in
            let index = toHash[position]
            if case .file(let path) = entries[index].entry,
               let hash = Fingerprint.contentHash(ofFile: path) {
                hashes.withLock { $0[index] = hash }
            }
        }
        let hashByIndex = hashes.withLock { $0 }
        var items: [Item] = []
        var work: [Work] = []
        var restat: [(String, FileStat?)] = []
        for (index, located) in entries.enumerated() {
            let identity = located.identity
            switch located.entry {
            case .missing(let path, let reason):
                items.append(.work(work.count))
                work.append(Work(index: index, id: identity, path: path, failure: Failure(stage: FetchStage.name, reason: reason)))
            case .file(let path):
                let settled = stats[index].flatMap { $0.isSettled(at: now) ? $0 : nil }
                guard let hash = hashByIndex[index] else {
                    if unchangedStat[index] {
                        items.append(.stored(path: identity))  // same size and time as when hashed
                    } else {
                        items.append(.work(work.count))
                        work.append(Work(index: index, id: identity, path: path))
                    }
                    continue
                }
                if !full, let record = known[identity], record.sha256 == hash, record.fingerprint == fingerprint {
                    items.append(.stored(path: identity))
                    restat.append((identity, settled))
                } else {
                    items.append(.work(work.count))
                    work.append(Work(index: index, id: identity, path: path, sha256: hash, stat: settled))
                }
            }
        }
        var roots: [String: String] = [:]
        for located in entries { if let root = located.root { roots[located.identity] = root } }
        var storedHashes: [String: String] = [:]
        for item in items {
            if case .stored(let path) = item, let record = known[path] { storedHashes[path] = record.sha256 }
        }
        return RunPlan(items: items, work: work, roots: roots, restat: restat, storedHashes: storedHashes)
    }
}
