import ClaimSieveCore
import Foundation

/// How a claim stands across the documents of a run: the editor's "who else says this".
public struct Corroboration: Sendable, Codable, Equatable {
    /// The id of the group's first claim, the same for every claim of the group.
    public var group: String
    /// Documents that carry the claim, this one included.
    public var documents: Int
    /// Independent sources among them: distinct sites (by the host of their URL); a document
    /// without a URL counts as its own source.
    public var sources: Int
    /// True when one of the documents denies it while another does not.
    public var contradicted: Bool
}

/// Groups near-identical claims of different documents.
///
/// Two claims are near-identical when they have the same set of words of three letters or more
/// once their cues and their speaker are taken out, so "X, the ministry said" meets "X, reports
/// say" and word order does not matter. It runs when the report is written, over every claim
/// of the run (also those an incremental run took from the state), so its result never depends
/// on which documents were processed this time.
public struct Corroborator: Sendable {
    /// Claims with fewer content words are too generic to group ("He left.").
    public var minimumWords: Int

    public init(minimumWords: Int = 5) {
        self.minimumWords = minimumWords
    }

    /// Sets `corroboration` on every record whose claim appears in two documents or more.
    public func annotate(_ records: inout [ClaimRecord]) {
        var groups: [[UInt64]: [Int]] = [:]
        var order: [[UInt64]] = []
        var scratch = KeyScratch()
        for index in records.indices {
            records[index].corroboration = nil
            guard let key = key(of: records[index], scratch: &scratch) else { continue }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(index)
        }
        for key in order {
            guard let members = groups[key], members.count >= 2 else { continue }
            let documents = Set(members.map { records[$0].doc })
            guard documents.count >= 2 else { continue }
            let sources = Set(members.map { Self.source(of: records[$0]) })
            let denied = members.map { records[$0].cues.contains { $0.category == .denial } }
            let corroboration = Corroboration(
                group: records[members[0]].id, documents: documents.count, sources: sources.count,
                contradicted: denied.contains(true) && denied.contains(false))
            for member in members { records[member].corroboration = corroboration }
        }
    }

    /// Buffers reused from one claim to the next, so the key costs no allocation but its result.
    struct KeyScratch {
        var bytes: [UInt8] = []
        var words: [UInt64] = []
    }

    /// The claim's content words as sorted, distinct 64-bit hashes (FNV-1a of each lowercased
    /// word), or nil when it has too few to be told apart. Two claims have the same key when
    /// they have the same set of words (a collision of 64-bit hashes aside).
    func key(of record: ClaimRecord, scratch: inout KeyScratch) -> [UInt64]? {
        scratch.bytes.removeAll(keepingCapacity: true)
        scratch.bytes.append(contentsOf: record.text.utf8)
        let count = scratch.bytes.count
        scratch.bytes.withUnsafeMutableBufferPointer { bytes in
            for cue in record.cues where cue.start >= 0 && cue.start < cue.end && cue.end <= count {
                for index in cue.start..<cue.end { bytes[index] = 0x20 }
            }
            if let speaker = record.source?.text, !speaker.isEmpty {
                var speaker = speaker
                speaker.withUTF8 { needle in
                    var start = 0
                    while start + needle.count <= count {
                        if bytes[start] == needle[0], memcmp(bytes.baseAddress! + start, needle.baseAddress!, needle.count) == 0 {
                            for index in start..<(start + needle.count) { bytes[index] = 0x20 }
                            start += needle.count
                        } else {
                            start += 1
                        }
                    }
                }
            }
        }
        scratch.words.removeAll(keepingCapacity: true)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var length = 0
        for byte in scratch.bytes {
            let folded: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): folded = byte | 0x20
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...0xFF: folded = byte
            default:
                if length >= 3 { scratch.words.append(hash) }
                hash = 0xcbf2_9ce4_8422_2325
                length = 0
                continue
            }
            hash = (hash ^ UInt64(folded)) &* 0x0000_0100_0000_01b3
            length += 1
        }
        if length >= 3 { scratch.words.append(hash) }
        guard scratch.words.count >= minimumWords else { return nil }
        scratch.words.sort()
        var distinct: [UInt64] = []
        distinct.reserveCapacity(scratch.words.count)
        for word in scratch.words where distinct.last != word { distinct.append(word) }
        return distinct.count >= minimumWords ? distinct : nil
    }

    /// The site a record comes from: its URL's host without `www.`, else its document.
    static func source(of record: ClaimRecord) -> String {
        if let url = record.url, var host = URLComponents(string: url)?.host?.lowercased(), !host.isEmpty {
            if host.hasPrefix("www.") { host.removeFirst(4) }
            return host
        }
        return record.doc
    }
}
