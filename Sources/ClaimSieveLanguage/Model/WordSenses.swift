import ClaimSieveCore
import Foundation

/// WordNet's supersenses (lexicographer files: verb.communication, verb.cognition, noun.feeling,
/// ...) of English word forms, read from `pipelines/lexicons/en-wordnet.tsv`
/// (`scripts/wordnet-classes.py`) for the attribution model's feature set 6.
///
/// Why: PolNeAR train holds a position or deed verb ("pledged", "demanded", "insists") a handful
/// of times, so the model learns little from its own word; WordNet files it with the common verbs
/// of its kind ("said", "told": verb.communication), a general signal no training text has to
/// repeat. `claimsieve train` reads the file once and copies it into the model file with the word
/// classes (`WordClusters.adding(senses:)`), so tagging reads no extra file and never builds a
/// `String` per token.
public struct WordSenses: Sendable, Equatable {
    /// Word hashes (`ByteTokenizer.Token.hash`), sorted.
    public private(set) var words: [UInt32]
    /// `code` of each word: the first supersense (WordNet's file number, 3 to 43) in bits 0-5, the
    /// second (0: none) in bits 6-11, and `verbKind` of the two in bits 12-14.
    public private(set) var codes: [UInt32]

    /// The file's name under the data folders (`DataFiles`).
    public static let defaultName = "lexicons/en-wordnet.tsv"
    /// WordNet's file numbers of the verb supersenses a reporting or position verb is filed under.
    static let cognition: UInt32 = 31, communication: UInt32 = 32, emotion: UInt32 = 37, social: UInt32 = 41

    /// The built-in file (`DataFiles`), read once; empty when it is not found (the CLI refuses
    /// that case itself, naming the file).
    public static let builtIn: WordSenses = {
        guard let path = DataFiles.locate(defaultName), let senses = try? load(path: path) else {
            return WordSenses(words: [], codes: [])
        }
        return senses
    }()

    public init(words: [UInt32], codes: [UInt32]) {
        self.words = words
        self.codes = codes
    }

    /// The code of one form's supersenses (most likely first).
    static func code(_ senses: [UInt32]) -> UInt32 {
        let first = senses.first ?? 0
        let second = senses.count > 1 ? senses[1] : 0
        return first | second << 6 | verbKind(senses) << 12
    }

    /// 1 to 4 when the form's first verb supersense is cognition, communication, emotion or social
    /// (what believing, saying, wanting and pledging are filed under); 0 otherwise.
    static func verbKind(_ senses: [UInt32]) -> UInt32 {
        guard let verb = senses.first(where: { (29...43).contains($0) }) else { return 0 }
        switch verb {
        case cognition: return 1
        case communication: return 2
        case emotion: return 3
        case social: return 4
        default: return 0
        }
    }

    /// The code of a word hash, or 0 when the table does not hold it (a linear search: tests only;
    /// the tagger looks words up in the model's merged table).
    func code(of word: UInt32) -> UInt32 {
        var low = 0, high = words.count
        while low < high {
            let middle = (low + high) / 2
            if words[middle] < word { low = middle + 1 } else { high = middle }
        }
        return low < words.count && words[low] == word ? codes[low] : 0
    }

    /// The hash the tagger gives `form` when it is one word token, else nil.
    static func hash(_ form: Substring) -> UInt32? {
        var tokens: [ByteTokenizer.Token] = []
        var text = String(form)
        _ = text.withUTF8 { ByteTokenizer.tokenize($0, vocabulary: Vocabulary(), tokens: &tokens) }
        guard tokens.count == 1, tokens[0].kind == .word else { return nil }
        return tokens[0].hash
    }

    /// Reads the file's lines "form<TAB>n[,n]": comments (#) and blank lines skipped; a line that is
    /// not of that shape is an error naming the file and line. Two forms of one hash keep the first
    /// in file order (the file is sorted), so the same file gives the same table.
    public static func load(path: String) throws -> WordSenses {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelFileError(file: path, message: "cannot read the word senses file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    static func parse(_ text: String, file: String) throws -> WordSenses {
        var table: [UInt32: UInt32] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t")
            let senses = fields.count == 2 ? fields[1].split(separator: ",").compactMap { UInt32($0) } : []
            guard fields.count == 2, !senses.isEmpty, senses.count <= 2, senses.allSatisfy({ (3...43).contains($0) }) else {
                throw ModelFileError(file: file, message: "line \(number + 1): expected form<TAB>supersense[,supersense] (3 to 43)")
            }
            guard let hash = hash(fields[0]), table[hash] == nil else { continue }
            table[hash] = code(senses)
        }
        let words = table.keys.sorted()
        return WordSenses(words: words, codes: words.map { table[$0]! })
    }
}
