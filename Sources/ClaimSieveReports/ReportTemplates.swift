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
/// The reports are streamed: a page template holds the frame with `{{{sections}}}` where the
/// claims go, and each claim, group or document is rendered by its own small template and
/// written out as it is read from the spill, so no view model of every claim is ever built.
public struct ReportTemplates: Sendable {
    /// The templates' file names (without `.mustache`).
    public static let names = [
        "html-page", "html-style", "html-script", "html-claim", "html-group", "html-section",
        "md-page", "md-section", "md-claim", "md-group",
    ]

    let library: MustacheLibrary
    /// Whether `html-claim` is the shipped template, which `HTMLClaimFastPath` renders.
    let shippedClaimTemplate: Bool

    /// Where a template comes from when it is not overridden.
    public static func defaultFile(_ name: String) -> String? { DataFiles.locate("templates/\(name).mustache") }

    /// Loads every template: from `directory` when it holds the file, else the shipped one.
    /// A missing or unparsable template is an error naming the file.
    public init(overrides directory: String? = nil) throws {
        _ = Self.registerMarkdown
        var library = MustacheLibrary()
        var shippedClaimTemplate = false
        for name in Self.names {
            let override = directory.map { $0 + "/\(name).mustache" }
            guard let path = override.flatMap({ FileManager.default.fileExists(atPath: $0) ? $0 : nil }) ?? Self.defaultFile(name) else {
                throw TemplateError(file: "templates/\(name).mustache", reason: "not found (looked in \(([directory].compactMap { $0 } + DataFiles.candidates(for: "templates/\(name).mustache")).joined(separator: ", ")))")
            }
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw TemplateError(file: path, reason: "cannot be read: \(error.localizedDescription)")
            }
            if name == "html-claim" { shippedClaimTemplate = HTMLClaimFastPath.hash(text) == HTMLClaimFastPath.shippedHash }
            do {
                try library.register(text, named: name)
            } catch {
                throw TemplateError(file: path, reason: "is not a valid Mustache template: \(error)")
            }
        }
        self.library = library
        self.shippedClaimTemplate = shippedClaimTemplate
    }

    /// One claim of `report.html`: by `HTMLClaimFastPath` when the template is the shipped one.
    func renderClaimHTML(_ context: [String: Any]) -> String {
        shippedClaimTemplate ? HTMLClaimFastPath.render(context) : render("html-claim", context)
    }

    /// A template that cannot be used, with its file.
    public struct TemplateError: Error, CustomStringConvertible {
        public var file: String
        public var reason: String
        public var description: String { "\(file): \(reason)" }
    }

    /// Renders `name` with `context`.
    func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    /// The text `name` renders before and after `{{{marker}}}`: the frame of a streamed part.
    func frame(_ name: String, _ context: [String: Any], marker key: String) -> (before: String, after: String) {
        var context = context
        let marker = "\u{1}claimsieve-\(key)\u{1}"
        context[key] = marker
        let text = render(name, context)
        guard let range = text.range(of: marker) else { return (text, "") }
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
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
