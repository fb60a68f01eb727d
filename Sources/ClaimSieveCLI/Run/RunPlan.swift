import ClaimSieveCore
import ClaimSieveState
import Foundation

/// Which inputs a run processes and which it takes from the state, in input order.
struct RunPlan: Sendable {
    enum Item: Sendable {
        /// To process: the document to start from and the SHA-256 of its bytes (nil when unreadable).
        case work(Document, sha256: String?)
        /// Unchanged since it was last processed: reported from the state (`path` is the identity).
        case stored(path: String)
    }

    var items: [Item]
    /// The work items with their index in `items`.
    var work: [(index: Int, document: Document, sha256: String?)]
    /// The input root each processed document was found under, by identity (stored in the state).
    var roots: [String: String] = [:]

    /// Documents are named by their stable identity (`InputWalker.Located`), the key of the state.
    static func make(entries: [InputWalker.Located], state: StateStore?, fingerprint: String, full: Bool) -> RunPlan {
        let known = (try? state?.inputs()) ?? [:]
        // Hash in parallel: reading and hashing every input is most of a no-op run's time.
        let hashes = Locked([Int: String]())
        if state != nil {
            DispatchQueue.concurrentPerform(iterations: entries.count) { index in
                if case .file(let path) = entries[index].entry, let hash = Fingerprint.sha256(ofFile: path) {
                    hashes.withLock { $0[index] = hash }
                }
            }
        }
        let hashByIndex = hashes.withLock { $0 }
        var items: [Item] = []
        var work: [(Int, Document, String?)] = []
        for (index, located) in entries.enumerated() {
            let identity = located.identity
            switch located.entry {
            case .missing(let path, let reason):
                let document = Document(id: identity, path: path, failure: Failure(stage: FetchStage.name, reason: reason))
                items.append(.work(document, sha256: nil))
                work.append((index, document, nil))
            case .file(let path):
                let hash = hashByIndex[index]
                if !full, let hash, let record = known[identity], record.sha256 == hash, record.fingerprint == fingerprint {
                    items.append(.stored(path: identity))
                } else {
                    let document = Document(id: identity, path: path)
                    items.append(.work(document, sha256: hash))
                    work.append((index, document, hash))
                }
            }
        }
        var roots: [String: String] = [:]
        for located in entries { if let root = located.root { roots[located.identity] = root } }
        return RunPlan(items: items, work: work.map { (index: $0.0, document: $0.1, sha256: $0.2) }, roots: roots)
    }
}
