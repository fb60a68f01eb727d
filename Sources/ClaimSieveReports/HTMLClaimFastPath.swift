/// `html-claim.mustache` rendered without the template engine, for speed: swift-mustache looks
/// every name up through dynamic casts and spent about 0.4 ms a claim, which at 70,000 claims
/// made the end of a run ten times longer. This writes the same bytes from the same context.
///
/// It is used only while the loaded `html-claim` template is exactly the shipped one (`shippedHash`
/// is the FNV-1a hash of its text): an edited or overriding template is always rendered by the
/// engine. `ReportViewTests` checks that the shipped file has this hash and that both ways give
/// the same bytes on claims of every kind; change the template, then this, then the hash.
enum HTMLClaimFastPath {
    static let shippedHash: UInt64 = 0x2181_E152_D1F4_AB13

    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    static func render(_ c: [String: Any]) -> String {
        func s(_ key: String, in d: [String: Any] = c) -> String {
            guard let value = d[key] else { return "" }
            if let text = value as? String { return HTMLText.escape(text) }
            return HTMLText.escape("\(value)")
        }
        func on(_ key: String, in d: [String: Any] = c) -> Bool {
            guard let value = d[key] else { return false }
            if let flag = value as? Bool { return flag }
            return true
        }
        var o = "<li class=\"claim \(s("verdict"))\" id=\"\(s("anchor"))\" data-id=\"\(s("id"))\" data-v=\"\(s("verdict"))\" data-c=\"\(s("cueCategories"))\" data-d=\"\(s("docIndex"))\" data-p=\"\(s("publisherIndex"))\" data-b=\"\(s("block0"))\" data-s=\"\(s("sentence0"))\" data-sc=\"\(s("score"))\" data-n=\"\(s("change"))\" data-x=\"\(on("contested") ? "1" : "")\" data-r=\"\(s("reviewState"))\" data-g=\"\(s("group"))\"><details><summary><span class=\"text\">\(c["highlighted"] as? String ?? "")</span>\n"
        o += "<span class=\"badge \(s("verdict"))\">\(s("verdictLabel"))</span>"
        if on("kind") { o += " <span class=\"badge kind\">\(s("kind"))</span>" }
        if on("change") {
            o += " <span class=\"badge change\">\(s("change"))"
            if on("previousVerdict") { o += ", was \(s("previousVerdict"))" }
            o += "</span>"
        }
        let review = c["review"] as? [String: Any]
        if let review {
            let stale = on("stale", in: review)
            o += " <span class=\"badge review\(stale ? " stale" : "")\">\(stale ? "text changed since review: " : "")reviewed \(s("verdict", in: review))</span>"
        }
        let corroboration = c["corroboration"] as? [String: Any]
        if let corroboration {
            o += " <span class=\"badge group\">in \(s("others", in: corroboration)) other document\(on("othersPlural", in: corroboration) ? "s" : "")</span>"
            if on("contradicted", in: corroboration) { o += " <span class=\"badge contradicted\">contradicted</span>" }
        }
        o += "\n<span class=\"where\">"
        let url = on("url")
        if url { o += "<a href=\"\(s("url"))\" rel=\"noopener noreferrer\">" }
        o += s("docTitle")
        if url { o += "</a>" }
        if on("publisher") { o += " · \(s("publisher"))" }
        o += " · <a href=\"#d\(s("docIndex"))\">paragraph \(s("paragraph")), sentence \(s("sentence"))</a></span></summary>\n<div class=\"more\">\n"
        o += "<p class=\"para\" aria-label=\"Paragraph \(s("paragraph"))\"></p>\n<ul class=\"reasons\">"
        for reason in c["reasons"] as? [[String: Any]] ?? [] {
            if on("cue", in: reason) {
                o += "<li>Cue <mark class=\"cue\">\(s("text", in: reason))</mark>: \(s("category", in: reason))\(on("learned", in: reason) ? " (found by a learned model)" : "")</li>"
            }
            if on("speaker", in: reason) {
                o += "<li>Speaker: \(s("text", in: reason)) (\(on("named", in: reason) ? "named" : "not named"))</li>"
            }
            if on("context", in: reason) { o += "<li>Context: \(s("text", in: reason))</li>" }
        }
        if on("noReasons") { o += "<li>No cue and no speaker: stated as fact.</li>" }
        if let corroboration {
            o += "<li>Also in \(s("others", in: corroboration)) other document\(on("othersPlural", in: corroboration) ? "s" : "") (\(s("sources", in: corroboration)) independent source\(on("sourcesPlural", in: corroboration) ? "s" : ""))\(on("contradicted", in: corroboration) ? ", and one of them denies it" : "").</li>"
        }
        o += "</ul>\n<p class=\"score\">\(s("scoreWords"))</p>\n"
        if let review {
            o += "<p class=\"review\">Editor's decision: <strong>\(s("verdict", in: review))</strong>"
            if on("by", in: review) { o += " by \(s("by", in: review))" }
            o += " on \(s("at", in: review))"
            if on("note", in: review) { o += ": “\(s("note", in: review))”" }
            o += "."
            if on("stale", in: review) { o += " The text changed since; it read: “\(s("reviewedText", in: review))”." }
            o += "</p>"
        }
        o += "\n<p class=\"id\">Claim <code>\(s("id"))</code> · <code>\(s("doc"))</code></p>\n</div></details></li>\n"
        return o
    }
}
