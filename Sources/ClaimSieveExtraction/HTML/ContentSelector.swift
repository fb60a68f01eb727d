import Foundation

/// Chooses the element(s) holding the article in a `PageIndex`.
///
/// Readability's scoring, on byte measures: every paragraph-like element gives points (one, plus
/// its commas, plus its length in hundreds of characters up to three) to its five nearest
/// ancestors with decreasing share; an ancestor's score is then discounted by its link density.
/// The best ancestor wins, its siblings join when they score close or read as prose, and an
/// explicit `articleBody` container of enough text is trusted over the scores.
enum ContentSelector {
    static func select(_ index: inout PageIndex) -> [Int] {
        let count = index.nodes.count
        guard count > 0 else { return [] }
        var candidates: [Int] = []

        for position in 0..<count {
            let node = index.nodes[position]
            guard node.tag != .text, !node.isRemoved, node.inlineLength >= 25, scoresAsParagraph(node.tag) else { continue }
            let contribution = 1.0 + Double(node.inlineCommas) + min(Double(node.inlineLength) / 100.0, 3.0)
            var ancestor = Int(node.parent)
            var level = 0
            // A block that owns text directly scores itself too (a div used as a paragraph).
            if node.tag == .div || node.tag == .section || node.tag == .article || node.tag == .td || node.tag == .blockquote {
                initialise(&index.nodes[position], &candidates, position)
                index.nodes[position].score += contribution
            }
            while ancestor >= 0 && level < 5 {
                if index.nodes[ancestor].tag != .other || level == 0 {
                    initialise(&index.nodes[ancestor], &candidates, ancestor)
                    let divider = level == 0 ? 1.0 : (level == 1 ? 2.0 : Double(level) * 3.0)
                    index.nodes[ancestor].score += contribution / divider
                }
                ancestor = Int(index.nodes[ancestor].parent)
                level += 1
            }
        }

        var best = -1
        var bestScore = -Double.infinity
        for candidate in candidates {
            let node = index.nodes[candidate]
            let score = node.score * (1 - node.linkDensity)
            index.nodes[candidate].score = score
            if score > bestScore { bestScore = score; best = candidate }
        }
        guard best >= 0 else { return [Int(index.nodes.firstIndex { $0.tag == .body }.map { $0 } ?? 0)] }

        // An article split over several containers (how-to steps, wiki sections, a post in parts)
        // gives several candidates that score almost as well as the winner; their common ancestor is
        // the article (Readability's "alternative candidates").
        best = commonAncestorOfRivals(index, best: best, candidates: candidates)
        best = betterScoringAncestor(index, best: best)

        // An explicit article-body container holding most of the winner's prose is the better root.
        if let explicit = explicitBody(index, around: best) { best = explicit }

        // Climb while the parent holds little more than the winner (wrapper divs).
        var top = best
        while true {
            let parent = Int(index.nodes[top].parent)
            guard parent >= 0, index.nodes[parent].tag != .body, index.nodes[parent].tag != .html else { break }
            let own = Double(index.nodes[top].textLength - index.nodes[top].linkLength)
            let theirs = Double(index.nodes[parent].textLength - index.nodes[parent].linkLength)
            if theirs <= own * 1.05 + 10 { top = parent } else { break }
        }

        // The winner and the wrappers above it are kept whole by the writer's furniture filters.
        var path = best
        while path >= 0 {
            index.nodes[path].isProtected = true
            if path == top { break }
            path = Int(index.nodes[path].parent)
        }

        // Siblings that score close to the winner or read as prose belong to the article too.
        let parent = Int(index.nodes[top].parent)
        guard parent >= 0 else { return [top] }
        let topScore = index.nodes[top].score
        let threshold = max(10, topScore * 0.2)
        var selected: [Int] = []
        let topFamilies = classFamilies(index.nodes[top].pointer)
        var child = parent + 1
        let parentEnd = Int(index.nodes[parent].end)
        while child < parentEnd {
            let node = index.nodes[child]
            if child == top {
                selected.append(child)
            } else if node.tag != .text, node.tag != .h1, !node.isRemoved {
                var keep = false
                // A sibling must earn its place by its text, not by an article-like class name alone.
                // A sibling earns its place by its text; an article-like class name only counts when it
                // belongs to the same family as the winner's (`article__text` and `article__summary`).
                let classCredit = sameFamily(topFamilies, node) ? 0 : Double(max(node.weight, 0))
                if node.isCandidate && node.score - classCredit >= threshold && node.linkDensity < 0.5 {
                    keep = true
                } else if node.tag == .p {
                    let density = node.linkDensity
                    let length = node.textLength
                    if length > 80 && density < 0.25 {
                        keep = true
                    } else if length > 0 && length <= 80 && density == 0 && endsSentence(node) {
                        keep = true
                    }
                }
                if keep {
                    selected.append(child)
                } else {
                    // A part of the article in the same template as the winner (how-to steps,
                    // the sections of a long feature), wrapped differently: kept by its markup.
                    selected.append(contentsOf: sameTemplate(index, as: [best, top], in: child))
                }
            }
            child = Int(max(node.end, Int32(child + 1)))
        }
        return selected
    }

