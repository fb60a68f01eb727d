import ArgumentParser
import ClaimSieveCore

/// `claimsieve validate FILE`: every problem of a pipeline file, with its line.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Checks a pipeline file: stage names, options and their types, with file and line.",
        discussion: "Exits 0 when the file is valid, 65 when it is not."
    )

    @Argument(help: "The pipeline file (YAML).")
    var file: String

    func run() throws {
        let pipeline: PipelineFile
        do {
            pipeline = try PipelineFile.load(path: file)
        } catch {
            throw fail(.pipelineError, error.description)
        }
        let problems = PipelineBuilder(registry: Registry.stages).problems(in: pipeline)
        for problem in problems { printError(problem.description) }
        guard problems.isEmpty else { throw ExitStatus.pipelineError.exitCode }
        print("\(file): valid (\(pipeline.stages.map(\.name).joined(separator: " → ")))")
    }
}
