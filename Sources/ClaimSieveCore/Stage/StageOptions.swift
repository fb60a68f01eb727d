/// A stage's options as decoded from the pipeline file.
///
/// `CodingKeys` must list every key (it is `CaseIterable`) so that a misspelt key is an error
/// with its line number instead of a silently ignored setting.
public protocol StageOptions: Decodable, Sendable {
    associatedtype CodingKeys: CodingKey & CaseIterable
    /// The options used when the pipeline file names the stage without any.
    init()
}

extension StageOptions {
    /// The keys accepted in the pipeline file, in declaration order.
    public static var optionNames: [String] { CodingKeys.allCases.map(\.stringValue) }
}

/// For a stage that takes no options.
public struct NoOptions: StageOptions {
    /// No keys at all: any key in the pipeline file is reported as unknown.
    public enum CodingKeys: CodingKey, CaseIterable {
        /// `CodingKey` conformance of a key type with no cases: never called.
        public var stringValue: String { switch self {} }
        /// `CodingKey` conformance of a key type with no cases: never called.
        public var intValue: Int? { nil }
        /// `CodingKey` conformance of a key type with no cases: never called.
        public init?(stringValue: String) { nil }
        /// `CodingKey` conformance of a key type with no cases: never called.
        public init?(intValue: Int) { nil }
    }
    /// There is nothing to set.
    public init() {}
    /// Reads nothing; unknown keys are rejected earlier by `PipelineBuilder`.
    public init(from decoder: any Decoder) throws {}
}
