import ArgumentParser

/// Benchmark of the `tag` stage (stub).
struct TagBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tag", abstract: "Measures tag throughput.")
    func run() throws { print("not implemented") }
}
