/// A step of the pipeline: a value built once from its options that turns one document into one
/// document.
///
/// Built-in and custom stages conform to the same protocol. A stage is shared by all workers, so it
/// must be `Sendable`: keep per-document state in locals, not in properties. Throwing fails only
/// the document at hand; the run goes on (unless the pipeline says `on_error: fail-run`).
///
/// ```swift
/// struct DropSports: Stage {
///     struct Options: StageOptions {
///         var words: [String] = ["football"]
///         enum CodingKeys: String, CodingKey, CaseIterable { case words }
///     }
///     static let name = "drop-sports"
///     static let summary = "Drops claims that mention sports."
///     let options: Options
///     init(options: Options) { self.options = options }
///     func process(_ document: Document) throws -> Document { ... }
/// }
/// ```
public protocol Stage: Sendable {
    /// The options this stage reads from its entry in the pipeline file.
    associatedtype Options: StageOptions

    /// The name used in pipeline files and on the command line (`fetch`, `clean`, ...).
    static var name: String { get }

    /// One line for `claimsieve stages`.
    static var summary: String { get }

    /// Builds the stage once per run. `context` tells where the pipeline file is, so that relative
    /// paths in options (lexicons, scripts) mean the same thing from cron as from a shell.
    init(options: Options, context: StageContext) throws

    /// Turns one document into one document.
    func process(_ document: Document) throws -> Document

    /// Turns one document into several. Only a stage that splits inputs (a feed into its items)
    /// needs it; the default calls `process`.
    func expand(_ document: Document) throws -> [Document]

    /// Called once before the first document (start a helper process, load a model).
    func setUp() throws

    /// Called once after the last document, also when the run failed.
    func tearDown()
}

extension Stage {
    /// No summary by default: `claimsieve stages` shows the name with nothing beside it.
    public static var summary: String { "" }
    /// One document in, one out: the default for every stage that does not split inputs.
    public func expand(_ document: Document) throws -> [Document] { [try process(document)] }
    /// Nothing to prepare by default.
    public func setUp() throws {}
    /// Nothing to release by default.
    public func tearDown() {}
}

/// What a stage may know about the run that built it.
public struct StageContext: Sendable {
    /// Folder of the pipeline file; relative paths in options are resolved against it.
    public var baseDirectory: String
    /// Number of workers the runner will start.
    public var jobs: Int

    /// Pass "." for paths relative to the working directory (tests, one-off commands).
    public init(baseDirectory: String, jobs: Int = 1) {
        self.baseDirectory = baseDirectory
        self.jobs = jobs
    }

    /// `path` as given when absolute, otherwise relative to the pipeline file's folder, with `..`
    /// folded so that reports say `sample-data/x.html`, not `pipelines/../sample-data/x.html`.
    public func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if baseDirectory.isEmpty || baseDirectory == "." { return path }
        return Self.fold(baseDirectory + "/" + path)
    }

    /// Folds `.` and `a/..` in a path lexically (a leading `..` stays).
    static func fold(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if path.hasPrefix("/") { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}

/// An error a stage throws when it cannot work for any document (a stage program that died before
/// reading its first document): the runner stops the run, as for a failed `setUp`, instead of
/// failing every document one by one.
public struct StageBroken: Error, CustomStringConvertible, Sendable {
    /// What is wrong with the stage, shown as the run's error.
    public var description: String
    /// Say what is wrong and, if possible, what to do about it.
    public init(_ description: String) { self.description = description }
}

/// An error a stage throws to fail one document with a readable reason.
public struct StageError: Error, CustomStringConvertible, Sendable {
    /// The reason shown in the report; the runner adds the stage name.
    public var description: String
    /// Say what is wrong and, if possible, what to do about it.
    public init(_ description: String) { self.description = description }
}
