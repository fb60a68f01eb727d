import ClaimSieveCore
import Foundation
import Mustache

/// The report templates (Mustache, `swift-mustache`): `pipelines/templates/*.mustache`, each
/// replaceable by a file of the same name in the folder given with `run --template DIR`.
///
/// Why Mustache: the templates stay logic-less files a newcomer edits without Swift (Plot is a
/// Swift DSL, so a user could not override it without rebuilding); `{{x}}` escapes HTML by
/// default, so forgetting to escape is not the easy mistake; and swift-mustache has no
/// dependencies of its own (Stencil brings PathKit and its own runtime typing of contexts).
///
/// The reports are streamed: a page template holds the frame with a marker where the claims go
/// (`{{{data}}}` in `html-page`, `{{{sections}}}` in `md-page`), and the claims are written
/// there as they are read from the spill, so no view model of every claim is ever built. In
/// `report.html` the claims are data (`HTMLReportData`) that the page's script (`html-script`)
/// lists; in `report.md` each claim and group is rendered by `md-claim` and `md-group`
/// (by `MarkdownFastPath` while those are the shipped templates).
public struct ReportTemplates: Sendable {
    /// The templates' file names (without `.mustache`).
    public static let names = [
        "html-page", "html-style", "html-script", "html-section", "html-document",
        "md-page", "md-section", "md-claim", "md-group", "md-document",
    ]

    let library: MustacheLibrary
    /// Whether `md-claim` and `md-group` are the shipped templates, which `MarkdownFastPath` renders.
    let shippedMarkdownClaim: Bool
    let shippedMarkdownGroup: Bool
    /// Whether `html-document` and `md-document` (a row of the documents table) are the shipped
    /// templates, which `DocumentRows` writes without the engine.
    let shippedHTMLDocument: Bool
    let shippedMarkdownDocument: Bool
    /// Page templates that list `{{#documents}}` themselves (an override written before the
    /// rows had a template of their own): they get the rows' contexts, as they always did.
    let pagesListingDocuments: Set<String>
    /// Page templates whose family (`html-*`, `md-*`) shows `documentChoices` (the shipped
    /// `html-page`'s document filter): the others are not given them, a context for every
    /// document with claims.
    let pagesUsingDocumentChoices: Set<String>
    /// Whether `html-page` lists the document filter's options exactly as shipped
    /// (`shippedDocumentOptions`): they are then written without the engine, straight to the
    /// file where `{{{documentOptions}}}` now stands (`HTMLReport`), one document at a time.
    let streamsDocumentOptions: Bool

    /// The shipped `html-page`'s document filter options. Through the engine, every document
    /// with claims was a context in memory and the page a string holding them all: 14 MB added
    /// at the end of a 20,000-page run, and time on the one thread no worker shares.
    static let shippedDocumentOptions = #"{{#documentChoices}}<option value="{{value}}">{{label}}</option>{{/documentChoices}}"#
    /// The marker that replaces them (`streamsDocumentOptions`).
    static let documentOptionsMarker = "documentOptions"

    /// Where a template comes from when it is not overridden.
    public static func defaultFile(_ name: String) -> String? { DataFiles.locate("templates/\(name).mustache") }

