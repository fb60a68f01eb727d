import ArgumentParser

/// Benchmark of the `clean` stage (stub).
struct CleanBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clean", abstract: "Measures clean throughput.")
    func run() throws { print("not implemented") }
}
