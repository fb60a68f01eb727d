import CDocumentArena
import CLibXML2
import ClaimSieveCore
import Foundation

/// The one way pages and feeds reach libxml2: bytes decoded to a known encoding, refused when
/// empty or too complex, parsed with network access off, and the tree freed on the same thread
/// whatever `body` does.
enum ParsedDocument {
    enum Parser {
        /// libxml2's HTML parser in recover mode.
        case html
        /// libxml2's XML parser, without entity substitution or external DTDs.
        case xml
    }

    static let htmlOptions = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue
        | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NOBLANKS.rawValue)
    /// What a thread's arena keeps between documents (more is given back to the system).
    static let arenaKeptBytes = 32 << 20

    static let xmlOptions = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
        | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_RECOVER.rawValue)

    /// Parses `data` and hands the tree to `body`. `what` names the input in failure reasons
    /// ("page", "feed"); `elide` drops scripts' and styles' contents from an HTML page first
    /// (`RawTextElision`).
    static func with<T>(_ data: Data, parser: Parser, what: String, elide: Bool = RawTextElision.enabled,
                        _ body: (UnsafeMutablePointer<xmlDoc>) throws -> T) throws -> T {
        LibXML.initialize()
        LibXML.quietThisThread()
        let input = Charset.decode(data)
        return try input.withBytes { buffer in
            try parse(buffer, encoding: input.encoding, parser: parser, what: what, elide: elide, body)
        }
    }

    private static func parse<T>(_ buffer: UnsafeBufferPointer<UInt8>, encoding: String, parser: Parser, what: String, elide: Bool,
                                 _ body: (UnsafeMutablePointer<xmlDoc>) throws -> T) throws -> T {
        let input = (ignoreDeclaration: encoding == "UTF-8", encoding: encoding)
        guard !buffer.isEmpty else { throw StageError("empty \(what): no bytes to parse") }
        // Scripts' and styles' contents are dropped from UTF-8 pages before libxml2 reads them
        // (`RawTextElision`); the guard's pass finds them.
        if elide && parser == .html && input.ignoreDeclaration {
            if let compacted = try RawTextElision.compacted(page: buffer) {
                return try compacted.withUnsafeBufferPointer { try read($0, input: input, parser: parser, what: what, body) }
            }
        } else {
            try MarkupGuard.check(buffer)
        }
        return try read(buffer, input: input, parser: parser, what: what, body)
    }

    private static func read<T>(_ buffer: UnsafeBufferPointer<UInt8>, input: (ignoreDeclaration: Bool, encoding: String),
                                parser: Parser, what: String,
                                _ body: (UnsafeMutablePointer<xmlDoc>) throws -> T) throws -> T {
        xmlResetLastError()
        // The tree's memory: a bump arena of this thread's, given back at once when the tree
        // is freed (after `body`, which copies out what it keeps: nothing of the tree outlives it).
        // A feed's item is parsed while the feed's tree is open: the item's arena is inside the
        // feed's, and closing it leaves the feed's tree as it was.
        let mark = LibXML.usesArena ? claimsieve_arena_open() : .max
        defer {
            // The thread's last error holds strings from this arena: cleared, so that nothing
            // of libxml2's points into the arena once it is closed.
            if mark != .max { xmlResetLastError() }
            claimsieve_arena_close(mark, Self.arenaKeptBytes)
        }
        let parsed: xmlDocPtr? = buffer.baseAddress.flatMap { base in
            base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                let length = Int32(clamping: buffer.count)
                switch parser {
                case .html:
                    let options = htmlOptions | (input.ignoreDeclaration ? Int32(bitPattern: HTML_PARSE_IGNORE_ENC.rawValue) : 0)
                    return htmlReadMemory(chars, length, nil, input.encoding, options)
                case .xml:
                    let options = xmlOptions | (input.ignoreDeclaration ? Int32(bitPattern: XML_PARSE_IGNORE_ENC.rawValue) : 0)
                    return xmlReadMemory(chars, length, nil, input.encoding, options)
                }
            }
        }
        guard let document = parsed else {
            throw StageError(parser == .html ? "libxml2 could not parse the \(what) as HTML" : "not well-formed XML: libxml2 could not read the \(what)")
        }
        // A tree wholly in the arena goes when the arena closes; walking it to free each node
        // would only be calls that do nothing (nothing of a tree is malloc's but what the
        // arena counts: `claimsieve_arena_whole`). A tree with a block from malloc is freed as usual.
        defer { if claimsieve_arena_whole() == 0 { xmlFreeDoc(document) } }
        if claimsieve_parse_hit_max_depth() != 0 {
            throw StageError("markup nested deeper than \(LibXML.maximumDepth) levels: libxml2 stops there and the rest of the \(what) would be lost")
        }
        return try body(document)
    }
}
