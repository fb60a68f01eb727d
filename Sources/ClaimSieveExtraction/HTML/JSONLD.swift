import Foundation

/// The facts a page states about its article in JSON-LD (schema.org `NewsArticle` and kin).
struct JSONLDArticle {
    /// JSON-LD bytes read per page at most (real pages carry a few kB); beyond it, scripts are ignored.
    static let maximumBytes = 1_000_000

    var headline: String?
    var articleBody: String?
    var datePublished: String?
    var author: String?
    var publisher: String?
    var language: String?
    var url: String?

    /// Reads every JSON-LD script and keeps the first article-like object's fields.
    ///
    /// A script is read by `JSONLDScanner` when it is plain JSON the scanner is sure of, and by
    /// `JSONSerialization` otherwise (anything unusual: escapes it does not decode, long numbers,
    /// deep nesting, a key the fields read written twice, text that is not JSON). Both give the
    /// same `JSONLDValue`, so a page's facts do not depend on which read it; the scanner is the
    /// cheap one (`JSONSerialization` cost 40 M instructions on the 181 benchmark pages' 194
    /// scripts). `JSONLDScanTests` compares the two on real pages and random scripts.
    init(scripts: [String]) {
        for script in scripts {
            guard let value = JSONLDScanner.scan(script) ?? Self.serialized(script) else { continue }
            absorb(value)
        }
    }

    /// The earlier reading, kept as the fallback and the tests' reference.
    init(serializedScripts scripts: [String]) {
        for script in scripts {
            guard let value = Self.serialized(script) else { continue }
            absorb(value)
        }
    }

    /// `script` read by `JSONSerialization`; nil when it refuses it.
    static func serialized(_ script: String) -> JSONLDValue? {
        guard let data = script.data(using: .utf8),
              let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        return JSONLDValue(value)
    }

    private mutating func absorb(_ value: JSONLDValue) {
        var queue: [JSONLDValue] = [value]
        var visited = 0
        while !queue.isEmpty, visited < 200 {
            let item = queue.removeFirst()
            visited += 1
            if case .array(let array) = item { queue.append(contentsOf: array); continue }
            guard case .object(let object) = item else { continue }
            if let graph = object["@graph"] { queue.append(graph) }
            if let main = object["mainEntity"] { queue.append(main) }
            guard Self.isArticle(object["@type"]) else { continue }
            headline = headline ?? Self.string(object["headline"]) ?? Self.string(object["name"])
            articleBody = articleBody ?? Self.string(object["articleBody"]) ?? Self.string(object["text"])
            datePublished = datePublished ?? Self.string(object["datePublished"]) ?? Self.string(object["dateCreated"])
            author = author ?? Self.names(object["author"]) ?? Self.names(object["creator"])
            publisher = publisher ?? Self.names(object["publisher"])
            language = language ?? Self.string(object["inLanguage"])
            url = url ?? Self.string(object["url"])
        }
    }

    private static func isArticle(_ type: JSONLDValue?) -> Bool {
        let types: [String]
        switch type {
        case .string(let single)?: types = [single]
        case .array(let items)?: types = items.compactMap { if case .string(let text) = $0 { text } else { nil } }
        default: types = []
        }
        return types.contains { $0.hasSuffix("Article") || $0 == "BlogPosting" || $0 == "Report" || $0 == "LiveBlogPosting" }
    }

    private static func string(_ value: JSONLDValue?) -> String? {
        switch value {
        case .string(let text)?:
            let trimmed = Trim.whitespaceAndNewlines(text)
            return trimmed.isEmpty ? nil : trimmed
        case .array(let items)?:
            return items.lazy.compactMap { string($0) }.first
        default:
            return nil
        }
    }

    private static func names(_ value: JSONLDValue?) -> String? {
        if let text = string(value) { return text }
        if case .object(let object)? = value { return string(object["name"]) }
        if case .array(let items)? = value {
            let all = items.compactMap { names($0) }
            return all.isEmpty ? nil : all.joined(separator: ", ")
        }
        return nil
    }
}

