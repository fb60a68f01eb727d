import ArgumentParser
import ClaimSieveCore

/// `claimsieve validate FILE`: every problem of a pipeline file, with its line.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Checks a pipeline file: its keys, stage names, options and their types, the data files they name, and that its inputs exist; every problem at once, with file, line and column.",
        discussion: "Exits 0 when the file is valid, 65 when it is not."
    )

    @Argument(help: "The pipeline file (YAML).")
    var file: String

    func run() throws {
        let (loaded, structural) = PipelineFile.check(path: file)
        guard let pipeline = loaded else {
            for problem in structural { printError(problem.description, level: .error) }
            throw ExitStatus.pipelineError.exitCode
        }
        // Every problem in one pass: the file's structure, its stages and options, its inputs.
        var problems = structural
        problems += PipelineBuilder(registry: Registry.stages).problems(in: pipeline)
        problems += Self.missingInputs(pipeline)
        problems.sort { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
        for problem in problems { printError(problem.description, level: .error) }
        guard problems.isEmpty else { throw ExitStatus.pipelineError.exitCode }
        print("\(file): valid (\(pipeline.stages.map(\.name).joined(separator: " → ")))")
    }

    /// Inputs that name nothing: a folder that is not there, a pattern that matches no file.
    static func missingInputs(_ pipeline: PipelineFile) -> [PipelineError] {
        var problems: [PipelineError] = []
        for (index, input) in pipeline.inputs.enumerated() {
            let location: (line: Int?, column: Int?) = index < pipeline.inputLocations.count ? pipeline.inputLocations[index] : (nil, nil)
            let missing = InputWalker().entries(for: [input]).allSatisfy { if case .missing = $0 { true } else { false } }
            if missing {
                problems.append(PipelineError(file: pipeline.path, line: location.line, column: location.column,
                                              message: "input '\(input)' does not exist (inputs are relative to the pipeline file)"))
            }
        }
        return problems
    }
}
