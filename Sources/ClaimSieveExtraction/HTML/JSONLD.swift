import Foundation

/// The facts a page states about its article in JSON-LD (schema.org `NewsArticle` and kin).
struct JSONLDArticle {
    /// JSON-LD bytes read per page at most (real pages carry a few kB); beyond it, scripts are ignored.
    static let maximumBytes = 1_000_000

    var headline: String?
    var articleBody: String?
    var datePublished: String?
    var author: String?
    var publisher: String?
    var language: String?
    var url: String?

    /// Reads every JSON-LD script and keeps the first article-like object's fields.
    init(scripts: [String]) {
        for script in scripts {
            guard let data = script.data(using: .utf8),
                  let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { continue }
            var queue: [Any] = [value]
            var visited = 0
            while !queue.isEmpty, visited < 200 {
                let item = queue.removeFirst()
                visited += 1
                if let array = item as? [Any] { queue.append(contentsOf: array); continue }
                guard let object = item as? [String: Any] else { continue }
                if let graph = object["@graph"] { queue.append(graph) }
                if let main = object["mainEntity"] { queue.append(main) }
                guard Self.isArticle(object["@type"]) else { continue }
                headline = headline ?? Self.string(object["headline"]) ?? Self.string(object["name"])
                articleBody = articleBody ?? Self.string(object["articleBody"]) ?? Self.string(object["text"])
                datePublished = datePublished ?? Self.string(object["datePublished"]) ?? Self.string(object["dateCreated"])
                author = author ?? Self.names(object["author"]) ?? Self.names(object["creator"])
                publisher = publisher ?? Self.names(object["publisher"])
                language = language ?? Self.string(object["inLanguage"])
                url = url ?? Self.string(object["url"])
            }
        }
    }

    private static func isArticle(_ type: Any?) -> Bool {
        let types: [String]
        if let single = type as? String { types = [single] } else { types = (type as? [Any])?.compactMap { $0 as? String } ?? [] }
        return types.contains { $0.hasSuffix("Article") || $0 == "BlogPosting" || $0 == "Report" || $0 == "LiveBlogPosting" }
    }

    private static func string(_ value: Any?) -> String? {
        if let text = value as? String {
            let trimmed = Trim.whitespaceAndNewlines(text)
            return trimmed.isEmpty ? nil : trimmed
        }
        if let array = value as? [Any] { return array.lazy.compactMap { string($0) }.first }
        return nil
    }

    private static func names(_ value: Any?) -> String? {
        if let text = string(value) { return text }
        if let object = value as? [String: Any] { return string(object["name"]) }
        if let array = value as? [Any] {
            let all = array.compactMap { names($0) }
            return all.isEmpty ? nil : all.joined(separator: ", ")
        }
        return nil
    }
}