/// A JSON value as `JSONLDArticle` reads it: strings, arrays, objects with the keys it looks up
/// (a key's presence counts, whatever its value), and everything else as `other`.
indirect enum JSONLDValue: Equatable {
    case string(String)
    case array([JSONLDValue])
    case object([String: JSONLDValue])
    case other

    /// The keys `JSONLDArticle` reads; an object keeps only these.
    static let keys: Set<String> = [
        "@graph", "mainEntity", "@type", "headline", "name", "articleBody", "text", "datePublished", "dateCreated",
        "author", "creator", "publisher", "inLanguage", "url",
    ]

    /// A value from `JSONSerialization`, kind by kind as `as?` casts see it.
    init(_ any: Any) {
        if let text = any as? String {
            self = .string(text)
        } else if let array = any as? [Any] {
            self = .array(array.map(JSONLDValue.init))
        } else if let object = any as? [String: Any] {
            var kept: [String: JSONLDValue] = [:]
            for (key, value) in object where Self.keys.contains(key) { kept[key] = JSONLDValue(value) }
            self = .object(kept)
        } else {
            self = .other
        }
    }
}

/// Reads plain JSON on its UTF-8 bytes, or answers nil (not "invalid": "not sure") so that
/// `JSONSerialization` reads it instead.
///
/// It reads exactly the JSON grammar (RFC 8259) with stricter limits: it gives up on a control
/// byte anywhere, an escape other than the simple ones or a `\u` that is not a whole scalar
/// (a lone surrogate, `\u0000`), a number of more than 15 digits in a part or an exponent of
/// more than two, nesting deeper than 64, a key `JSONLDArticle` reads that comes twice in one
/// object, and anything after the value but JSON whitespace. Inside those limits
/// `JSONSerialization` reads the same values, which the tests check.
enum JSONLDScanner {
    static func scan(_ script: String) -> JSONLDValue? {
        var script = script
        return script.withUTF8 { bytes -> JSONLDValue? in
            var scanner = Cursor(bytes: bytes)
            scanner.skipSpace()
            guard let value = scanner.value(depth: 0, keep: true) else { return nil }
            scanner.skipSpace()
            return scanner.position == bytes.count ? value : nil
        }
    }

    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func skipSpace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        /// The value at `position`; with `keep` false (a value no field reads) it is checked
        /// exactly as with `keep`, but nothing is built: the answer is `.other`, or nil.
        mutating func value(depth: Int, keep: Bool) -> JSONLDValue? {
            guard position < bytes.count, depth < 64 else { return nil }
            switch bytes[position] {
            case UInt8(ascii: "{"): return object(depth: depth, keep: keep)
            case UInt8(ascii: "["): return array(depth: depth, keep: keep)
            case UInt8(ascii: "\""):
                guard let text = string(keep: keep) else { return nil }
                return keep ? .string(text) : .other
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
            default: return nil
            }
        }

        mutating func literal(_ word: StaticString) -> JSONLDValue? {
            let count = word.utf8CodeUnitCount
            guard bytes.count - position >= count else { return nil }
            for index in 0..<count where bytes[position + index] != word.utf8Start[index] { return nil }
            position += count
            return .other
        }

        mutating func digits() -> Int {
            let start = position
            while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") { position += 1 }
            return position - start
        }