    /// The elements under `root` with the same tag and the same `class` attribute as one of
    /// `models` (the winner and its wrapper), holding prose: paragraphs, at least 100 characters, few links.
    private static func sameTemplate(_ index: PageIndex, as models: [Int], in root: Int) -> [Int] {
        let templates = models.compactMap { model -> (HTMLTag, UnsafePointer<UInt8>)? in
            guard let names = classValue(index.nodes[model].pointer), names[0] != 0 else { return nil }
            return (index.nodes[model].tag, names)
        }
        guard !templates.isEmpty else { return [] }
        var found: [Int] = []
        var position = root
        let end = Int(index.nodes[root].end)
        while position < end {
            let node = index.nodes[position]
            if node.isRemoved || node.tag == .text { position += 1; continue }
            if node.textLength >= 100, node.paragraphs > 0, node.linkDensity < 0.33, let names = classValue(node.pointer),
               templates.contains(where: { $0.0 == node.tag && strcmp($0.1, names) == 0 }) {
                found.append(position)
                position = Int(max(node.end, Int32(position + 1)))
                continue
            }
            position += 1
        }
        return found
    }

    /// The `class` attribute's bytes in libxml2's own storage (no copy), nil when absent.
    private static func classValue(_ pointer: NodePointer) -> UnsafePointer<UInt8>? {
        var attribute = pointer.pointee.properties
        while let current = attribute {
            if let name = current.pointee.name, NodeAccess.isAttribute(name, .class) {
                guard let text = current.pointee.children, let content = text.pointee.content else { return nil }
                return UnsafePointer(content)
            }
            attribute = current.pointee.next
        }
        return nil
    }

    /// The nearest ancestor of `best` that holds at least three of the (up to four) next-best
    /// candidates scoring at least 3/4 of the winner, or `best` when there are not three such rivals.
    private static func commonAncestorOfRivals(_ index: PageIndex, best: Int, candidates: [Int]) -> Int {
        let bestScore = index.nodes[best].score
        guard bestScore > 0 else { return best }
        var rivals: [Int] = []
        var ranked = candidates.filter { $0 != best && index.nodes[$0].score >= bestScore * 0.75 }
        ranked.sort { index.nodes[$0].score > index.nodes[$1].score }
        rivals = Array(ranked.prefix(4))
        guard rivals.count >= 3 else { return best }
        var ancestor = Int(index.nodes[best].parent)
        while ancestor >= 0, index.nodes[ancestor].tag != .body, index.nodes[ancestor].tag != .html {
            let end = Int(index.nodes[ancestor].end)
            let held = rivals.reduce(0) { $0 + ($1 > ancestor && $1 < end ? 1 : 0) }
            if held >= 3 { return ancestor }
            ancestor = Int(index.nodes[ancestor].parent)
        }
        return best
    }

    /// Readability's climb: going up from the winner through scored ancestors that keep at least
    /// a third of its score, the first that scores higher than the one below it holds more of the article.
    private static func betterScoringAncestor(_ index: PageIndex, best: Int) -> Int {
        var last = index.nodes[best].score
        let floor = last / 3
        var ancestor = Int(index.nodes[best].parent)
        while ancestor >= 0, index.nodes[ancestor].tag != .body, index.nodes[ancestor].tag != .html {
            let node = index.nodes[ancestor]
            if node.isCandidate {
                if node.score < floor { break }
                if node.score > last { return ancestor }
                last = node.score
            }
            ancestor = Int(node.parent)
        }
        return best
    }

    private static func explicitBody(_ index: PageIndex, around best: Int) -> Int? {
        var chosen: Int?
        var position = 0
        let bestProse = Double(index.nodes[best].textLength - index.nodes[best].linkLength)
        while position < index.nodes.count {
            let node = index.nodes[position]
            if node.isArticleBody, node.textLength > 0 {
                let prose = Double(node.textLength - node.linkLength)
                if prose >= bestProse * 0.6 && node.linkDensity < 0.5 {
                    if let current = chosen, prose <= Double(index.nodes[current].textLength) {
                        // keep the larger container
                    } else {
                        chosen = position
                    }
                }
                position = Int(node.end)
                continue
            }
            position += 1
        }
        return chosen
    }

    /// First segments of an element's class names (`post__content wysiwyg` → post, wysiwyg).
    private static func classFamilies(_ pointer: NodePointer) -> Set<Substring> {
        guard let names = NodeAccess.attribute(pointer, .class) else { return [] }
        return Set(names.split(separator: " ").compactMap { $0.split(whereSeparator: { $0 == "_" || $0 == "-" }).first })
    }

    private static func sameFamily(_ families: Set<Substring>, _ node: IndexedNode) -> Bool {
        !families.isEmpty && !families.isDisjoint(with: classFamilies(node.pointer))
    }

    private static func endsSentence(_ node: IndexedNode) -> Bool {
        let text = NodeAccess.text(node.pointer)
        guard let last = text.unicodeScalars.last else { return false }
        return ".!?。！？".unicodeScalars.contains(last)
    }

    private static func scoresAsParagraph(_ tag: HTMLTag) -> Bool {
        switch tag {
        case .p, .pre, .td, .div, .section, .article, .main, .blockquote, .dd, .center, .other: return true
        default: return false
        }
    }

    private static func initialise(_ node: inout IndexedNode, _ candidates: inout [Int], _ position: Int) {
        guard !node.isCandidate else { return }
        node.isCandidate = true
        candidates.append(position)
        var score = Double(node.weight)
        switch node.tag {
        case .div, .article, .main, .section: score += 5
        case .pre, .td, .blockquote: score += 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: score -= 3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: score -= 5
        default: break
        }
        node.score = score
    }
}
