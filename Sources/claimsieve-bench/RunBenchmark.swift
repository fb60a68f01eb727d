import ArgumentParser
import ClaimSieveCore
import ClaimSieveExtraction
import Foundation

/// Benchmark of a whole run on a folder of pages: the real `claimsieve run` binary, as an operator
/// runs it, against the floor of libxml2 parsing the same files alone, measured in the same
/// command so both see the same machine.
///
/// The run is a child process, so its CPU time and peak memory come from the kernel
/// (`wait4`'s usage of that one child), not from sampling; the time per stage comes from the run's own
/// `summary.json` (`stage_cpu_seconds`: each worker thread's CPU time around each stage).
struct RunBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Runs the real pipeline on a folder and compares it with libxml2 parsing the same files alone.",
        discussion: """
            Prints CPU and wall time, throughput (MB/s of input, claims/s), peak memory (RSS) of the \
            run, CPU time per stage, and the ratio of the run's CPU time to the parse floor's. \
            With --state it runs twice against one state folder: a full run, then a night where \
            nothing changed.

            Example: claimsieve-bench run /data/pages --jobs 2
            """)

    @Argument(help: "Folder of pages (HTML; feeds are run but not part of the parse floor).")
    var folder: String

    @Option(help: "Workers for the run and threads for the parse floor.")
    var jobs: Int = 2

    @Option(help: "Pipeline file (default: the shipped pipelines/default.yml).")
    var pipeline: String?

    @Option(help: "The claimsieve binary (default: the one beside this benchmark).")
    var binary: String?

    @Flag(help: "Run with state (--reports into a temporary folder): a full run, then a run where nothing changed.")
    var state = false

    @Flag(help: "Keep the temporary output folder and print its path.")
    var keep = false

    func run() throws {
        let executable = binary ?? Self.sibling("claimsieve")
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw ValidationError("no claimsieve binary at \(executable): build it (swift build -c release --product claimsieve) or pass --binary")
        }
        let files = Self.pages(under: folder)
        guard !files.isEmpty else { throw ValidationError("no .html or .htm files under \(folder)") }
        let bytes = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        let megabytes = Double(bytes) / 1_000_000
        print(String(format: "corpus: %d pages, %.1f MB, --jobs %d", files.count, megabytes, jobs))

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("claimsieve-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { if !keep { try? FileManager.default.removeItem(atPath: scratch) } }

        var arguments = ["run", folder, "--jobs", "\(jobs)"]
        if let pipeline { arguments += ["--pipeline", pipeline] }
        arguments += state ? ["--reports", scratch + "/reports"] : ["--out", scratch + "/out"]
        // Run and floor alternate, round after round: on a shared machine the load moves
        // between two measurements minutes apart, and a ratio of one run to one floor measured
        // later carried that move (2.0× to 2.7× for the same build in one afternoon).
        var rounds: [(run: Measurement, floor: (cpu: Double, wall: Double))] = []
        for round in 0..<max(1, self.rounds) {
            let full = try measureRun(executable, arguments, scratch: scratch, megabytes: megabytes, verbose: round == 0)
            let floor = Self.parseFloor(files, threads: jobs)
            rounds.append((full, floor))
            if round == 0 {
                print(String(format: "parse floor (libxml2 htmlReadMemory + xmlFreeDoc, reading the files, %d threads): %.2f s CPU, %.2f s wall, %.1f MB/s",
                             jobs, floor.cpu, floor.wall, megabytes / floor.wall))
                print(String(format: "run / parse floor, CPU time: %.2f×", full.cpuSeconds / floor.cpu))
                // The pages as `clean` hands them to libxml2 (scripts' and styles' contents and
                // unread attributes dropped): what the run costs beyond its own parse.
                let own = Self.parseFloor(files, threads: jobs, elidingRawText: true)
                print(String(format: "the same parse of the pages as clean hands them over (scripts' and styles' contents and unread attributes dropped): %.2f s CPU; run / that: %.2f×",
                             own.cpu, full.cpuSeconds / own.cpu))
            }
            if self.rounds > 1 {
                print(String(format: "round %d: run %.2f s CPU (user %.2f, system %.2f; %.0f involuntary switches, %.0f minor faults), floor %.2f s CPU: %.2f×",
                             round + 1, full.cpuSeconds, full.userSeconds, full.systemSeconds, full.involuntarySwitches, full.minorFaults,
                             floor.cpu, full.cpuSeconds / floor.cpu))
            }
        }
        if rounds.count > 1 {
            let runs = rounds.map(\.run.cpuSeconds).sorted(), floors = rounds.map(\.floor.cpu).sorted()
            let ratios = rounds.map { $0.run.cpuSeconds / $0.floor.cpu }.sorted()
            print(String(format: "over %d rounds: run / parse floor %.2f× (medians: run %.2f s, floor %.2f s CPU; least of each %.2f×; rounds %.2f× to %.2f×)",
                         rounds.count, Self.median(runs) / Self.median(floors), Self.median(runs), Self.median(floors),
                         runs[0] / floors[0], ratios[0], ratios[ratios.count - 1]))
        }
        if keep { print("output kept in \(scratch)") }
    }

    @Option(help: "Rounds of the run and the parse floor, one after the other (the ratio of the medians is printed too).")
    var rounds: Int = 1

    static func median(_ sorted: [Double]) -> Double {
        sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// One run (with state, a full run then a night where nothing changed), printed when
    /// `verbose` (the first round), with the time per stage; the full run's measurement.
    private func measureRun(_ executable: String, _ arguments: [String], scratch: String, megabytes: Double, verbose: Bool) throws -> Measurement {
        let full: Measurement
        if state {
            try? FileManager.default.removeItem(atPath: scratch + "/reports")
            full = try measure(executable, arguments, summaryIn: scratch + "/reports/latest")
            if verbose { report("run (state, full)", full, megabytes: megabytes) }
            // The quiet night is printed once (the first round); later rounds skip its run.
            if verbose {
                let again = try measure(executable, arguments, summaryIn: scratch + "/reports/latest")
                report("run (state, nothing changed)", again, megabytes: megabytes)
                print(String(format: "nothing-changed night / full run: %.2f of the CPU, peak RSS %.0f MiB against %.0f MiB",
                             again.cpuSeconds / full.cpuSeconds, again.peakMiB, full.peakMiB))
            }
        } else {
            try? FileManager.default.removeItem(atPath: scratch + "/out")
            full = try measure(executable, arguments, summaryIn: scratch + "/out")
            if verbose { report("run", full, megabytes: megabytes) }
        }
        guard verbose else { return full }
        let stages = full.stageCPU.sorted { $0.value > $1.value }
        let inStages = stages.reduce(0) { $0 + $1.value }
        for (name, seconds) in stages {
            print("  " + Self.padded(name) + String(format: "%7.2f s CPU  %5.1f%%", seconds, 100 * seconds / full.cpuSeconds))
        }
        print("  " + Self.padded("outside") + String(format: "%7.2f s CPU  %5.1f%%  (start-up, planning, reports, state)",
                                                      full.cpuSeconds - inStages, 100 * (full.cpuSeconds - inStages) / full.cpuSeconds))
        print(String(format: "  user %.2f s, system %.2f s; %.0f involuntary context switches, %.0f minor page faults",
                     full.userSeconds, full.systemSeconds, full.involuntarySwitches, full.minorFaults))
        return full
    }

    /// What one child run cost.
    struct Measurement {
        var cpuSeconds: Double
        /// `cpuSeconds` in user and system time, and what the kernel counted of the child:
        /// involuntary context switches (other work took the core: the machine was busy) and
        /// minor page faults (memory the allocator took from the kernel, or gave back and took again).
        var userSeconds = 0.0
        var systemSeconds = 0.0
        var involuntarySwitches = 0.0
        var minorFaults = 0.0
        var wallSeconds: Double
        var peakMiB: Double
        var claims: Int
        var processed: Int
        var stageCPU: [String: Double]
    }

    private func measure(_ executable: String, _ arguments: [String], summaryIn folder: String) throws -> Measurement {
        // posix_spawn and wait4 rather than Process: the kernel gives this child's own usage,
        // where RUSAGE_CHILDREN's peak RSS is the largest of every child so far (a night where
        // nothing changed would show the full run's peak).
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let started = DispatchTime.now().uptimeNanoseconds
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, nil, nil, argv, environ)
        guard spawned == 0 else { throw ValidationError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let exitCode = (status >> 8) & 0xFF
        guard status & 0x7F == 0, exitCode == 0 || exitCode == 1 else {
            throw ValidationError("claimsieve \(arguments.joined(separator: " ")) ended with status \(status)")
        }
        let after = (cpu: Self.seconds(usage.ru_utime) + Self.seconds(usage.ru_stime), maxRSSKiB: Double(usage.ru_maxrss))
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))
        let summary = try JSONDecoder().decode(SummaryFigures.self, from: data)
        return Measurement(cpuSeconds: after.cpu, userSeconds: Self.seconds(usage.ru_utime), systemSeconds: Self.seconds(usage.ru_stime),
                           involuntarySwitches: Double(usage.ru_nivcsw), minorFaults: Double(usage.ru_minflt),
                           wallSeconds: wall, peakMiB: after.maxRSSKiB / 1024,
                           claims: summary.claims, processed: summary.processed,
                           stageCPU: summary.timings.stageCPUSeconds ?? summary.timings.stageSeconds)
    }

    private func report(_ label: String, _ m: Measurement, megabytes: Double) {
        print(String(format: "%@: %.2f s CPU, %.2f s wall, %.1f MB/s, %.0f claims/s, peak RSS %.0f MiB, %d documents processed, %d claims",
                     label, m.cpuSeconds, m.wallSeconds, megabytes / m.wallSeconds, Double(m.claims) / m.wallSeconds,
                     m.peakMiB, m.processed, m.claims))
    }

    /// The parts of `summary.json` the benchmark reads.
    private struct SummaryFigures: Decodable {
        struct Timings: Decodable {
            var stageSeconds: [String: Double]
            var stageCPUSeconds: [String: Double]?
            enum CodingKeys: String, CodingKey {
                case stageSeconds = "stage_seconds"
                case stageCPUSeconds = "stage_cpu_seconds"
            }
        }
        var claims: Int
        var processed: Int
        var timings: Timings
    }

    private static func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }

    /// libxml2 reading and parsing every file on `threads` threads, each file read from disk and
    /// parsed with the options `clean` uses: the least any run over these files can cost.
    static func parseFloor(_ files: [String], threads: Int, elidingRawText: Bool = false) -> (cpu: Double, wall: Double) {
        LibXML.initializeAlone()
        var before = rusage()
        getrusage(RUSAGE_SELF.rawValue, &before)
        let started = DispatchTime.now().uptimeNanoseconds
        let next = Locked(0)
        DispatchQueue.concurrentPerform(iterations: max(1, threads)) { _ in
            while let index = next.withLock({ value -> Int? in
                guard value < files.count else { return nil }
                defer { value += 1 }
                return value
            }) {
                guard let data = FileManager.default.contents(atPath: files[index]) else { continue }
                _ = data.withUnsafeBytes { LibXML.parseHTMLOnly($0.bindMemory(to: UInt8.self), elidingRawText: elidingRawText) }
            }
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        var after = rusage()
        getrusage(RUSAGE_SELF.rawValue, &after)
        let cpu = seconds(after.ru_utime) + seconds(after.ru_stime) - seconds(before.ru_utime) - seconds(before.ru_stime)
        return (cpu, wall)
    }

    /// The HTML files under `folder`, sorted.
    static func pages(under folder: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            let lower = relative.lowercased()
            if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { files.append(folder + "/" + relative) }
        }
        return files.sorted()
    }

    private static func padded(_ name: String) -> String {
        name + String(repeating: " ", count: max(1, 13 - name.count))
    }

    /// A file beside this executable.
    static func sibling(_ name: String) -> String {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return me.deletingLastPathComponent().appendingPathComponent(name).path
    }
}
