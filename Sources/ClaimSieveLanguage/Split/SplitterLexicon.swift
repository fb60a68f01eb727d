/// `SplitterRules` compiled for the scanner: every list becomes a `WordSet` once, when the
/// splitter is built, never per sentence. A class, so that the scanner built for every block
/// holds one reference instead of copying (and retaining) twenty sets.
final class SplitterLexicon: Sendable {
    let prepositive: WordSet
    let numeric: WordSet
    let general: WordSet
    let units: WordSet
    let neverFinal: WordSet
    let time: WordSet
    let sentenceStarters: WordSet
    let domainEndings: WordSet
    let exclamationNames: WordSet
    let timeZones: WordSet
    let gluedPrefixes: WordSet
    let gluedWords: WordSet
    let emoticons: WordSet
    let captionLabels: WordSet
    let closings: WordSet
    let ordinalBefore: WordSet
    let ordinalMaxDigits: Int
    let endBeforeLowerCase: Bool
    /// Bullets as UTF-8 byte strings, longest first.
    let bullets: [[UInt8]]
    /// Which bytes the scanner must look at (see `BoundaryScanner.Interest`); the rest of the
    /// text is skipped with one table load per byte.
    let interest: [UInt8]
    let minWordsBeforeAbbreviation: Int
    let maxEnclosureBytes: Int
    let minGluedHeadLetters: Int

    init(_ rules: SplitterRules) {
        let a = rules.abbreviations
        prepositive = WordSet(a.prepositive)
        numeric = WordSet(a.numeric)
        general = WordSet(a.general)
        units = WordSet(a.units)
        neverFinal = WordSet(a.neverFinal)
        time = WordSet(a.time)
        sentenceStarters = WordSet(rules.sentenceStarters, caseInsensitive: false)
        domainEndings = WordSet(rules.domainEndings)
        timeZones = WordSet(rules.timeZones, caseInsensitive: false)
        exclamationNames = WordSet(rules.exclamationNames.compactMap { $0.split(separator: " ").last.map(String.init) })
        gluedPrefixes = WordSet(rules.gluedWords.prefixes)
        gluedWords = WordSet(rules.gluedWords.words, caseInsensitive: false)
        emoticons = WordSet(rules.emoticons, caseInsensitive: false)
        captionLabels = WordSet(rules.captionLabels, caseInsensitive: false)
        closings = WordSet(rules.closings)
        ordinalBefore = WordSet(rules.ordinals.before, caseInsensitive: false)
        ordinalMaxDigits = rules.ordinals.maxDigits
        endBeforeLowerCase = rules.boundaries.endBeforeLowerCase
        bullets = rules.bullets.map { Array($0.utf8) }.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        var table = [UInt8](repeating: 0, count: 256)
        for c in [SplitterBytes.period, SplitterBytes.exclamation, SplitterBytes.question] { table[Int(c)] |= BoundaryScanner.Interest.terminal }
        for c in [SplitterBytes.newline, SplitterBytes.carriageReturn] { table[Int(c)] |= BoundaryScanner.Interest.newline }
        for c in UInt8(0x41)...UInt8(0x5A) { table[Int(c)] |= BoundaryScanner.Interest.upper }
        // U+2026 ellipsis, the bullets, CJK and fullwidth full stops (。 ！ ？ ．), URLs ("://")
        // and the comma of a closing ("Thanks, Anne").
        table[0xE2] |= BoundaryScanner.Interest.special
        table[0xE3] |= BoundaryScanner.Interest.special
        table[0xEF] |= BoundaryScanner.Interest.special
        table[Int(UInt8(ascii: ":"))] |= BoundaryScanner.Interest.special
        if !closings.isEmpty { table[Int(UInt8(ascii: ","))] |= BoundaryScanner.Interest.special }
        for bullet in bullets { table[Int(bullet[0])] |= BoundaryScanner.Interest.special }
        interest = table
        minWordsBeforeAbbreviation = rules.boundaries.minWordsBeforeAbbreviation
        maxEnclosureBytes = rules.boundaries.maxEnclosureBytes
        minGluedHeadLetters = rules.gluedWords.minHeadLetters
    }

    /// Whether the word is an abbreviation of any kind (a glued or missing-space split must not
    /// cut "St.Louis" or "Ph.D").
    func isAbbreviation(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        prepositive.contains(text, from, to) || numeric.contains(text, from, to)
            || general.contains(text, from, to) || neverFinal.contains(text, from, to)
            || time.contains(text, from, to)
    }
}
