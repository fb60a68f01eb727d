import Foundation
import Yams

/// A pipeline file as written: where the inputs are, which stages run in which order, with which
/// options, and what reports to write. Paths are relative to the file's folder, so the same file
/// means the same thing from cron, systemd or a shell in another directory.
///
/// ```yaml
/// inputs: [../sample-data]
/// on_error: skip          # or fail-run
/// reports: [jsonl, html, markdown, summary]
/// stages:
///   - fetch: {max_bytes: 10000000}
///   - clean
///   - split
///   - tag: {lexicons: [lexicons/en.yml]}
///   - verdict
/// ```
public struct PipelineFile: Sendable {
    /// The file this was read from ("<default>" when built in code).
    public var path: String
    /// Inputs resolved against the file's folder.
    public var inputs: [String]
    /// Worker count from `jobs:`; nil means the number of processors, and `--jobs` overrides it.
    public var jobs: Int?
    /// From `on_error:`; `skip` when absent.
    public var onError: ErrorPolicy
    /// Report formats to write (see `reportFormats`); all four when `reports:` is absent.
    public var reports: [String]
    /// Folder under which `run --reports` keeps one folder per run (resolved against the file).
    public var reportRoot: String?
    /// How many dated report folders to keep under `reportRoot`.
    public var keep: Int?
    /// The `stages:` entries in order, still unchecked; `PipelineBuilder` turns them into stages.
    public var stages: [StageEntry]
    /// Where each of `inputs` is written in the file (line, column), for `validate`'s messages.
    public var inputLocations: [(line: Int?, column: Int?)] = []
    /// What one document may cost (`limits:`); the defaults when absent.
    public var limits = DocumentLimits()

    /// The keys a pipeline file may have at its top level.
    public static let topLevelKeys = ["inputs", "jobs", "on_error", "reports", "report_root", "keep", "limits", "stages"]
    /// The report formats a pipeline may ask for.
    public static let reportFormats = ["jsonl", "html", "markdown", "summary"]
    /// Formats written only when `reports:` names them: `csv` (`claims.csv`, for spreadsheets).
    public static let optionalReportFormats = ["csv"]

    /// The folder relative paths in the file are resolved against ("." for a bare file name).
    public var baseDirectory: String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }
}

/// What happens when a stage throws for one document.
public enum ErrorPolicy: String, Sendable, CaseIterable {
    /// The document is reported as failed; the run goes on (the default).
    case skip
    /// The run stops at the first failed document.
    case failRun = "fail-run"
}

/// One `- name: {options}` entry of `stages:`.
public struct StageEntry: @unchecked Sendable {
    /// The stage name as written, e.g. "fetch"; checked against the registry later.
    public var name: String
    /// 1-based line of the entry in the pipeline file, for error messages.
    public var line: Int
    /// 1-based column of the entry, for error messages.
    public var column: Int
    /// The options mapping as parsed (a Yams node is an immutable value; hence `@unchecked`).
    var options: Node?

    /// Every string value in the options (file names among them, for the pipeline fingerprint).
    public var optionStrings: [String] {
        var result: [String] = []
        var pending: [Node] = options.map { [$0] } ?? []
        while let node = pending.popLast() {
            switch node {
            case .scalar(let scalar): result.append(scalar.string)
            case .sequence(let sequence): pending.append(contentsOf: sequence)
            case .mapping(let mapping): pending.append(contentsOf: mapping.values)
            case .alias: break
            }
        }
        return result
    }

    /// The option keys written in the file, with their lines.
    public var optionKeys: [(key: String, line: Int, column: Int)] {
        guard case .mapping(let mapping)? = options else { return [] }
        return mapping.keys.map { key in
            (key.string ?? "", (key.mark?.line ?? line), (key.mark?.column ?? column))
        }
    }
}

/// A problem with a pipeline file, located by line and column.
public struct PipelineError: Error, CustomStringConvertible, Sendable {
    /// The pipeline or lexicon file the problem is in.
    public var file: String
    /// 1-based line of the problem, or nil when it concerns the whole file (e.g. unreadable).
    public var line: Int?
    /// 1-based column, or nil when unknown; printed only together with a line.
    public var column: Int?
    /// What is wrong and, where possible, what would be valid.
    public var message: String

