import ArgumentParser

/// Benchmark of the `split` stage (stub).
struct SplitBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "split", abstract: "Measures split throughput.")
    func run() throws { print("not implemented") }
}
