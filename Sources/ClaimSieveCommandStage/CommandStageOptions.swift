public import ClaimSieveCore
public import Logging

extension CommandStage {
    /// The `command` stage's options as written in the pipeline file.
    ///
    /// Typed and closed (`CodingKeys` lists every key), so that `validate` reports a misspelt key,
    /// a missing `run` or `timeout: soon` with its line instead of the nightly run finding out.
    public struct Options: StageOptions {
        /// The program and its arguments, e.g. `[python3, ../scripts/stages/flag_numbers.py]`.
        /// A list, not a shell string: no quoting rules to get wrong, no shell in between.
        public var run: [String] = []
        /// How long one document may take, from the request to the complete answer line.
        public var timeout = StageDuration(seconds: 30)
        /// The longest answer line accepted: a runaway program must not exhaust memory.
        public var maxBytes = 16 * 1024 * 1024
        /// The label in failure reasons and log lines; default: the command's file names.
        public var name: String?
        /// The log level of the program's standard error lines: `info` by default, so a chatty
        /// program does not break "silent on success"; `warning` to see them in a nightly log.
        public var stderrLevel: Logger.Level = .info

        /// Every accepted key: `validate` reports any other key with its line.
        public enum CodingKeys: String, CodingKey, CaseIterable {
            case run, timeout
            case maxBytes = "max_bytes"
            case name
            case stderrLevel = "stderr_level"
        }

        /// No command at all: `init(options:context:)` rejects it with an example of `run`.
        public init() {}

        /// Builds options in code (tests, a team's own Swift wrapper around a program).
        public init(run: [String], timeout: StageDuration = StageDuration(seconds: 30),
                    maxBytes: Int = 16 * 1024 * 1024, name: String? = nil) {
            self.run = run
            self.timeout = timeout
            self.maxBytes = maxBytes
            self.name = name
        }

        /// `run` is required (a stage without a program cannot do anything); the rest have defaults.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            run = try container.decode([String].self, forKey: .run)
            timeout = try container.decodeIfPresent(StageDuration.self, forKey: .timeout) ?? timeout
            maxBytes = try container.decodeIfPresent(Int.self, forKey: .maxBytes) ?? maxBytes
            name = try container.decodeIfPresent(String.self, forKey: .name)
            if let level = try container.decodeIfPresent(String.self, forKey: .stderrLevel) {
                guard let parsed = Logger.Level(rawValue: level) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .stderrLevel, in: container,
                        debugDescription: "expected one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")); found '\(level)'")
                }
                stderrLevel = parsed
            }
        }
    }
}
