import ArgumentParser
import ClaimSieveCore

/// `claimsieve`: the root command; it only lists the subcommands.
struct RootCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claimsieve",
        abstract: "Separates confirmed facts from attributed and unverified claims in news pages and feeds.",
        discussion: ExitStatus.helpText,
        version: ClaimSieveVersion.current,
        subcommands: [
            RunCommand.self, MergeCommand.self, StreamCommand.self, ExtractCommand.self, SplitCommand.self, TagCommand.self, DetectLanguageCommand.self,
            EvalCommand.self, EvalExtractionCommand.self, TrainCommand.self, StagesCommand.self, ValidateCommand.self,
            ReviewCommand.self,
        ]
    )
}
