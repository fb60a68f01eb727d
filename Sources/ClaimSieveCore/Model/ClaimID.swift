/// Stable claim identifiers: the same document and text give the same id on every run and machine.
///
/// FNV-1a (64 bit) over the UTF-8 bytes of the document id and the whitespace-folded text. It is
/// not a cryptographic hash; it only needs to be stable and well spread, and it keeps Core free of
/// dependencies.
public enum ClaimID {
    /// A 16-hex-digit id for a text in a document; whitespace differences do not change it.
    public static func make(document: String, text: String) -> String {
        FNV1a.hex(fold(text, into: documentHash(document)))
    }

    /// Ids for all claims of a document, with `-2`, `-3`, ... for a text repeated in the document.
    public static func assign(to claims: inout [Claim], document: String) {
        // The document's bytes are hashed once, not once per claim, and repeats are counted by
        // hash (the id is a function of it), not by the hex string: hashing the string into a
        // dictionary cost more than the claim's own hash.
        let start = documentHash(document)
        var seen: [UInt64: Int] = [:]
        seen.reserveCapacity(claims.count)
        for index in claims.indices {
            let hash = fold(claims[index].text, into: start)
            let base = FNV1a.hex(hash)
            let count = (seen[hash] ?? 0) + 1
            seen[hash] = count
            claims[index].id = count == 1 ? base : "\(base)-\(count)"
        }
    }

    /// The hash of the document id and the 0 byte that ends it.
    static func documentHash(_ document: String) -> UInt64 {
        var hash = FNV1a.offset
        for byte in document.utf8 { hash = FNV1a.mix(hash, byte) }
        return FNV1a.mix(hash, 0)
    }

    /// `hash` with `text` mixed in, runs of spaces, tabs and line breaks as one space and none at
    /// the start. On the string's contiguous bytes: iterating `String.UTF8View` cost about 50
    /// instructions a byte (58 M instructions on the 181 benchmark pages).
    static func fold(_ text: String, into hash: UInt64) -> UInt64 {
        if let folded = text.utf8.withContiguousStorageIfAvailable({ fold($0, into: hash) }) { return folded }
        return foldCopying(text, into: hash)
    }

    /// `fold` of a string without contiguous UTF-8 (a bridged `NSString` on Darwin; on Linux
    /// every `String` is native and never comes here): on a contiguous copy, else on its bytes.
    /// Apart so that tests run it on any string.
    static func foldCopying(_ text: String, into hash: UInt64) -> UInt64 {
        var copy = text
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable { fold($0, into: hash) } ?? fold(Array(text.utf8), into: hash)
    }

    static func fold<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, into start: UInt64) -> UInt64 {
        var hash = start
        var lastWasSpace = true
        for byte in bytes {
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if isSpace {
                if !lastWasSpace { hash = FNV1a.mix(hash, 0x20) }
            } else {
                hash = FNV1a.mix(hash, byte)
            }
            lastWasSpace = isSpace
        }
        return hash
    }
}
