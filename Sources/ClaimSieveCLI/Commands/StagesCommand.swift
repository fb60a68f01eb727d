import ArgumentParser
import ClaimSieveCore

/// `claimsieve stages`: what a pipeline file may name.
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "Lists the built-in and registered stages with their options."
    )

    func run() throws {
        for type in Registry.stages.types {
            print("\(type.name)\t\(type.summary)")
            let options = type.optionNamesForListing
            print("\toptions: \(options.isEmpty ? "none" : options.joined(separator: ", "))")
        }
    }
}

extension Stage {
    static var optionNamesForListing: [String] { Options.optionNames }
}