    /// Loads every template: from `directory` when it holds the file, else the shipped one.
    /// A missing or unparsable template is an error naming the file.
    public init(overrides directory: String? = nil) throws {
        _ = Self.registerMarkdown
        if let directory { try Self.checkNames(in: directory) }
        var library = MustacheLibrary()
        var shippedMarkdownClaim = false, shippedMarkdownGroup = false
        var shippedHTMLDocument = false, shippedMarkdownDocument = false
        var pagesListingDocuments: Set<String> = []
        var pagesUsingDocumentChoices: Set<String> = []
        var streamsDocumentOptions = false
        var texts: [String: String] = [:]
        for name in Self.names {
            let override = directory.map { $0 + "/\(name).mustache" }
            guard let path = override.flatMap({ FileManager.default.fileExists(atPath: $0) ? $0 : nil }) ?? Self.defaultFile(name) else {
                throw TemplateError(file: "templates/\(name).mustache", reason: "not found (looked in \(([directory].compactMap { $0 } + DataFiles.candidates(for: "templates/\(name).mustache")).joined(separator: ", ")))")
            }
            var text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw TemplateError(file: path, reason: "cannot be read: \(error.localizedDescription)")
            }
            if name == "md-claim" { shippedMarkdownClaim = MarkdownFastPath.hash(text) == MarkdownFastPath.claimHash }
            if name == "md-group" { shippedMarkdownGroup = MarkdownFastPath.hash(text) == MarkdownFastPath.groupHash }
            if name == "html-document" { shippedHTMLDocument = MarkdownFastPath.hash(text) == DocumentRows.htmlHash }
            if name == "md-document" { shippedMarkdownDocument = MarkdownFastPath.hash(text) == DocumentRows.markdownHash }
            // Only in the shipped page's HTML escaping (its first line), where `{{label}}` is `HTMLText.escape`.
            // Once only, and not where the page names the marker itself.
            if name == "html-page", text.hasPrefix("{{% CONTENT_TYPE: HTML}}\n"), !Self.contains(text, Self.documentOptionsMarker),
               Self.occurrences(of: Array(Self.shippedDocumentOptions.utf8), in: Array(text.utf8)).count == 1 {
                text = Self.replacingFirst(Self.shippedDocumentOptions, with: "{{{\(Self.documentOptionsMarker)}}}", in: text)
                streamsDocumentOptions = true
            }
            if name.hasSuffix("-page"), Self.contains(text, "{{#documents}}") { pagesListingDocuments.insert(name) }
            // Named by any template of the page's family (`md-*`), a partial it includes too.
            if Self.contains(text, "documentChoices"), let dash = name.firstIndex(of: "-") {
                pagesUsingDocumentChoices.insert(name[..<dash] + "-page")
            }
            texts[name] = text
        }
        // A partial without a tag (the page's style and script: 21 KB of the 30 KB of
        // templates) is put in after rendering instead of being parsed: swift-mustache's parser
        // took about 2,400 instructions a byte, 7% of a night where nothing changed. Only when
        // every `{{> name}}` starts a line (no indentation for the engine to add to its lines).
        var literals: [(placeholder: String, text: String, including: Set<String>)] = []
        var generator = SystemRandomNumberGenerator()
        for (name, text) in texts where !Self.contains(text, "{{") {
            let tag = "{{> \(name)}}"
            let users = texts.values.filter { Self.contains($0, tag) }
            guard !users.isEmpty, texts.values.allSatisfy({ Self.partialTags(in: $0, named: name, areAll: tag) }) else { continue }
            let placeholder = "\u{1}claimsieve-literal-\(name)-\(String(generator.next(), radix: 16))\u{1}"
            // The templates that render it, directly or through another partial.
            var including = Set(texts.filter { Self.contains($0.value, tag) }.keys)
            var grown = true
            while grown {
                let more = texts.filter { entry in !including.contains(entry.key) && including.contains { Self.contains(entry.value, "{{> \($0)}}") } }
                grown = !more.isEmpty
                including.formUnion(more.keys)
            }
            literals.append((placeholder, text, including))
            texts[name] = placeholder
        }
        // The shipped row, claim and group templates are written without the engine
        // (`DocumentRows`, `MarkdownFastPath`): unless another template names them as a partial,
        // they are not parsed (a fifth of the parsing).
        let unrendered: Set<String> = [
            shippedMarkdownClaim ? "md-claim" : nil, shippedMarkdownGroup ? "md-group" : nil,
            shippedHTMLDocument ? "html-document" : nil, shippedMarkdownDocument ? "md-document" : nil,
        ].compactMap { $0 }.reduce(into: []) { unused, name in
            if texts.values.allSatisfy({ !Self.contains($0, "{{=") && Self.partialTags(in: $0, named: name, areAll: "\u{0}") }) {
                unused.insert(name)
            }
        }
        for name in Self.names where !unrendered.contains(name) {
            do {
                try library.register(texts[name] ?? "", named: name)
            } catch {
                let path = directory.map { $0 + "/\(name).mustache" }.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
                    ?? Self.defaultFile(name) ?? name
                throw TemplateError(file: path, reason: "is not a valid Mustache template: \(error)")
            }
        }
        self.literals = literals
        self.library = library
        self.shippedMarkdownClaim = shippedMarkdownClaim
        self.shippedMarkdownGroup = shippedMarkdownGroup
        self.shippedHTMLDocument = shippedHTMLDocument
        self.shippedMarkdownDocument = shippedMarkdownDocument
        self.pagesListingDocuments = pagesListingDocuments
        self.pagesUsingDocumentChoices = pagesUsingDocumentChoices
        self.streamsDocumentOptions = streamsDocumentOptions
    }

    /// Templates that are no longer used, and what replaced them.
    static let retired = [
        "html-claim": "the page's script (html-script) now lists each claim from the page's data",
        "html-group": "the page's script (html-script) now lists each group from the page's data",
    ]

    /// A `.mustache` file in an override folder that is not a report template is an error naming
    /// it: a misspelt name ("html-stlye") or a template retired by an upgrade would otherwise be
    /// ignored without a word, and the report would quietly not be the one the folder describes.
    static func checkNames(in directory: String) throws {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for file in files.sorted() where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            guard !names.contains(name) else { continue }
            let why = retired[name].map { "is no longer used: \($0)" }
                ?? "is not one of the report templates (\(names.joined(separator: ", ")))"
            throw TemplateError(file: directory + "/" + file, reason: why)
        }
    }

    /// A template that cannot be used, with its file.
    public struct TemplateError: Error, CustomStringConvertible {
        public var file: String
        public var reason: String
        public var description: String { "\(file): \(reason)" }
    }

    /// Partials put in after rendering: each placeholder (drawn for this process, so no input
    /// holds it) and the partial's text.
    let literals: [(placeholder: String, text: String, including: Set<String>)]

    /// Whether every partial tag naming `name` in `text` (`{{>name}}`, `{{> name }}`...) is
    /// written as `tag` at the start of a line.
    static func partialTags(in text: String, named name: String, areAll tag: String) -> Bool {
        guard contains(text, "{{>") else { return true }
        let bytes = Array(text.utf8), opening = Array("{{>".utf8), canonical = Array(tag.utf8)
        var at = 0
        while at + opening.count <= bytes.count {
            guard bytes[at..<at + opening.count].elementsEqual(opening) else { at += 1; continue }
            var nameStart = at + opening.count
            while nameStart < bytes.count, bytes[nameStart] == 0x20 || bytes[nameStart] == 0x09 { nameStart += 1 }
            var nameEnd = nameStart
            while nameEnd < bytes.count, bytes[nameEnd] != 0x20, bytes[nameEnd] != 0x09, bytes[nameEnd] != UInt8(ascii: "}") { nameEnd += 1 }
            if bytes[nameStart..<nameEnd].elementsEqual(name.utf8) {
                let isCanonical = at + canonical.count <= bytes.count && bytes[at..<at + canonical.count].elementsEqual(canonical)
                guard isCanonical, at == 0 || bytes[at - 1] == 0x0A else { return false }
            }
            at = nameEnd
        }
        return true
    }

    /// Renders `name` with `context`.
    func render(_ name: String, _ context: [String: Any]) -> String {
        let text = library.render(context, withTemplate: name) ?? ""
        let used = literals.filter { $0.including.contains(name) }
        guard !used.isEmpty else { return text }
        // On bytes: Foundation's `replacingOccurrences` cost as much as rendering the page.
        var bytes = Array(text.utf8)
        for literal in used {
            let placeholder = Array(literal.placeholder.utf8)
            for at in Self.occurrences(of: placeholder, in: bytes).reversed() {
                bytes.replaceSubrange(at..<at + placeholder.count, with: literal.text.utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text `name` renders before and after `{{{marker}}}`: the frame of a streamed part.
    ///
    /// The marker holds a random value drawn for this render, so no text of the run (a page's
    /// address or title is input) can hold it: the claims are always written where the template
    /// says, never inside an attribute that happens to contain the marker's text. A template
    /// without the marker, or with it twice, is an error naming the template (an override from
    /// before `{{{data}}}` would otherwise list nothing and say nothing).
    func frame(_ name: String, _ context: [String: Any], marker key: String) throws -> (before: String, after: String) {
        let frame = try frame(name, context, marker: key, optional: nil)
        return (frame.texts[0], frame.texts[1])
    }

    /// A page cut at its markers: `texts[0]`, then what goes at `markers[0]`, then `texts[1]`...
    struct Frame {
        var texts: [String]
        var markers: [String]

        /// Writes the texts and, at each marker, what `fill` writes for it.
        func write(to out: ReportOutput, _ fill: (String) throws -> Void) throws {
            for (index, text) in texts.enumerated() {
                out += text
                if index < markers.count { try fill(markers[index]) }
            }
        }
    }

    /// As `frame(_:_:marker:)`, with a second marker the page may leave out, before or after the
    /// first (`{{{documentRows}}}`, which a page written before it does not have): the frame's
    /// `markers` say which are there, in the page's order.
    func frame(_ name: String, _ context: [String: Any], marker key: String, optional second: String?) throws -> Frame {
        try frame(name, context, marker: key, optional: second.map { [$0] } ?? [])
    }

    /// As `frame(_:_:marker:optional:)`, with any number of markers the page may leave out.
    func frame(_ name: String, _ context: [String: Any], marker key: String, optional others: [String]) throws -> Frame {
        var context = context
        var generator = SystemRandomNumberGenerator()
        func marker(_ key: String) -> [UInt8] {
            Array("\u{1}claimsieve-\(key)-\(String(generator.next(), radix: 16))-\(String(generator.next(), radix: 16))\u{1}".utf8)
        }
        let pattern = marker(key)
        let otherPatterns = others.map(marker)
        context[key] = String(decoding: pattern, as: UTF8.self)
        for (other, otherPattern) in zip(others, otherPatterns) { context[other] = String(decoding: otherPattern, as: UTF8.self) }
        // On bytes: Foundation's `range(of:)` cost as much as rendering the page.
        let bytes = Array(render(name, context).utf8)
        let found = Self.occurrences(of: pattern, in: bytes)
        guard found.count == 1, let start = found.first else {
            throw TemplateError(file: "templates/\(name).mustache",
                                reason: found.isEmpty ? "has no {{{\(key)}}}, where the report's claims go" : "has {{{\(key)}}} \(found.count) times; it must appear once")
        }
        var cuts = [(at: start, length: pattern.count, marker: key)]
        for (other, otherPattern) in zip(others, otherPatterns) {
            let rows = Self.occurrences(of: otherPattern, in: bytes)
            guard rows.count <= 1 else {
                throw TemplateError(file: "templates/\(name).mustache", reason: "has {{{\(other)}}} \(rows.count) times; it may appear once")
            }
            if let at = rows.first { cuts.append((at, otherPattern.count, other)) }
        }
        cuts.sort { $0.at < $1.at }
        var texts: [String] = []
        var from = 0
        for cut in cuts {
            texts.append(String(decoding: bytes[from..<cut.at], as: UTF8.self))
            from = cut.at + cut.length
        }
        texts.append(String(decoding: bytes[from...], as: UTF8.self))
        return Frame(texts: texts, markers: cuts.map(\.marker))
    }

    /// Whether `text` holds `needle`, on bytes (`memchr` and `memcmp`): Foundation's `contains` took about
    /// 15 M instructions for the few dozen searches of loading the templates.
    static func contains(_ text: String, _ needle: String) -> Bool {
        var text = text, needle = needle
        return text.withUTF8 { haystack in
            needle.withUTF8 { needle in
                guard needle.count > 0 else { return true }
                guard let h = haystack.baseAddress, let n = needle.baseAddress, haystack.count >= needle.count else { return false }
                let last = haystack.count - needle.count
                var at = 0
                while at <= last, let found = memchr(h + at, Int32(n[0]), last - at + 1) {
                    at = h.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(h + at, n, needle.count) == 0 { return true }
                    at += 1
                }
                return false
            }
        }
    }

    /// `text` with the first occurrence of `needle` replaced, on bytes.
    static func replacingFirst(_ needle: String, with replacement: String, in text: String) -> String {
        let bytes = Array(text.utf8), pattern = Array(needle.utf8)
        guard let at = occurrences(of: pattern, in: bytes).first else { return text }
        return String(decoding: bytes[..<at] + Array(replacement.utf8) + bytes[(at + pattern.count)...], as: UTF8.self)
    }

    private static func occurrences(of pattern: [UInt8], in bytes: [UInt8]) -> [Int] {
        var found: [Int] = []
        var at = 0
        while at + pattern.count <= bytes.count {
            if bytes[at] == pattern[0], bytes[at..<at + pattern.count].elementsEqual(pattern) {
                found.append(at)
                at += pattern.count
            } else {
                at += 1
            }
        }
        return found
    }

    /// `{{% CONTENT_TYPE: MARKDOWN}}` in a template escapes `{{x}}` for Markdown, and
    /// `{{% CONTENT_TYPE: HTML}}` for HTML with `HTMLText.escape`: the same five characters as
    /// swift-mustache's own escaping, byte by byte (its own goes Character by Character, which
    /// cost more than the rest of rendering a claim).
    private static let registerMarkdown: Void = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        MustacheContentTypes.register(HTMLContentType(), named: "HTML")
    }()

    struct MarkdownContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLText.markdownEscape(text) }
    }

    struct HTMLContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLText.escape(text) }
    }
}
