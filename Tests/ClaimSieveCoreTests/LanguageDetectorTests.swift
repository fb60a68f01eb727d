import ClaimSieveCore
import ClaimSieveTestSupport
import Foundation
import Testing

/// The language detector over the shipped profiles (`pipelines/lexicons/language-profiles.yml`).
@Suite struct LanguageDetectorTests {
    static let detector: LanguageDetector = try! LanguageDetector.load(
        path: TestPaths.inRepository("pipelines/lexicons/language-profiles.yml"))

    /// One news-like sentence per language, each saying much the same thing; two where one is
    /// too little to tell close languages apart (Portuguese from Spanish, Norwegian from Danish).
    static let samples: [(code: String, text: String)] = [
        ("en", "The council said on Monday that the new bridge would be finished before the end of the year, although some of the work has been delayed by the weather."),
        ("de", "Der Stadtrat hat am Montag beschlossen, dass die neue Brücke noch vor dem Ende des Jahres fertig sein soll, obwohl ein Teil der Arbeiten wegen des Wetters verschoben wurde."),
        ("fr", "Le conseil municipal a annoncé lundi que le nouveau pont serait terminé avant la fin de l'année, même si une partie des travaux a été retardée par la météo."),
        ("es", "El ayuntamiento anunció el lunes que el nuevo puente estará terminado antes del final del año, aunque una parte de las obras se ha retrasado por el mal tiempo."),
        ("it", "Il consiglio comunale ha annunciato lunedì che il nuovo ponte sarà completato prima della fine dell'anno, anche se una parte dei lavori è stata rinviata a causa del maltempo."),
        ("nl", "De gemeenteraad heeft maandag bekendgemaakt dat de nieuwe brug nog voor het einde van het jaar klaar zal zijn, hoewel een deel van het werk door het weer is vertraagd."),
        ("pt", "A câmara municipal anunciou na segunda-feira que a nova ponte estará concluída antes do fim do ano, embora uma parte das obras tenha sido adiada por causa do mau tempo. Segundo o jornal, os custos ainda não são conhecidos e não há data para o começo das obras."),
        ("sv", "Kommunen meddelade på måndagen att den nya bron ska vara klar före slutet av året, även om en del av arbetet har försenats på grund av vädret."),
        ("da", "Kommunen meddelte mandag, at den nye bro skal være færdig inden nytår, men det er ikke klart, hvad den vil koste, og arbejdet blev forsinket af vejret."),
        ("nb", "Kommunen opplyste mandag at den nye brua skal være ferdig før nyttår, men det er ikke klart hva den vil koste, og arbeidet ble forsinket av været. Det er ikke første gang, og kommunen har ikke sagt noe om hva som skjer nå."),
        ("pl", "Rada miasta poinformowała w poniedziałek, że nowy most zostanie ukończony przed końcem roku, chociaż część prac została opóźniona z powodu pogody."),
        ("fi", "Kaupunginvaltuusto ilmoitti maanantaina, että uusi silta on valmis ennen vuoden loppua, mutta se ei ole vielä selvää, mitä se maksaa."),
        ("cs", "Městská rada v pondělí oznámila, že nový most bude dokončen ještě před koncem roku, i když se část prací kvůli počasí zpozdila."),
        ("ro", "Consiliul local a anunțat luni că noul pod va fi terminat înainte de sfârșitul anului, deși o parte din lucrări a fost amânată din cauza vremii."),
        ("hu", "A városi tanács hétfőn bejelentette, hogy az új híd még az év vége előtt elkészül, bár a munkák egy része az időjárás miatt késik."),
        ("tr", "Belediye meclisi yeni köprünün yıl sonundan önce bitirileceğini açıkladı, ancak bu proje için daha çok para gerekiyor ve belediye de bunu biliyor."),
    ]

