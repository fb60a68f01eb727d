import ClaimSieveCore
import ClaimSieveTestSupport
import Foundation
import Testing

/// The furniture kinds of `lexicons/en-furniture.yml`: one test per kind, from the kind's own
/// `examples` and `counterexamples`, so a newcomer's new kind is tested by writing its examples.
@Suite("Furniture kinds") struct FurnitureTests {
    static let lexicon: FurnitureLexicon = {
        do { return try FurnitureLexicon.load() } catch { fatalError("the shipped furniture lexicon does not load: \(error)") }
    }()
    static let matcher = FurnitureMatcher(lexicon: lexicon)
    static let kindNames = lexicon.kinds.map(\.name)

    /// The lines of issue 11 that leaked into claims, each with the kind that must catch it.
    static let issueLines: [(line: String, kind: String)] = [
        ("By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m.", "byline"),
        ("Phil Helsel is a reporter for NBC News.", "author_bio"),
        ("Senior editor at Gizmodo.", "author_bio"),
        ("Copyright @ 2019 The New Arab.", "copyright"),
        ("This material may not be published, broadcast, rewritten, or redistributed.", "reuse_notice"),
        ("Microsoft may earn an Affiliate Commission if you purchase something through recommended links in this article.", "affiliate_disclosure"),
        ("Chat with us in Facebook Messenger.", "contact_invitation"),
        ("And if you have a news tip, correction or comment, let us know at: tips@example.com", "contact_invitation"),
        ("PGP Fingerprint: 1234 5678 9ABC DEF0", "contact_invitation"),
        ("Follow AP's full coverage of Brexit at https://apnews.com/Brexit", "follow_more"),
        ("See tweets :", "follow_more"),
        ("The views and opinions expressed in the article do not necessarily reflect those of Sputnik.", "opinion_disclaimer"),
        ("All...", "truncated_line"),
    ]

    @Test("every kind recognises its examples and no kind its counterexamples", arguments: kindNames)
    func kind(_ name: String) throws {
        let kind = try #require(Self.lexicon.kinds.first { $0.name == name })
        let examples = kind.examples ?? []
        #expect(!examples.isEmpty, "kind '\(name)' has no examples: add at least one to en-furniture.yml")
        for example in examples {
            #expect(Self.matcher.match(example, atStart: true, atEnd: true)?.name == name, "\(name): \(example)")
        }
        for counterexample in kind.counterexamples ?? [] {
            #expect(Self.matcher.match(counterexample, atStart: true, atEnd: true) == nil, "\(name) counterexample matched: \(counterexample)")
        }
    }

    @Test("the thirteen lines of issue 11 are furniture of the right kind", arguments: 0..<13)
    func issueLine(_ index: Int) {
        let (line, kind) = Self.issueLines[index]
        #expect(Self.matcher.match(line, atStart: true, atEnd: true)?.name == kind, "\(line)")
    }

    @Test func kindsLimitedToAnEdgeDoNotMatchInTheMiddle() {
        #expect(Self.matcher.match("Phil Helsel is a reporter for NBC News.", atStart: false, atEnd: false) == nil)
        #expect(Self.matcher.match("By Louis Jacobson on Monday, November 18th, 2019.", atStart: false, atEnd: true) == nil)
        #expect(Self.matcher.match("All...", atStart: true, atEnd: false) == nil)
        // Kinds allowed anywhere still match in the middle.
        #expect(Self.matcher.match("Copyright @ 2019 The New Arab.", atStart: false, atEnd: false)?.name == "copyright")
        #expect(Self.matcher.edges(block: 0, of: 20) == (true, false))
        #expect(Self.matcher.edges(block: 19, of: 20) == (false, true))
        #expect(Self.matcher.edges(block: 9, of: 20) == (false, false))
    }

    @Test func longProseIsNeverFurniture() {
        let prose = "The committee said in its report, published on Monday, that the views expressed by the witnesses do not necessarily reflect the position of the ministry, which has been asked to respond within thirty days to each of the forty recommendations made by the members after a year of hearings across the country."
        #expect(Self.matcher.match(prose) == nil)
    }

    @Test func bylinesAndCopyrightHoldersAreKeptAsMetadata() throws {
        let byline = try #require(Self.lexicon.kinds.first { $0.name == "byline" })
        let copyright = try #require(Self.lexicon.kinds.first { $0.name == "copyright" })
        #expect(Self.matcher.metadata(of: "By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m.", kind: byline) == "Louis Jacobson")
        #expect(Self.matcher.metadata(of: "Copyright @ 2019 The New Arab.", kind: copyright) == "The New Arab")
        #expect(Self.matcher.metadata(of: "© 2020 Example Media Ltd. All rights reserved.", kind: copyright) == "Example Media Ltd")
    }

    @Test func aMisspeltKeyIsReportedWithItsFileAndLine() throws {
        let folder = TestPaths.temporaryFolder()
        let file = folder + "/furniture.yml"
        try "kinds:\n  sign_off:\n    starts_wiht: [\"thanks for reading\"]\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect {
            _ = try FurnitureLexicon.load(path: file)
        } throws: { error in
            let text = "\(error)"
            return text.contains(file) && text.contains(":3:") && text.contains("starts_wiht")
        }
    }

    @Test func aCueWhoseDigitPlaceholdersWouldBlowUpTheMatcherIsRefusedNamingIt() throws {
        let folder = TestPaths.temporaryFolder()
        let file = folder + "/furniture.yml"
        try "kinds:\n  stamp:\n    contains: [\"##/##/#### ##:##\", \"2024\"]\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect {
            _ = try FurnitureLexicon.load(path: file)
        } throws: { error in
            let text = "\(error)"
            return text.contains(file) && text.contains("##/##/#### ##:##") && text.contains("too many '#'")
        }
        // The same cue with no digit spelt out elsewhere opens one path and loads.
        try "kinds:\n  stamp:\n    contains: [\"##/##/#### ##:##\", \"updated\"]\n".write(toFile: file, atomically: true, encoding: .utf8)
        let lexicon = try FurnitureLexicon.load(path: file)
        #expect(FurnitureMatcher(lexicon: lexicon).match("updated 01/02/2024 10:30") != nil)
    }

    @Test func aDigitPlaceholderMatchesAnyDigit() {
        let matcher = FurnitureMatcher(lexicon: FurnitureLexicon(kinds: [FurnitureKind(name: "year", startsWith: ["(c) ####"], examples: ["(c) 2021 X"])]))
        #expect(matcher.match("(C) 2021 Example")?.name == "year")
        #expect(matcher.match("(c) 20x1 Example") == nil)
    }

    /// `contains` patterns starting with a letter match at the start of a word only; those
    /// starting with `#` or punctuation anywhere (the scan tries only these inside a word).
    @Test func containsPatternsStartAtAWordUnlessTheyStartWithPunctuation() {
        let matcher = FurnitureMatcher(lexicon: FurnitureLexicon(kinds: [
            FurnitureKind(name: "sign", contains: ["sign up"], examples: ["Sign up now"]),
            FurnitureKind(name: "count", contains: ["##k views"], examples: ["12k views"]),
            FurnitureKind(name: "handle", contains: ["@news"], examples: ["at @news"]),
        ]))
        #expect(matcher.match("Please sign up today")?.name == "sign")
        #expect(matcher.match("Please design up today") == nil)
        #expect(matcher.match("Seen x12k views")?.name == "count")
        #expect(matcher.match("Follow us@news")?.name == "handle")
        #expect(matcher.match("Follow us @newsroom") == nil)
    }
}
