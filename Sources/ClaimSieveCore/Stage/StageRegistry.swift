/// Maps stage names to stage types: the one place that knows which stages exist.
///
/// The command line builds it from the built-in stages plus whatever a team's own executable
/// registers, so `run`, `stages` and `validate` all see the same set.
public struct StageRegistry: Sendable {
    /// The registered stage types in registration order; add with `register(_:)`.
    public private(set) var types: [any Stage.Type] = []

    /// Registers `types` in order, so a later type replaces an earlier one of the same name.
    public init(_ types: [any Stage.Type] = []) {
        for type in types { register(type) }
    }

    /// Adds a stage type; a later registration of the same name replaces the earlier one.
    public mutating func register(_ type: any Stage.Type) {
        types.removeAll { $0.name == type.name }
        types.append(type)
    }

    /// The stage type a pipeline entry names, or nil when no stage has that name.
    public func type(named name: String) -> (any Stage.Type)? {
        types.first { $0.name == name }
    }

    /// The stage names in registration order, as listed in "unknown stage" errors.
    public var names: [String] { types.map { $0.name } }
}