    @Test func theShippedProfilesHoldTheMainEuropeanLanguages() throws {
        let codes = Set(Self.detector.languages.map(\.code))
        for code in ["en", "de", "fr", "es", "it", "nl", "pt"] { #expect(codes.contains(code), "\(code)") }
        #expect(try LanguageDetector.shipped().languages == Self.detector.languages)
    }

    @Test(arguments: samples.map(\.code))
    func eachLanguageIsToldFromOneSentenceWithNothingDeclared(code: String) {
        let text = Self.samples.first { $0.code == code }!.text
        let scores = Self.detector.score(text)
        #expect(Self.detector.decide(declaredCode: nil, scores: scores) == code, "\(scores)")
    }

    @Test func capitalsAndPunctuationDoNotHideWords() {
        // "ÜBER" and "DIE" in capitals, words glued to « », dashes and no-break spaces.
        let text = "«DIE» Regierung—und ÜBER\u{00A0}die Hälfte der Abgeordneten—hat es nicht gewusst, sagte er."
        #expect(Self.detector.decide(declared: nil, blocks: [Block(kind: .paragraph, text: text)]) == "de")
    }

    @Test func anEnglishTextDeclaredGermanIsEnglish() {
        let english = Self.samples[0].text + " " + Self.samples[0].text + " It was not clear how much the work would cost."
        #expect(Self.detector.decide(declared: "de", blocks: [Block(kind: .paragraph, text: english)]) == "en")
        #expect(Self.detector.decide(declared: "de-DE", blocks: [Block(kind: .paragraph, text: english)]) == "en")
        // A declared language with no profile is overridden by clear text too.
        #expect(Self.detector.decide(declared: "ja", blocks: [Block(kind: .paragraph, text: english)]) == "en")
    }

    @Test func aShortTextDoesNotOverrideTheDeclaration() {
        // One English sentence on a German page (a quoted title, a caption) is too little evidence.
        let short = [Block(kind: .paragraph, text: "The end of the war.")]
        #expect(Self.detector.decide(declared: "de", blocks: short) == "de")
        // Nor does a text in the declared language with many shared words.
        let german = [Block(kind: .paragraph, text: Self.samples[1].text + " " + Self.samples[1].text)]
        #expect(Self.detector.decide(declared: "de", blocks: german) == "de")
    }

    @Test func noWordsAndNoDeclarationIsUnknown() {
        #expect(Self.detector.decide(declared: nil, blocks: [Block(kind: .paragraph, text: "2019 – 2024 · 42 % · €3.5bn")]) == nil)
        #expect(Self.detector.decide(declared: nil, blocks: [Block(kind: .paragraph, text: "東京都は月曜日、新しい橋が年末までに完成すると発表した。")]) == nil)
        // Japanese declared and Japanese text: the declaration stands.
        #expect(Self.detector.decide(declared: "ja", blocks: [Block(kind: .paragraph, text: "東京都は月曜日、新しい橋が年末までに完成すると発表した。")]) == "ja")
    }

    @Test func declaredTagsAreNormalised() {
        let d = Self.detector
        #expect(d.normalize("en-US") == "en")
        #expect(d.normalize("EN_gb") == "en")
        #expect(d.normalize(" de ") == "de")
        #expect(d.normalize("English") == "en")
        #expect(d.normalize("no") == "nb")
        #expect(d.normalize("nn-NO") == "nb")
        #expect(d.normalize("ja") == "ja")
        for junk in ["", "und", "x-default", "{{lang}}", "e", "deutsch-sprachig-x", "mul"] {
            #expect(d.normalize(junk) == nil, "\(junk)")
        }
        #expect(d.describe("de") == "German (de)")
        #expect(d.describe("ja") == "ja")
    }

    @Test func onlyTheFirstSampleBytesAreRead() {
        var thresholds = LanguageDetector.Thresholds()
        thresholds.sampleBytes = 200
        let d = LanguageDetector(
            languages: [.init(code: "en", name: "English", aliases: []), .init(code: "de", name: "German", aliases: [])],
            words: [["the", "of", "and", "to", "that", "has", "been", "by"], ["der", "die", "das", "am", "dass", "noch", "vor", "dem", "des"]],
            thresholds: thresholds)
        let german = Self.samples[1].text  // about 180 bytes
        let english = String(repeating: Self.samples[0].text + " ", count: 20)
        let scores = d.score([Block(kind: .heading, text: german), Block(kind: .paragraph, text: english)])
        #expect(scores.words < 40)
        #expect(d.decide(declaredCode: nil, scores: scores) == "de")
        #expect(d.decide(declaredCode: nil, scores: d.score(english)) == "en")
    }

    @Test func aBrokenProfilesFileIsReportedWithItsLines() throws {
        let folder = TestPaths.temporaryFolder()
        let path = folder + "/profiles.yml"
        try """
        detection:
          sample_bytes: 4096
          margin: 0.5
          treshold: 3
        languages:
          German: { name: German, words: [der, die] }
          fr: { words: [le, la] }

        """.write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try LanguageDetector.load(path: path) } throws: { error in
            "\(error)".contains("\(path):4:") && "\(error)".contains("unknown key 'treshold'")
        }
        try """
        detection:
          margin: 0.5
        languages:
          German: { name: German, words: [der, die] }
          fr: { words: [le, la] }

        """.write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try LanguageDetector.load(path: path) } throws: { error in
            let text = "\(error)"
            return text.contains("\(path):2:") && text.contains("margin")
                && text.contains("\(path):4:") && text.contains("ISO 639-1") && text.contains("found 'German'")
                && text.contains("\(path):5:") && text.contains("language 'fr' needs a `name`")
        }
    }
}
