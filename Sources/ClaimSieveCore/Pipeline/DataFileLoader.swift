public import Foundation
public import Yams

/// The one way ClaimSieve reads its YAML data files (pipeline files, lexicons, splitter rules):
/// parse with Yams, then check the whole file against a `Shape` and report every problem at once,
/// each with file, line and column and what would be valid, in words an editor knows ("a list of
/// strings", not a Swift type). Unknown keys are errors everywhere: a misspelt key silently
/// ignored is a rule that silently does nothing.
public enum DataFileLoader {
    /// What a YAML node must look like.
    public indirect enum Shape: Sendable {
        /// A mapping with exactly these keys (any subset); each value of its shape.
        case mapping([(key: String, shape: Shape)])
        /// A mapping whose keys are free (names chosen by the user), every value of one shape.
        case dictionary(Shape)
        /// A list whose items all have one shape.
        case list(Shape)
        /// A list of strings, or one string standing for a list of one.
        case strings
        /// A string.
        case string
        /// A whole number.
        case integer
        /// `true` or `false`.
        case boolean
        /// Anything: checked later by the type that reads it.
        case any

        /// The shape in user words, for "expected ..." messages.
        public var words: String {
            switch self {
            case .mapping(let keys): "a mapping with keys \(keys.map(\.key).joined(separator: ", "))"
            case .dictionary(let value): "a mapping of names to \(value.words)"
            case .list(let item): "a list of \(item.plural)"
            case .strings: "a list of strings"
            case .string: "a string"
            case .integer: "a whole number"
            case .boolean: "true or false"
            case .any: "a value"
            }
        }

        var plural: String {
            switch self {
            case .mapping: "mappings"
            case .dictionary: "mappings"
            case .list(let item): "lists of \(item.plural)"
            case .strings: "lists of strings"
            case .string: "strings"
            case .integer: "whole numbers"
            case .boolean: "true or false values"
            case .any: "values"
            }
        }
    }

