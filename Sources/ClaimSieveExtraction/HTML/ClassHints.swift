/// Reads what a page's own class, id and role names say about an element.
///
/// Site templates name their boilerplate in every language the same way (`share`, `related`,
/// `newsletter`, `comment`, `sidebar`...), which makes these names the strongest general signal
/// for telling article text from page furniture.
enum ClassHints {
    struct Verdict {
        /// Readability-style weight: +25 for article-like names, -25 for boilerplate-like names.
        var weight: Int = 0
        /// Names that are almost never article text (removed before scoring on the first attempt).
        var unlikely = false
        /// Hidden from readers (`hidden`, `display:none`, ARIA roles of page furniture).
        var hidden = false
        /// A caption or photo credit: kept, but as a caption block, never as article text.
        var caption = false
        /// `itemprop="articleBody"` or similar explicit body markers.
        var articleBody = false
    }

    private static let positive = ["article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog", "story"]
    private static let negative = [
        "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "footnote", "gdpr", "masthead", "media",
        "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor",
        "shopping", "tags", "tool", "widget", "newsletter", "subscri", "cookie", "social", "taboola", "recommend",
        "byline", "author", "breadcrumb", "popup", "modal", "signup", "trending", "most-popular", "mostpopular", "nav",
        "more-news", "more-stories", "morestories", "read-more", "readmore", "also-read", "excerpt", "teaser", "dateline",
        "timestamp", "slideshow", "gallery", "donate", "credit",
    ]
    private static let unlikelyNames = [
        "-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap", "disqus", "extra",
        "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar",
        "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
        "yom-remote", "share", "newsletter", "promo", "cookie", "subscribe", "outbrain", "taboola", "recommend",
        "trending", "signup", "most-popular", "mostpopular", "nav", "more-news", "more-stories", "morestories",
        "read-more", "readmore", "also-read", "donate",
    ]
    private static let maybeNames = ["and", "article", "body", "column", "content", "main", "shadow"]
    private static let adTokens: Set<String> = ["ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "dfp", "adslot", "adunit", "sr", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text"]
    private static let furnitureRoles: Set<String> = ["navigation", "complementary", "banner", "contentinfo", "dialog", "alert", "alertdialog", "menu", "menubar", "search", "toolbar"]

    static func read(_ node: NodePointer) -> Verdict {
        var verdict = Verdict()
        var names = ""
        var attribute = node.pointee.properties
        while let current = attribute {
            defer { attribute = current.pointee.next }
            guard let name = current.pointee.name else { continue }
            if NodeAccess.equals(name, "class") || NodeAccess.equals(name, "id") {
                names += " " + NodeAccess.attributeValue(current).lowercased()
            } else if NodeAccess.equals(name, "hidden") {
                verdict.hidden = true
            } else if NodeAccess.equals(name, "style") {
                let style = NodeAccess.attributeValue(current).lowercased().filter { $0 != " " }
                if style.contains("display:none") || style.contains("visibility:hidden") { verdict.hidden = true }
            } else if NodeAccess.equals(name, "role") {
                if furnitureRoles.contains(NodeAccess.attributeValue(current).lowercased()) { verdict.hidden = true }
            } else if NodeAccess.equals(name, "itemprop") {
                let value = NodeAccess.attributeValue(current).lowercased()
                if value == "articlebody" { verdict.articleBody = true; verdict.weight += 25 }
            } else if NodeAccess.equals(name, "aria-hidden") {
                // Decorative only; screen-reader-hidden article text is rare but icons are common.
            }
        }
        guard !names.isEmpty else { return verdict }
        if names.contains("articlebody") || names.contains("article-body") || names.contains("article__body")
            || names.contains("story-body") || names.contains("entry-content") || names.contains("post-content") {
            verdict.articleBody = true
        }
        if names.contains("caption") || names.contains("credit") { verdict.caption = true }
        if negative.contains(where: { names.contains($0) }) { verdict.weight -= 25 }
        if positive.contains(where: { names.contains($0) }) { verdict.weight += 25 }
        let tokens = names.split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" || $0 == "\t" })
        if tokens.contains(where: { adTokens.contains(String($0)) }) || names.split(separator: " ").contains(where: { adTokens.contains(String($0)) }) {
            verdict.weight -= 25
            verdict.unlikely = true
            if names.contains("sr-only") || names.contains("visually-hidden") || names.contains("screen-reader") { verdict.hidden = true }
        }
        if !verdict.unlikely, unlikelyNames.contains(where: { names.contains($0) }), !maybeNames.contains(where: { names.contains($0) }) {
            verdict.unlikely = true
        }
        return verdict
    }
}
