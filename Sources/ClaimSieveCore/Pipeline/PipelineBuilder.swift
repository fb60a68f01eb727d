import Foundation
import Yams

/// Turns a pipeline file's stage entries into stage values, checking every name and option
/// against the registry. `claimsieve validate` and `claimsieve run` share it, so whatever
/// validates also runs.
public struct PipelineBuilder: Sendable {
    /// The stages a pipeline may name: the built-in ones plus any an executable registers.
    public var registry: StageRegistry

    /// Use the same registry for `validate` and `run` so they agree on what is valid.
    public init(registry: StageRegistry) {
        self.registry = registry
    }

    /// Every problem in the file, not just the first: an operator fixes them in one go.
    public func problems(in file: PipelineFile, jobs: Int = 1) -> [PipelineError] {
        buildAll(file, jobs: jobs).problems
    }

    /// Builds all stages, or throws the first problem. Each stage is built once: building one
    /// loads its data (a lexicon, the splitter rules), which is the costly part of start-up.
    public func build(_ file: PipelineFile, jobs: Int = 1) throws(PipelineError) -> [any Stage] {
        let (stages, problems) = buildAll(file, jobs: jobs)
        if let problem = problems.first { throw problem }
        return stages
    }

    /// Builds only the stages named in `names`, in file order, or throws the first problem among
    /// them. A run with nothing to process needs the stages that read inputs and group claims,
    /// not the lexicons and models of the others (half the cost of a night where nothing changed).
    public func build(_ file: PipelineFile, jobs: Int = 1, only names: Set<String>) throws(PipelineError) -> [any Stage] {
        var stages: [any Stage] = []
        for entry in file.stages where names.contains(entry.name) {
            stages.append(try build(entry, file: file, jobs: jobs))
        }
        return stages
    }

    private func buildAll(_ file: PipelineFile, jobs: Int) -> (stages: [any Stage], problems: [PipelineError]) {
        var stages: [any Stage] = []
        var errors: [PipelineError] = []
        for entry in file.stages {
            do {
                stages.append(try build(entry, file: file, jobs: jobs))
            } catch {
                errors.append(error)
            }
        }
        if let first = file.stages.first, first.name != FetchStage.name {
            errors.append(PipelineError(file: file.path, line: first.line, column: first.column,
                                        message: "the first stage must be 'fetch' (it reads the inputs)"))
        }
        return (stages, errors)
    }

    /// Checks every stage's name and option names, and that `fetch` comes first, without building
    /// anything: the problems a run reports before it reads an input. An option's value is
    /// checked when its stage is built.
    public func checkNames(in file: PipelineFile) throws(PipelineError) {
        for entry in file.stages { _ = try type(of: entry, in: file) }
        if let first = file.stages.first, first.name != FetchStage.name {
            throw PipelineError(file: file.path, line: first.line, column: first.column,
                                message: "the first stage must be 'fetch' (it reads the inputs)")
        }
    }

    /// The registered type of a stage entry whose option names it knows, or the problem.
    private func type(of entry: StageEntry, in file: PipelineFile) throws(PipelineError) -> any Stage.Type {
        guard let type = registry.type(named: entry.name) else {
            throw PipelineError(file: file.path, line: entry.line, column: entry.column,
                                message: "unknown stage '\(entry.name)'; valid stages: \(registry.names.joined(separator: ", "))")
        }
        let valid = type.optionNamesForValidation
        for key in entry.optionKeys where !valid.contains(key.key) {
            let expected = valid.isEmpty ? "it takes no options" : "valid options: \(valid.joined(separator: ", "))"
            throw PipelineError(file: file.path, line: key.line, column: key.column,
                                message: "stage '\(entry.name)' has no option '\(key.key)'; \(expected)")
        }
        return type
    }

    func build(_ entry: StageEntry, file: PipelineFile, jobs: Int) throws(PipelineError) -> any Stage {
        let type = try type(of: entry, in: file)
        let context = StageContext(baseDirectory: file.baseDirectory, jobs: jobs)
        do {
            return try type.make(options: entry.options, context: context)
        } catch let error as DecodingError {
            let (path, message) = Self.describe(error)
            let keyLine = entry.optionKeys.first { $0.key == path.first }
            throw PipelineError(file: file.path, line: keyLine?.line ?? entry.line, column: keyLine?.column ?? entry.column,
                                message: "stage '\(entry.name)', option '\(path.joined(separator: "."))': \(message)")
        } catch {
            throw PipelineError(file: file.path, line: entry.line, column: entry.column,
                                message: "stage '\(entry.name)': \(error)")
        }
    }

    static func describe(_ error: DecodingError) -> (path: [String], message: String) {
        switch error {
        case .typeMismatch(let type, let context):
            return (context.codingPath.map(\.stringValue), "expected \(Self.friendly(type))")
        case .valueNotFound(let type, let context):
            return (context.codingPath.map(\.stringValue), "expected \(Self.friendly(type)), found nothing")
        case .keyNotFound(let key, let context):
            return (context.codingPath.map(\.stringValue) + [key.stringValue], "is required")
        case .dataCorrupted(let context):
            return (context.codingPath.map(\.stringValue), context.debugDescription)
        @unknown default:
            return ([], "\(error)")
        }
    }

    static func friendly(_ type: Any.Type) -> String { DataFileLoader.words(for: type) }
}

extension Stage {
    static var optionNamesForValidation: [String] { Options.optionNames }

    /// Builds the stage from its options node; absent options give `Options()`.
    static func make(options node: Node?, context: StageContext) throws -> any Stage {
        let options: Options
        if let node {
            options = try YAMLDecoder().decode(Options.self, from: node)
        } else {
            options = Options()
        }
        return try Self(options: options, context: context)
    }
}
