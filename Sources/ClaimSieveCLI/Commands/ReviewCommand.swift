import ArgumentParser
import ClaimSieveCore
import ClaimSieveReports
import ClaimSieveState
import Foundation

/// `claimsieve review`: an editor's decisions on claims, kept in the run state so that the next
/// night's report shows them (and `claims.jsonl` carries them as `review`).
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Records an editor's decision on claims, lists, imports or exports decisions.",
        discussion: """
        claimsieve review --reports ROOT CLAIM_ID... --verdict confirmed|attributed|unverified|false [--note TEXT] [--by NAME]
        claimsieve review --reports ROOT --group GROUP_ID --verdict ...   (every claim of a group across documents)
        claimsieve review --reports ROOT --list | --export [--claim-review] [--verdict V] [--by NAME] [--doc DOC]
        claimsieve review --reports ROOT --import FILE.jsonl

        Decisions live in the state (ROOT/state.sqlite, or --state FILE), survive every later run \
        (--full too) and follow their claim while its text is unchanged; a claim whose text changed \
        after review is flagged in the report for another look. A claim id is found among the \
        claims the state holds; when two documents share it, name one with --doc. A group id is the \
        `corroboration.group` of claims.jsonl, read from ROOT/latest/claims.jsonl (or --claims FILE).
        --export writes one JSON line per decision (the form --import reads); --claim-review writes \
        them as schema.org ClaimReview JSON-LD instead. With --list or --export, --verdict, --by and \
        --doc choose which decisions are shown (e.g. every `false` of one editor); --note has no \
        meaning there and is refused rather than ignored.
        """
    )

    @Argument(help: "Claim ids (the `id` of claims.jsonl) to record the decision on.")
    var claims: [String] = []

    @Option(name: .long, help: "The report root whose state holds the claims (ROOT/state.sqlite).")
    var reports: String?

    @Option(name: .long, help: "The SQLite state file, instead of --reports.")
    var state: String?

    @Option(name: .long, help: StateJournalOption.help)
    var stateJournal: String?

    @Option(name: .long, help: "The decision: confirmed, attributed, unverified or false (with --list or --export: show only these).")
    var verdict: String?

    @Option(name: .long, help: "Why, in a few words.")
    var note: String?

    @Option(name: .long, help: "Who decided (with --list or --export: show only this editor's decisions).")
    var by: String?

    @Option(name: .long, help: "Only the claim of this document (its `doc`), when an id is in several (with --list or --export: only this document's decisions).")
    var doc: String?

    @Option(name: .long, help: "Every claim of this group across documents (`corroboration.group`).")
    var group: String?

    @Option(name: .customLong("claims"), help: "The claims.jsonl to find --group in (default: ROOT/latest/claims.jsonl).")
    var claimsFile: String?

    @Flag(name: .long, help: "List the decisions, one a line, tab-separated: claim id, decision, when, by whom, document, the claim's text as reviewed, note.")
    var list = false

    @Flag(name: .long, help: "Write every decision as a JSON line on standard output.")
    var export = false

    @Flag(name: .long, help: "With --export: schema.org ClaimReview JSON-LD instead of JSON lines.")
    var claimReview = false

    @Option(name: .customLong("import"), help: "Record the decisions of a JSON Lines file ({\"id\",\"doc\"?,\"verdict\",\"note\"?,\"by\"?,\"at\"?} per line).")
    var importFile: String?

    func validate() throws {
        if reports == nil && state == nil { throw ValidationError("say which state: --reports ROOT or --state FILE") }
        let modes = [list, export, importFile != nil, !claims.isEmpty || group != nil].filter { $0 }.count
        if modes != 1 { throw ValidationError("give claim ids (or --group), or one of --list, --export, --import") }
        if !claims.isEmpty || group != nil {
            guard verdict != nil else { throw ValidationError("--verdict is required: \(ReviewVerdict.allCases.map(\.rawValue).joined(separator: ", "))") }
        }
        if let verdict, ReviewVerdict(rawValue: verdict) == nil {
            throw ValidationError("--verdict must be one of \(ReviewVerdict.allCases.map(\.rawValue).joined(separator: ", ")); found '\(verdict)'")
        }
        // An option that would be silently ignored is refused: an operator who typed it meant something.
        if list || export {
            if note != nil { throw ValidationError("--note records a decision; it has no meaning with --list or --export") }
            if group != nil || claimsFile != nil { throw ValidationError("--group and --claims record a decision; with --list or --export use --verdict, --by or --doc") }
        }
        if importFile != nil, verdict != nil || note != nil || by != nil || doc != nil || claimsFile != nil {
            throw ValidationError("--import takes each decision's verdict, note, by and doc from its file; give none of --verdict, --note, --by, --doc, --claims")
        }
        if claimReview && !export { throw ValidationError("--claim-review goes with --export") }
    }

    func run() throws {
        let statePath = state ?? reports.map { $0 + "/state.sqlite" } ?? ""
        guard FileManager.default.fileExists(atPath: statePath) else {
            throw fail(.noInput, "no state at \(statePath): run `claimsieve run --reports ROOT` first")
        }
        let journal: StateJournal?
        switch StateJournalOption.resolve(stateJournal) {
        case .success(let value): journal = value
        case .failure(let error): throw fail(.usage, error.description)
        }
        let store: StateStore
        do {
            // Decisions are an editor's work, not recomputed by the next run: every commit is
            // synced (synchronous=FULL) whatever the journal.
            store = try StateStore(path: statePath, journal: journal, syncEveryCommit: true)
        } catch let busy as StateBusy {
            throw fail(.locked, busy.description)
        } catch {
            throw fail(.outputNotWritable, "cannot open the state \(statePath): \(error)")
        }
        if list || export { return try show(store) }
        if let importFile { return try importDecisions(importFile, into: store) }
        let review = Review(verdict: ReviewVerdict(rawValue: verdict!)!, note: note, by: by, at: Self.now())
        var targets: [(doc: String, id: String)] = claims.map { (doc: doc ?? "", id: $0) }
        if let group { targets += try members(of: group) }
        var decisions: [ReviewBook.Decision] = []
        for target in targets {
            let found = try store.presentClaims(id: target.id, doc: target.doc.isEmpty ? nil : target.doc)
            guard !found.isEmpty else {
                throw fail(.noInput, "no claim \(target.id)\(target.doc.isEmpty ? "" : " in \(target.doc)") in the state \(statePath)")
            }
            guard found.count == 1 else {
                throw fail(.usage, "claim \(target.id) is in \(found.count) documents (\(found.map(\.doc).joined(separator: ", "))): name one with --doc")
            }
            decisions.append(Self.decision(found[0], review: review))
        }
        try store.recordDecisions(decisions)
        printError("claimsieve: \(decisions.count) decision\(decisions.count == 1 ? "" : "s") recorded (\(review.verdict.rawValue)) in \(statePath)")
    }

    static func decision(_ claim: StateStore.StoredClaim, review: Review) -> ReviewBook.Decision {
        ReviewBook.Decision(claim: claim.record.id, doc: claim.doc, text: claim.record.text,
                            block: claim.record.block, sentence: claim.record.sentence, review: review)
    }

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    /// The claims of a group, from the latest report's claims.jsonl.
    private func members(of group: String) throws -> [(doc: String, id: String)] {
        let path = claimsFile ?? reports.map { $0 + "/latest/claims.jsonl" } ?? ""
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fail(.noInput, "cannot read \(path) to find group \(group): give --claims FILE")
        }
        var found: [(doc: String, id: String)] = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let record = try? ClaimRecord(jsonLine: Data(line)), record.corroboration?.group == group else { continue }
            found.append((doc: record.doc, id: record.id))
        }
        guard !found.isEmpty else { throw fail(.noInput, "no group \(group) in \(path)") }
        return found
    }

    private func show(_ store: StateStore) throws {
        let wanted = verdict.flatMap(ReviewVerdict.init(rawValue:))
        let decisions = try store.reviewDecisions().filter { decision in
            (wanted == nil || decision.review.verdict == wanted) && (by == nil || decision.review.by == by)
                && (doc == nil || decision.doc == doc)
        }
        let out = FileHandleOutput()
        defer { out.flush() }
        if list {
            for decision in decisions {
                let review = decision.review
                out.write("\(decision.claim)\t\(review.verdict.rawValue)\t\(review.at)\t\(review.by ?? "")\t\(decision.doc)\t\(decision.text)\(review.note.map { "\t" + $0 } ?? "")\n")
            }
            if decisions.isEmpty {
                printError(wanted == nil && by == nil && doc == nil ? "claimsieve: no decisions recorded" : "claimsieve: no decisions recorded that match --verdict, --by or --doc")
            }
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if claimReview {
            var reviews: [[String: Any]] = []
            for decision in decisions {
                let url = try store.presentClaims(id: decision.claim, doc: decision.doc).first?.record.url
                reviews.append(Self.claimReview(decision, url: url))
            }
            let data = try JSONSerialization.data(withJSONObject: reviews, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            out.write(String(decoding: data, as: UTF8.self) + "\n")
            return
        }
        for decision in decisions {
            let line = ExportedDecision(id: decision.claim, doc: decision.doc, text: decision.text, block: decision.block,
                                        sentence: decision.sentence, verdict: decision.review.verdict, note: decision.review.note,
                                        by: decision.review.by, at: decision.review.at)
            out.write(String(decoding: try encoder.encode(line), as: UTF8.self) + "\n")
        }
    }

    /// A decision as schema.org `ClaimReview`: the rating 1 (false) to 4 (confirmed), named.
    static func claimReview(_ decision: ReviewBook.Decision, url: String?) -> [String: Any] {
        let ratings: [ReviewVerdict: Int] = [.false: 1, .unverified: 2, .attributed: 3, .confirmed: 4]
        var claim: [String: Any] = ["@type": "Claim"]
        if let url { claim["appearance"] = ["@type": "CreativeWork", "url": url] }
        var review: [String: Any] = [
            "@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": decision.text,
            "datePublished": decision.review.at, "itemReviewed": claim,
            "reviewRating": ["@type": "Rating", "ratingValue": ratings[decision.review.verdict] ?? 2, "worstRating": 1,
                             "bestRating": 4, "alternateName": decision.review.verdict.rawValue] as [String: Any],
        ]
        if let url { review["url"] = url }
        if let by = decision.review.by { review["author"] = ["@type": "Person", "name": by] }
        if let note = decision.review.note { review["reviewBody"] = note }
        return review
    }

    /// One line of `--export` and `--import`.
    struct ExportedDecision: Codable {
        var id: String
        var doc: String?
        var text: String?
        var block: Int?
        var sentence: Int?
        var verdict: ReviewVerdict
        var note: String?
        var by: String?
        var at: String?
    }

    private func importDecisions(_ path: String, into store: StateStore) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fail(.noInput, "cannot read \(path): \(PathProblem.unreadable(path))")
        }
        var decisions: [ReviewBook.Decision] = []
        var missing: [String] = []
        for (number, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() where !line.allSatisfy({ $0 == 32 || $0 == 13 }) {
            let entry: ExportedDecision
            do {
                entry = try JSONDecoder().decode(ExportedDecision.self, from: Data(line))
            } catch {
                throw fail(.usage, "\(path):\(number + 1): not a decision ({\"id\", \"verdict\", ...}): \(error)")
            }
            let review = Review(verdict: entry.verdict, note: entry.note, by: entry.by, at: entry.at ?? Self.now())
            let found = try store.presentClaims(id: entry.id, doc: entry.doc)
            if found.count == 1 {
                decisions.append(Self.decision(found[0], review: review))
            } else if let doc = entry.doc, let text = entry.text, found.isEmpty {
                // Exported from another state, or the claim is not present tonight: kept as given.
                decisions.append(ReviewBook.Decision(claim: entry.id, doc: doc, text: text, block: entry.block ?? 0,
                                                     sentence: entry.sentence ?? 0, review: review))
            } else {
                missing.append("\(path):\(number + 1): \(found.isEmpty ? "no claim \(entry.id) in the state" : "claim \(entry.id) is in several documents: give \"doc\"")")
            }
        }
        if !missing.isEmpty { throw fail(.noInput, missing.joined(separator: "\n")) }
        try store.recordDecisions(decisions)
        printError("claimsieve: \(decisions.count) decisions imported from \(path)")
    }
}