        mutating func number() -> JSONLDValue? {
            if bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count else { return nil }
            let leadingZero = bytes[position] == UInt8(ascii: "0")
            let whole = digits()
            guard whole >= 1, whole <= 15, !(leadingZero && whole > 1) else { return nil }
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                position += 1
                let fraction = digits()
                guard fraction >= 1, fraction <= 15 else { return nil }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
                let exponent = digits()
                guard exponent >= 1, exponent <= 2 else { return nil }
            }
            return .other
        }

        mutating func array(depth: Int, keep: Bool) -> JSONLDValue? {
            position += 1
            var items: [JSONLDValue] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            }
            while true {
                skipSpace()
                guard let item = value(depth: depth + 1, keep: keep) else { return nil }
                if keep { items.append(item) }
                skipSpace()
                guard position < bytes.count else { return nil }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                guard bytes[position] == UInt8(ascii: "]") else { return nil }
                position += 1
                return keep ? .array(items) : .other
            }
        }

        mutating func object(depth: Int, keep: Bool) -> JSONLDValue? {
            position += 1
            var kept: [String: JSONLDValue] = [:]
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(kept)
            }
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
                let keyStart = position + 1
                guard string(keep: false) != nil else { return nil }
                // The key's text, when it is one the fields read (only then is it built).
                let key = keep ? Self.readKey(UnsafeBufferPointer(rebasing: bytes[keyStart..<position - 1])) : nil
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return nil }
                position += 1
                skipSpace()
                guard let item = value(depth: depth + 1, keep: key != nil) else { return nil }
                if let key {
                    // Which of two equal keys `JSONSerialization` keeps is its business.
                    guard kept.updateValue(item, forKey: key) == nil else { return nil }
                }
                skipSpace()
                guard position < bytes.count else { return nil }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                guard bytes[position] == UInt8(ascii: "}") else { return nil }
                position += 1
                return keep ? .object(kept) : .other
            }
        }

        /// The keys `JSONLDArticle` reads, as bytes.
        static let keyBytes: [[UInt8]] = JSONLDValue.keys.sorted().map { Array($0.utf8) }

        /// `raw` (a checked key's bytes between its quotes) as one of `JSONLDValue.keys`, or nil.
        static func readKey(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
            if raw.contains(UInt8(ascii: "\\")) {
                // Decoded again with its text built (`string(keep: false)` checked it).
                var decoded = raw.map { $0 }
                decoded.insert(UInt8(ascii: "\""), at: 0)
                decoded.append(UInt8(ascii: "\""))
                let text = decoded.withUnsafeBufferPointer { buffer -> String? in
                    var cursor = Cursor(bytes: buffer)
                    return cursor.string(keep: true)
                }
                return text.flatMap { JSONLDValue.keys.contains($0) ? $0 : nil }
            }
            for key in keyBytes where key.count == raw.count && key.elementsEqual(raw) {
                return String(decoding: raw, as: UTF8.self)
            }
            return nil
        }

        /// A string from its opening quote; nil at a control byte or an escape not read here.
        /// Without `keep` the string is checked the same way but not built (the answer is "").
        mutating func string(keep: Bool) -> String? {
            position += 1
            let start = position
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    let text = keep ? String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self) : ""
                    position += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { return escapedString(from: start, keep: keep) }
                if byte < 0x20 { return nil }
                position += 1
            }
            return nil
        }

        /// The rest of a string that holds escapes, decoded into a byte buffer.
        mutating func escapedString(from start: Int, keep: Bool) -> String? {
            var decoded: [UInt8] = keep ? Array(bytes[start..<position]) : []
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    position += 1
                    return keep ? String(decoding: decoded, as: UTF8.self) : ""
                }
                if byte < 0x20 { return nil }
                guard byte == UInt8(ascii: "\\") else {
                    decoded.append(byte)
                    position += 1
                    continue
                }
                guard position + 1 < bytes.count else { return nil }
                let escape = bytes[position + 1]
                position += 2
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    if scalar >= 0xD800, scalar <= 0xDBFF {
                        // A high surrogate must be followed by `\u` and a low one.
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                              bytes[position + 1] == UInt8(ascii: "u") else { return nil }
                        position += 2
                        guard let low = hex4(), low >= 0xDC00, low <= 0xDFFF else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard scalar != 0, let unicode = Unicode.Scalar(scalar) else { return nil }
                    decoded.append(contentsOf: UTF8.encode(unicode)!)
                default:
                    return nil
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard bytes.count - position >= 4 else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                position += 1
            }
            return value
        }
    }
}
