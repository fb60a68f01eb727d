import ArgumentParser

/// Release-build benchmarks: `swift run -c release claimsieve-bench <run|split|tag|clean> ...`.
/// Speed is measured here, never in unit tests.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claimsieve-bench",
        abstract: "Measures ClaimSieve's hot paths (build with -c release).",
        subcommands: [RunBenchmark.self, SplitBenchmark.self, TagBenchmark.self, CleanBenchmark.self]
    )
}

Bench.main()
