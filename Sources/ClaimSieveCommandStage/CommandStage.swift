public import ClaimSieveCore

/// `command`: runs any program as a stage over JSON Lines on its standard input and output. (Stub.)
public struct CommandStage: Stage {
    public struct Options: StageOptions {
        /// The program and its arguments, e.g. `["python3", "scripts/stages/flag_numbers.py"]`.
        public var run: [String] = []
        public enum CodingKeys: String, CodingKey, CaseIterable { case run }
        public init() {}
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            run = try container.decode([String].self, forKey: .run)
        }
    }

    public static let name = "command"
    public static let summary = "Runs any program as a stage: documents as JSON Lines on its standard input and output."

    public init(options: Options, context: StageContext) throws {}

    public func process(_ document: Document) throws -> Document { document }
}
