public import ClaimSieveCore
import ClaimSieveCommandStage
import ClaimSieveExtraction
import ClaimSieveLanguage
import ClaimSieveReports
import ArgumentParser
import Foundation

/// The `claimsieve` command line as a library, so that a team's own executable can add stages
/// without forking:
///
/// ```swift
/// import ClaimSieveCLI
/// ClaimSieveCLI.main(stages: [DropSportsStage.self])
/// ```
///
/// Every command (`run`, `stages`, `validate`, ...) then knows the added stages.
public enum ClaimSieveCLI {
    /// The stages every build of ClaimSieve has, in pipeline order.
    public static let builtInStages: [any Stage.Type] = [
        FetchStage.self, CleanStage.self, SplitStage.self, TagStage.self, VerdictStage.self, CorroborateStage.self,
        CommandStage.self,
    ]

    /// Parses the arguments, runs the command and exits with its status. `stages` are registered
    /// after the built-in ones (a stage with a built-in's name replaces it).
    public static func main(stages: [any Stage.Type] = [], arguments: [String]? = nil) -> Never {
        var registry = StageRegistry(builtInStages)
        for stage in stages { registry.register(stage) }
        Registry.current.withLock { $0 = registry }
        do {
            var command = try RootCommand.parseAsRoot(arguments)
            try command.run()
            exit(ExitStatus.success.rawValue)
        } catch {
            RootCommand.exit(withError: error)
        }
    }
}

/// The registry the commands use, set once by `ClaimSieveCLI.main` before any command runs.
enum Registry {
    static let current = Locked(StageRegistry(ClaimSieveCLI.builtInStages))
    static var stages: StageRegistry { current.withLock { $0 } }
}