    /// Reads and parses `path`; a file that cannot be read or is not YAML is one problem.
    public static func compose(path: String) throws(PipelineError) -> Node {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError(file: path, message: "cannot read the file: \(PathProblem.unreadable(path))")
        }
        return try compose(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Yams's default resolver with one rule before its own: a scalar that starts as none of
    /// the default rules' patterns can is a string (`tag:yaml.org,2002:str`), which is what the
    /// default rules answer for it after trying all seven.
    ///
    /// Why: Yams checks every mapping for repeated keys by hashing its keys, and a key's hash
    /// resolves its tag by running the rules' regular expressions one after another (about 3,000
    /// instructions each): 39 M of the 94 M instructions of composing the data files at every
    /// start-up. Most keys start with a letter that no rule's pattern starts with (`category`,
    /// `abbreviations`), or with one followed by a letter its patterns do not have there (`text`:
    /// only `true`, `True`, `TRUE` start with `t` then `r`), and get their answer from the first
    /// rule. Every other scalar goes on to the default rules, in their order: every tag is the one
    /// `Resolver.default` gives (`DataFileLoaderTests` compares the two on random scalars).
    public static let resolver: Resolver = {
        // The default rules' patterns start with: y Y n N t T f F o O (booleans), n N ~ (null,
        // or the empty scalar), + - . and digits (numbers, timestamps), < (merge), = (value).
        // swiftlint:disable:next force_try
        let plainString = try! Resolver.Rule(.str, "^(?:[a-eg-mp-su-xzA-EG-MP-SU-XZ_]|[nN][^uUoO]|[tT][^rR]|[fF][^aA]|[oO][^nNfF]|[yY][^eE])")
        return [Resolver.Rule.bool, .int, .float, .merge, .null, .timestamp, .value]
            .reduce(Resolver.basic.appending(plainString)) { $0.appending($1) }
    }()

    /// Parses YAML text; `file` names it in messages. An empty document is an empty mapping.
    public static func compose(_ text: String, file: String) throws(PipelineError) -> Node {
        do {
            return try Yams.compose(yaml: text, resolver) ?? Node.mapping(Node.Mapping([]))
        } catch let error as YamlError {
            throw located(error, file: file)
        } catch {
            throw PipelineError(file: file, message: "not valid YAML: \(error)")
        }
    }

    /// Every way `node` differs from `shape`, in document order.
    public static func problems(in node: Node, shape: Shape, file: String, context: String = "the file") -> [PipelineError] {
        var found: [PipelineError] = []
        check(node, shape, file: file, context: context, into: &found)
        return found
    }

    /// `user` laid over `base`: mappings merge key by key, lists are joined (the base's items
    /// first), anything else in `user` replaces the base's value. How a team's small rules file
    /// adds to the shipped one without copying it.
    public static func overlay(_ base: Node, with user: Node) -> Node {
        switch (base, user) {
        case (.mapping(let baseMapping), .mapping(let userMapping)):
            var pairs: [(Node, Node)] = []
            for (key, value) in baseMapping {
                if let mine = userMapping[key] {
                    pairs.append((key, overlay(value, with: mine)))
                } else {
                    pairs.append((key, value))
                }
            }
            for (key, value) in userMapping where baseMapping[key] == nil { pairs.append((key, value)) }
            return .mapping(Node.Mapping(pairs, baseMapping.tag, baseMapping.style, baseMapping.mark))
        case (.sequence(let baseSequence), .sequence(let userSequence)):
            return .sequence(Node.Sequence(Array(baseSequence) + Array(userSequence), baseSequence.tag, baseSequence.style, baseSequence.mark))
        default:
            return user
        }
    }

    /// A YAML syntax error with the line and column Yams found it at.
    static func located(_ error: YamlError, file: String) -> PipelineError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return PipelineError(file: file, line: mark.line, column: mark.column, message: "not valid YAML: \(problem)")
        default:
            return PipelineError(file: file, message: "not valid YAML: \(error)")
        }
    }

    private static func check(_ node: Node, _ shape: Shape, file: String, context: String, into found: inout [PipelineError]) {
        func problem(_ message: String, at place: Node? = nil) {
            let mark = (place ?? node).mark
            found.append(PipelineError(file: file, line: mark?.line, column: mark?.column, message: message))
        }
        switch shape {
        case .any:
            return
        case .mapping(let keys):
            guard case .mapping(let mapping) = node else {
                return problem("\(context) is \(shape.words); found \(describe(node))")
            }
            let valid = keys.map(\.key)
            for (keyNode, value) in mapping {
                let key = keyNode.string ?? ""
                guard let expected = keys.first(where: { $0.key == key })?.shape else {
                    problem("unknown key '\(key)' in \(context); valid keys: \(valid.joined(separator: ", "))", at: keyNode)
                    continue
                }
                check(value, expected, file: file, context: "`\(key)`", into: &found)
            }
        case .dictionary(let valueShape):
            guard case .mapping(let mapping) = node else {
                return problem("\(context) is \(shape.words); found \(describe(node))")
            }
            for (keyNode, value) in mapping {
                check(value, valueShape, file: file, context: "`\(keyNode.string ?? "")`", into: &found)
            }
        case .list(let item):
            guard case .sequence(let sequence) = node else {
                return problem("\(context) is \(shape.words); found \(describe(node))")
            }
            for (index, element) in sequence.enumerated() {
                check(element, item, file: file, context: "item \(index + 1) of \(context)", into: &found)
            }
        case .strings:
            if case .scalar = node { return }
            guard case .sequence(let sequence) = node else {
                return problem("\(context) is a list of strings; found \(describe(node))")
            }
            for element in sequence {
                guard case .scalar = element else {
                    problem("\(context) is a list of strings; found \(describe(element)) in it", at: element)
                    continue
                }
            }
        case .string:
            guard case .scalar = node else { return problem("\(context) is a string; found \(describe(node))") }
        case .integer:
            guard node.int != nil else { return problem("\(context) is a whole number; found \(describe(node))") }
        case .boolean:
            guard node.bool != nil else { return problem("\(context) is true or false; found \(describe(node))") }
        }
    }

    /// A Swift type in user words, for decoding errors: "a list of strings", not "Array<String>";
    /// Yams names its containers "Sequence" and "Mapping", which mean a list and a mapping.
    public static func words(for type: Any.Type) -> String {
        switch type {
        case is Int.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is String.Type: return "a string"
        case is [String].Type: return "a list of strings"
        case is [Int].Type: return "a list of whole numbers"
        case is [String: String].Type: return "a mapping of names to strings"
        case is [String: [String]].Type: return "a mapping of names to lists of strings"
        default: break
        }
        let name = "\(type)"
        if name.contains("Sequence") || name.hasPrefix("Array") || name.hasPrefix("[") { return "a list" }
        if name.contains("Mapping") || name.hasPrefix("Dictionary") { return "a mapping" }
        return "a single value"
    }

    /// A node in user words: "a list", "a mapping", "'soon'".
    public static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar): "'\(scalar.string)'"
        case .alias: "an alias"
        }
    }
}

/// A file's problems together: `description` lists them one per line, `file:line:column: message`.
public struct DataFileProblems: Error, CustomStringConvertible, Sendable {
    /// Every problem found, in file order.
    public var problems: [PipelineError]

    /// At least one problem.
    public init(_ problems: [PipelineError]) { self.problems = problems }

    /// One problem per line, as editors and `claimsieve validate` print them.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
