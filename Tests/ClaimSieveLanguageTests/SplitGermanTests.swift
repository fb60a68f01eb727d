import ClaimSieveCore
import ClaimSieveLanguage
import ClaimSieveTestSupport
import Testing

/// Per-language splitter rules: the `split` stage reads `Document.language` and splits German
/// text with `lexicons/de-splitter.yml` (abbreviations, titles, ordinals, number formats).
@Suite("Split: German")
struct SplitGermanTests {
    static let paragraph = """
        Der Umsatz stieg um 5 Mio. Euro bzw. rund 3 Prozent. Die sog. Kernmarke wuchs am stärksten, \
        z. B. in Bayern. Am 3. Oktober 1990 trat die DDR bei, d. h. die Teilung endete. \
        Dr. Müller und Prof. Schmidt von der Uni St. Gallen sprachen ca. 2 Std. lang, u. a. über \
        Art. 5 und Nr. 12. Die Firma zahlte 1.000,5 Mrd. Euro usw. Im 19. Jahrhundert war das anders. \
        Das Werk endete 1990. Die Mauer fiel vgl. Kapitel 3.
        """

    static let sentences = [
        "Der Umsatz stieg um 5 Mio. Euro bzw. rund 3 Prozent.",
        "Die sog. Kernmarke wuchs am stärksten, z. B. in Bayern.",
        "Am 3. Oktober 1990 trat die DDR bei, d. h. die Teilung endete.",
        "Dr. Müller und Prof. Schmidt von der Uni St. Gallen sprachen ca. 2 Std. lang, u. a. über Art. 5 und Nr. 12.",
        "Die Firma zahlte 1.000,5 Mrd. Euro usw.",
        "Im 19. Jahrhundert war das anders.",
        "Das Werk endete 1990.",
        "Die Mauer fiel vgl. Kapitel 3.",
    ]

    func claims(language: String?, options: SplitStage.Options = .init()) throws -> [String] {
        let stage = try SplitStage(options: options)
        let document = Document(id: "d", path: "d", metadata: Metadata(language: language), blocks: [Block(kind: .paragraph, text: Self.paragraph)])
        return try stage.process(document).claims.map(\.text)
    }

    @Test("a German paragraph splits on its sentences, not on Mio., bzw., sog., z. B., 3. Oktober, Dr., Nr.",
          arguments: ["de", "de-AT", "DE_ch"])
    func german(_ language: String) throws {
        #expect(try claims(language: language) == Self.sentences)
    }

    @Test("German quotation marks: „...“ is one unit, and a sentence ends after its closing “")
    func germanQuotes() throws {
        let splitter = try SplitStage().splitter(for: "de")
        #expect(splitter.split("„Wir sind frei. Wir haben gewonnen“, sagte er. Dann ging er.")
            == ["„Wir sind frei. Wir haben gewonnen“, sagte er.", "Dann ging er."])
        #expect(splitter.split("„Wir schaffen das.“ Die Kanzlerin blieb dabei.")
            == ["„Wir schaffen das.“", "Die Kanzlerin blieb dabei."])
    }

    @Test("without a language, or with one that has no rules, the English rules apply")
    func englishFallback() throws {
        let english = try claims(language: nil)
        #expect(english != Self.sentences)
        #expect(english.contains("Der Umsatz stieg um 5 Mio."))
        #expect(try claims(language: "xx") == english)
        #expect(try claims(language: "en-GB") == english)
    }

    @Test("the language's primary subtag chooses the rules")
    func primaryLanguage() {
        #expect(SplitStage.primaryLanguage("de-AT") == "de")
        #expect(SplitStage.primaryLanguage("EN_us") == "en")
        #expect(SplitStage.primaryLanguage("") == nil)
        #expect(SplitStage.primaryLanguage(nil) == nil)
    }

    @Test("rules: a mapping names each language's file; the shipped ones stay for the others")
    func mapping() throws {
        let folder = TestPaths.temporaryFolder()
        let file = folder + "/nl-splitter.yml"
        try "abbreviations:\n  general: [blz]\n".write(toFile: file, atomically: true, encoding: .utf8)
        let stage = try SplitStage(options: .init(languageRules: ["nl": file]))
        #expect(stage.ruleLanguages == ["en", "de", "nl"])
        #expect(stage.splitter(for: "nl").split("Zie blz. twaalf voor meer.") == ["Zie blz. twaalf voor meer."])
        #expect(stage.splitter(for: "de").split(Self.paragraph) == Self.sentences)
        let french = "Il y a 5 Mio. Euro ici. Oui."
        #expect(stage.splitter(for: "fr").split(french) == stage.splitter(for: nil).split(french))
        #expect(stage.splitter(for: "de").split(french) == ["Il y a 5 Mio. Euro ici.", "Oui."])
    }

    @Test("a missing language file fails at start-up, naming the file")
    func missingFile() {
        do {
            _ = try SplitStage(options: .init(languageRules: ["nl": "/nonexistent/nl-splitter.yml"]))
            Issue.record("no error")
        } catch {
            #expect("\(error)".contains("/nonexistent/nl-splitter.yml"))
        }
    }
}
