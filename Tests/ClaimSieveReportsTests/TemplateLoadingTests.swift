@testable import ClaimSieveReports
import ClaimSieveTestSupport
import Foundation
import Testing

/// The shipped row, claim and group templates are written without the engine, so loading the
/// templates does not parse them (issue 12), unless another template names one as a partial.
@Suite struct TemplateLoadingTests {
    @Test func shippedTemplatesWrittenWithoutTheEngineAreNotParsed() throws {
        let shipped = try ReportTemplates()
        #expect(shipped.shippedMarkdownClaim && shipped.shippedMarkdownGroup && shipped.shippedHTMLDocument && shipped.shippedMarkdownDocument)
        for name in ["md-claim", "md-group", "html-document", "md-document"] {
            #expect(shipped.render(name, [:]).isEmpty, "\(name)")
        }
        #expect(shipped.render("md-section", ["title": "T"]).contains("T"))
    }

    @Test func aTemplateNamingOneAsAPartialStillGetsIt() throws {
        let page = try String(contentsOfFile: #require(ReportTemplates.defaultFile("md-page")), encoding: .utf8)
        for tag in ["{{> md-group}}", "{{>md-group}}", "  {{> md-group }}"] {
            let folder = TestPaths.temporaryFolder()
            try (page + "\n" + tag + "\n").write(toFile: folder + "/md-page.mustache", atomically: true, encoding: .utf8)
            let templates = try ReportTemplates(overrides: folder)
            #expect(templates.shippedMarkdownGroup)
            let context: [String: Any] = ["sections": "", "documentRows": "", "n": 2, "highlighted": "grouped claim"]
            #expect(templates.render("md-page", context).contains("grouped claim"), "\(tag)")
        }
    }

    @Test func containsIsFoundationsContains() {
        let texts = ["", "{", "{{", "a{{b", "x{{> html-style}}\n", "é{{#documents}}中", "{{#document}}"]
        let needles = ["", "{{", "{{> html-style}}", "{{#documents}}", "中", "é{"]
        for text in texts {
            for needle in needles {
                #expect(ReportTemplates.contains(text, needle) == (needle.isEmpty || text.contains(needle)), "\(text) \(needle)")
            }
        }
    }
}
