import CLibXML2
import Foundation

/// What a page's `<head>` (and the `<html>` element) says about the article: `<title>`, Open
/// Graph and Dublin Core meta tags, `rel=canonical`, the language.
struct HeadMetadata {
    var title: String?
    var ogTitle: String?
    var author: String?
    var published: String?
    var siteName: String?
    var canonical: String?
    var ogURL: String?
    var language: String?
    /// The raw text of every `<script type="application/ld+json">`, wherever it sits.
    var jsonLD: [String] = []

    init(root: NodePointer) {
        language = NodeAccess.attribute(root, "lang") ?? NodeAccess.attribute(root, "xml:lang")
        // Meta tags can sit in <head> or anywhere in <body>; walk the whole tree without recursion
        // but skip the text-heavy parts quickly: only element nodes are looked at.
        var node: NodePointer? = root
        while let current = node {
            var descend = true
            if current.pointee.type == XML_ELEMENT_NODE, let name = current.pointee.name {
                if NodeAccess.equals(name, "meta") {
                    read(meta: current)
                    descend = false
                } else if NodeAccess.equals(name, "link") {
                    if let rel = NodeAccess.attribute(current, "rel")?.lowercased(), rel == "canonical" {
                        canonical = canonical ?? nonEmpty(NodeAccess.attribute(current, "href"))
                    }
                    descend = false
                } else if NodeAccess.equals(name, "title") {
                    if title == nil { title = nonEmpty(NodeAccess.text(current)) }
                    descend = false
                } else if NodeAccess.equals(name, "script") {
                    if let kind = NodeAccess.attribute(current, "type"), kind.lowercased().contains("ld+json") {
                        jsonLD.append(NodeAccess.text(current))
                    }
                    descend = false
                } else if NodeAccess.equals(name, "style") || NodeAccess.equals(name, "svg") {
                    descend = false
                }
            } else {
                descend = false
            }
            if descend, let child = current.pointee.children {
                node = child
                continue
            }
            var climb: NodePointer? = current
            node = nil
            while let up = climb, up != root {
                if let next = up.pointee.next { node = next; break }
                climb = up.pointee.parent
            }
        }
    }

    private mutating func read(meta: NodePointer) {
        let key = (NodeAccess.attribute(meta, "property") ?? NodeAccess.attribute(meta, "name")
            ?? NodeAccess.attribute(meta, "itemprop") ?? NodeAccess.attribute(meta, "http-equiv"))?.lowercased()
        guard let key, let content = nonEmpty(NodeAccess.attribute(meta, "content")) else { return }
        switch key {
        case "og:title", "twitter:title": ogTitle = ogTitle ?? content
        case "author", "article:author", "byl", "dc.creator", "sailthru.author", "parsely-author":
            if !content.hasPrefix("http") { author = author ?? content }
        case "article:published_time", "pubdate", "publishdate", "date", "dc.date.issued", "dc.date", "datepublished",
             "og:published_time", "sailthru.date", "parsely-pub-date", "publish-date", "article.published", "dcterms.created":
            published = published ?? content
        case "og:site_name", "application-name", "publisher": siteName = siteName ?? content
        case "og:url": ogURL = ogURL ?? content
        case "content-language", "og:locale", "language", "dc.language": language = language ?? content
        default: break
        }
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// `<title>` without the site name the page appends or prepends ("Story - Site", "Site | Story").
    static func stripSiteName(_ title: String, siteName: String?) -> String {
        let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " : "]
        for separator in separators where title.contains(separator) {
            let parts = title.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }
            if let site = siteName?.lowercased(), let first = parts.first, let last = parts.last {
                if last.lowercased() == site || site.contains(last.lowercased()) { return parts.dropLast().joined(separator: separator) }
                if first.lowercased() == site || site.contains(first.lowercased()) { return parts.dropFirst().joined(separator: separator) }
            }
            // Without a site name, the longest part is the headline when it is clearly longer.
            if let longest = parts.max(by: { $0.count < $1.count }), longest.split(separator: " ").count >= 4 { return longest }
        }
        return title
    }
}
