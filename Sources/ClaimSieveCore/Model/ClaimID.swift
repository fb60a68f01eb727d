/// Stable claim identifiers: the same document and text give the same id on every run and machine.
///
/// FNV-1a (64 bit) over the UTF-8 bytes of the document id and the whitespace-folded text. It is
/// not a cryptographic hash; it only needs to be stable and well spread, and it keeps Core free of
/// dependencies.
public enum ClaimID {
    /// A 16-hex-digit id for a text in a document; whitespace differences do not change it.
    public static func make(document: String, text: String) -> String {
        var hash = FNV1a.offset
        func mix(_ byte: UInt8) { hash = FNV1a.mix(hash, byte) }
        for byte in document.utf8 { mix(byte) }
        mix(0)
        var lastWasSpace = true
        for byte in text.utf8 {
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if isSpace {
                if !lastWasSpace { mix(0x20) }
            } else {
                mix(byte)
            }
            lastWasSpace = isSpace
        }
        return FNV1a.hex(hash)
    }

    /// Ids for all claims of a document, with `-2`, `-3`, ... for a text repeated in the document.
    public static func assign(to claims: inout [Claim], document: String) {
        var seen: [String: Int] = [:]
        for index in claims.indices {
            let base = make(document: document, text: claims[index].text)
            let count = (seen[base] ?? 0) + 1
            seen[base] = count
            claims[index].id = count == 1 ? base : "\(base)-\(count)"
        }
    }
}
