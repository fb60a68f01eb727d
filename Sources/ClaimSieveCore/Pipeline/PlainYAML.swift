import Foundation
public import Yams

/// The plain shapes of a data file read without `YAMLDecoder`: each answer is nil when the node
/// is not exactly that shape, so that the decoder reads (and reports) it instead.
///
/// Why: `YAMLDecoder` costs hundreds of thousands of instructions per mapping it reads (each key
/// found by walking the mapping, a decoder and a copy of the mapping per value), paid at every
/// start-up for every data file. The loaders of the lexicon, the splitter rules and the furniture
/// lexicon read a well-formed file through these, with the same Yams scalar constructors the
/// decoder uses, and hand anything else to the decoder, whose messages name the problem.
public enum PlainYAML {
    /// A mapping's pairs by their plain keys; nil when a key is not a plain scalar or comes twice
    /// (the decoder takes the last of repeated keys).
    public static func pairs(_ mapping: Node.Mapping) -> [(String, Node)]? {
        var pairs: [(String, Node)] = []
        pairs.reserveCapacity(mapping.count)
        // Keys seen so far: one hash lookup per key (a lexicon's mappings hold thousands of keys).
        var seen = Set<String>(minimumCapacity: mapping.count)
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key, scalar.style == .plain, seen.insert(scalar.string).inserted else {
                return nil
            }
            pairs.append((scalar.string, value))
        }
        return pairs
    }

    /// A scalar that is not null (`~`, `null`, nothing: `decodeIfPresent` reads those as absent).
    public static func scalar(_ node: Node) -> Node.Scalar? {
        guard case .scalar(let scalar) = node, NSNull.construct(from: scalar) == nil else { return nil }
        return scalar
    }

    /// A non-null scalar's text, as the decoder reads a `String`.
    public static func string(_ node: Node) -> String? { scalar(node).map(\.string) }

    /// A list of non-null scalars' texts, as the decoder reads a `[String]`.
    public static func strings(_ node: Node) -> [String]? {
        guard case .sequence(let items) = node else { return nil }
        var list: [String] = []
        list.reserveCapacity(items.count)
        for item in items {
            guard let text = string(item) else { return nil }
            list.append(text)
        }
        return list
    }

    /// A mapping of plain keys to lists of strings, as the decoder reads a `[String: [String]]`.
    public static func stringLists(_ node: Node) -> [String: [String]]? {
        guard case .mapping(let mapping) = node, let pairs = pairs(mapping) else { return nil }
        var lists: [String: [String]] = [:]
        for (key, value) in pairs {
            guard let list = strings(value) else { return nil }
            lists[key] = list
        }
        return lists
    }
}
