/// A unit of the article's main text as the page laid it out.
public struct Block: Sendable, Codable, Equatable {
    /// What the block was on the page; decides how `split` treats it.
    public var kind: BlockKind
    /// The block's plain text, markup removed; what `split` cuts into claims.
    public var text: String

    /// Stages that build documents themselves (custom extractors, tests) use this.
    public init(kind: BlockKind, text: String) {
        self.kind = kind
        self.text = text
    }
}

/// The kinds `clean` keeps. `split` uses the kind: a heading is not split into claims the way a
/// paragraph is, and a caption is never a claim of the article.
public enum BlockKind: String, Sendable, Codable, CaseIterable {
    case heading
    case paragraph
    case quote
    case listItem = "list_item"
    case caption
    case table
}