    /// Leave line and column nil when the problem has no single place in the file.
    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, the form editors and `claimsieve validate` use.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let line, let column, line > 0 { location += ":\(column)" }
        return "\(location): \(message)"
    }
}

extension PipelineFile {
    /// Reads and checks the structure of a pipeline file (not yet the stage names or options).
    public static func load(path: String) throws(PipelineError) -> PipelineFile {
        let (file, problems) = check(path: path)
        if let first = problems.first { throw first }
        return file!
    }

    /// Parses pipeline YAML already in memory; `path` is used for messages and to resolve relative paths.
    public static func parse(_ text: String, path: String) throws(PipelineError) -> PipelineFile {
        let (file, problems) = check(text, path: path)
        if let first = problems.first { throw first }
        return file!
    }

    /// Every structural problem of the file in one pass (`claimsieve validate` lists them all);
    /// the file is nil only when it could not be read or parsed at all.
    public static func check(path: String) -> (file: PipelineFile?, problems: [PipelineError]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [PipelineError(file: path, message: "cannot read the pipeline file: \(PathProblem.unreadable(path))")])
        }
        return check(String(decoding: data, as: UTF8.self), path: path)
    }

    /// `check(path:)` for YAML already in memory.
    public static func check(_ text: String, path: String) -> (file: PipelineFile?, problems: [PipelineError]) {
        let root: Node
        do {
            root = try DataFileLoader.compose(text, file: path)
        } catch {
            return (nil, [error])
        }
        guard case .mapping(let mapping) = root else {
            return (nil, [PipelineError(file: path, line: 1, message: "a pipeline file is a mapping with at least `stages:`")])
        }
        var problems: [PipelineError] = []
        var stagesUnreadable = false
        var file = PipelineFile(path: path, inputs: [], jobs: nil, onError: .skip,
                                reports: reportFormats, reportRoot: nil, keep: nil, stages: [])
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let line = keyNode.mark?.line
            let column = keyNode.mark?.column
            func fail(_ message: String) -> PipelineError {
                PipelineError(file: path, line: value.mark?.line ?? line, column: value.mark?.column ?? column, message: message)
            }
            switch key {
            case "inputs":
                guard let items = value.stringList else {
                    problems.append(fail("`inputs` is a list of files, folders or globs; found \(DataFileLoader.describe(value))"))
                    continue
                }
                file.inputs = items.map { StageContext(baseDirectory: file.baseDirectory).resolve($0) }
                if case .sequence(let sequence) = value {
                    file.inputLocations = sequence.map { ($0.mark?.line, $0.mark?.column) }
                } else {
                    file.inputLocations = [(value.mark?.line, value.mark?.column)]
                }
            case "jobs":
                guard let jobs = value.int, jobs > 0 else {
                    problems.append(fail("`jobs` is a whole number above 0; found \(DataFileLoader.describe(value))"))
                    continue
                }
                file.jobs = jobs
            case "on_error":
                guard let text = value.string, let policy = ErrorPolicy(rawValue: text) else {
                    problems.append(fail("`on_error` is one of: \(ErrorPolicy.allCases.map(\.rawValue).joined(separator: ", ")); found \(DataFileLoader.describe(value))"))
                    continue
                }
                file.onError = policy
            case "reports":
                guard let items = value.stringList else {
                    problems.append(fail("`reports` is a list of: \((reportFormats + optionalReportFormats).joined(separator: ", ")); found \(DataFileLoader.describe(value))"))
                    continue
                }
                for item in items where !(reportFormats + optionalReportFormats).contains(item) {
                    problems.append(fail("unknown report format '\(item)'; valid formats: \((reportFormats + optionalReportFormats).joined(separator: ", "))"))
                }
                file.reports = items
            case "report_root":
                guard let text = value.string else {
                    problems.append(fail("`report_root` is a folder; found \(DataFileLoader.describe(value))"))
                    continue
                }
                file.reportRoot = StageContext(baseDirectory: file.baseDirectory).resolve(text)
            case "keep":
                guard let keep = value.int, keep > 0 else {
                    problems.append(fail("`keep` is a whole number above 0; found \(DataFileLoader.describe(value))"))
                    continue
                }
                file.keep = keep
            case "stages":
                do {
                    file.stages = try parseStages(value, path: path)
                } catch {
                    problems.append(error)
                    stagesUnreadable = true
                }
            case "limits":
                do {
                    file.limits = try parseLimits(value, path: path)
                } catch {
                    problems.append(error)
                }
            default:
                problems.append(PipelineError(file: path, line: line, column: column,
                                              message: "unknown key '\(key)'; valid keys: \(topLevelKeys.joined(separator: ", "))"))
            }
        }
        if file.stages.isEmpty && !stagesUnreadable {
            problems.append(PipelineError(file: path, line: 1, message: "the pipeline has no `stages:`"))
        }
        return (file, problems)
    }

    private static func parseLimits(_ node: Node, path: String) throws(PipelineError) -> DocumentLimits {
        guard case .mapping(let mapping) = node else {
            throw PipelineError(file: path, line: node.mark?.line, column: node.mark?.column,
                                message: "`limits` is a mapping of: \(DocumentLimits.keys.joined(separator: ", "))")
        }
        var limits = DocumentLimits()
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            func fail(_ message: String) -> PipelineError {
                PipelineError(file: path, line: value.mark?.line ?? keyNode.mark?.line, column: value.mark?.column, message: message)
            }
            switch key {
            case "document_seconds":
                guard let seconds = value.float, seconds > 0, seconds <= 86_400 else { throw fail("`limits.document_seconds` is a number of seconds from 0 to 86400") }
                limits.documentSeconds = seconds
            case "text_bytes":
                guard let bytes = value.int, bytes > 0 else { throw fail("`limits.text_bytes` is a whole number above 0") }
                limits.textBytes = bytes
            case "claims_per_document":
                guard let claims = value.int, claims > 0 else { throw fail("`limits.claims_per_document` is a whole number above 0") }
                limits.claimsPerDocument = claims
            default:
                throw PipelineError(file: path, line: keyNode.mark?.line, column: keyNode.mark?.column,
                                    message: "unknown limit '\(key)'; valid: \(DocumentLimits.keys.joined(separator: ", "))")
            }
        }
        return limits
    }

    private static func parseStages(_ node: Node, path: String) throws(PipelineError) -> [StageEntry] {
        guard case .sequence(let sequence) = node else {
            throw PipelineError(file: path, line: node.mark?.line, column: node.mark?.column,
                                message: "`stages` is a list such as `- fetch`, `- tag: {lexicons: [...]}`")
        }
        var entries: [StageEntry] = []
        for item in sequence {
            let line = item.mark?.line ?? 0
            let column = item.mark?.column ?? 0
            switch item {
            case .scalar(let scalar):
                entries.append(StageEntry(name: scalar.string, line: line, column: column, options: nil))
            case .mapping(let mapping) where mapping.count == 1:
                let (key, value) = mapping.first!
                let options: Node?
                switch value {
                case .mapping: options = value
                case .scalar(let scalar) where scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null": options = nil
                default:
                    throw PipelineError(file: path, line: value.mark?.line ?? line, column: value.mark?.column ?? column,
                                        message: "the options of stage '\(key.string ?? "")' must be a mapping of option: value")
                }
                entries.append(StageEntry(name: key.string ?? "", line: key.mark?.line ?? line,
                                          column: key.mark?.column ?? column, options: options))
            default:
                throw PipelineError(file: path, line: line, column: column,
                                    message: "a stage is `- name` or `- name: {option: value}`")
            }
        }
        return entries
    }
}

extension Node {
    var stringList: [String]? {
        if case .sequence(let sequence) = self {
            let strings = sequence.compactMap(\.string)
            return strings.count == sequence.count ? strings : nil
        }
        if let single = string { return [single] }
        return nil
    }
}
