import ClaimSieveCore
import Foundation
import Testing
@testable import ClaimSieveCommandStage

/// The `command` stage's options as `validate` sees them: typed, closed, located by line.
@Suite struct CommandStageOptionsTests {
    static func problems(_ stages: String, folder: String = NSTemporaryDirectory()) throws -> [String] {
        let text = "inputs: [x]\nstages:\n  - fetch\n" + stages
        let file = try PipelineFile.parse(text, path: folder + "/p.yml")
        let builder = PipelineBuilder(registry: StageRegistry([FetchStage.self, CommandStage.self]))
        return builder.problems(in: file).map(\.description)
    }

    @Test func validOptionsBuild() throws {
        #expect(try Self.problems("  - command: {run: [python3, -c, 'pass'], timeout: 500ms, max_bytes: 1000, name: noop}\n") == [])
        #expect(try Self.problems("  - command:\n      run: [sh, -c, 'cat']\n      timeout: 2\n") == [])
    }

    @Test func anUnknownOptionIsReportedWithItsLine() throws {
        let problems = try Self.problems("  - command:\n      run: [python3]\n      tiemout: 10s\n")
        #expect(problems.count == 1)
        #expect(problems.first?.contains("p.yml:6:") == true, "\(problems)")
        #expect(problems.first?.contains("stage 'command' has no option 'tiemout'; valid options: run, timeout, max_bytes, name, stderr_level") == true, "\(problems)")
    }

    @Test func aTimeoutThatIsNotADurationIsReportedWithItsLine() throws {
        let problems = try Self.problems("  - command:\n      run: [python3]\n      timeout: soon\n")
        #expect(problems.count == 1)
        #expect(problems.first?.contains("p.yml:6:") == true, "\(problems)")
        #expect(problems.first?.contains("option 'timeout'") == true, "\(problems)")
        #expect(problems.first?.contains("expected a duration above zero such as 10s, 500ms or 2m") == true, "\(problems)")
        #expect(problems.first?.contains("found 'soon'") == true, "\(problems)")
    }

    @Test func anAbsurdTimeoutIsAnErrorNotATrap() throws {
        for value in ["1e11s", "1e19", "8d"] {
            let problems = try Self.problems("  - command:\n      run: [python3]\n      timeout: \(value)\n")
            #expect(problems.first?.contains("option 'timeout'") == true, "\(value): \(problems)")
        }
        #expect(try Self.problems("  - command:\n      run: [python3]\n      timeout: 2h\n").isEmpty)
    }

    @Test func aMissingRunIsAnError() throws {
        let withOptions = try Self.problems("  - command: {timeout: 5s}\n")
        #expect(withOptions.first?.contains("option 'run': is required") == true, "\(withOptions)")
        let bare = try Self.problems("  - command\n")
        #expect(bare.first?.contains("`run` needs the program") == true, "\(bare)")
    }

    @Test func aRunThatIsNotAListIsAnError() throws {
        let problems = try Self.problems("  - command: {run: {program: x}}\n")
        #expect(problems.first?.contains("option 'run'") == true, "\(problems)")
    }

    @Test func aProgramThatDoesNotExistIsAnError() throws {
        let onPath = try Self.problems("  - command: {run: [no-such-program-xyz]}\n")
        #expect(onPath.first?.contains("program 'no-such-program-xyz' not found on PATH") == true, "\(onPath)")
        let relative = try Self.problems("  - command: {run: [./nowhere/stage.sh]}\n")
        #expect(relative.first?.contains("program './nowhere/stage.sh' not found") == true, "\(relative)")
    }

    /// `python3 ../scripts/stages/flag_numbrs.py` starts python, which exits at once: the
    /// misspelt script is the problem `validate` reports, with the stage's line.
    @Test func aScriptArgumentThatNamesNoFileIsAnError() throws {
        let folder = try StageScripts.folder(with: "pass\n", named: "stage.py")
        let problems = try Self.problems("  - command: {run: [python3, ../stages/flag_numbrs.py]}\n", folder: folder)
        #expect(problems.count == 1 && problems.first?.contains("p.yml:4:") == true, "\(problems)")
        #expect(problems.first?.contains("argument '../stages/flag_numbrs.py' of `run` names no file") == true, "\(problems)")
        let absolute = try Self.problems("  - command: {run: [sh, /no/such/stage.sh]}\n", folder: folder)
        #expect(absolute.first?.contains("argument '/no/such/stage.sh' of `run` names no file") == true, "\(absolute)")
        // The script found; a later path (a file the program writes), inline code and flags are not checked.
        #expect(try Self.problems("  - command: {run: [python3, ./stage.py, \(folder)/new/progress.log]}\n", folder: folder) == [])
        #expect(try Self.problems("  - command: {run: [python3, -c, 'open(\"/no/such\")', -o, a/b=c]}\n", folder: folder) == [])
    }

    @Test func aScriptArgumentIsResolvedAgainstThePipelineFolder() throws {
        let folder = try StageScripts.folder(with: "pass\n", named: "stage.py")
        let stage = try CommandStage(options: .init(run: ["python3", "stage.py", "-v", "words"]),
                                     context: StageContext(baseDirectory: folder))
        #expect(stage.commandLine.dropFirst() == [folder + "/stage.py", "-v", "words"])
        #expect(stage.commandLine.first?.hasSuffix("/python3") == true)
    }

    @Test(arguments: [("10s", 10.0), ("500ms", 0.5), ("2m", 120.0), ("1.5s", 1.5), ("3", 3.0), ("1h", 3600.0)])
    func durationsParse(text: String, seconds: Double) {
        #expect(StageDuration(parsing: text)?.seconds == seconds)
    }

    @Test(arguments: ["soon", "0", "-1s", "10 parsecs", ""])
    func nonDurationsDoNotParse(text: String) {
        #expect(StageDuration(parsing: text) == nil)
    }
}
