import ClaimSieveCore
import Foundation
import Logging

/// The program and arguments of a `command` stage, with paths resolved the way the rest of a
/// pipeline file resolves them.
///
/// Paths in a pipeline file are relative to the file so that cron, systemd and a shell in another
/// folder all run the same thing. A command line mixes paths with plain words, so only what names
/// an existing file is rewritten: the program when it contains a `/`, and any argument that exists
/// relative to the pipeline file's folder. Everything else (flags, words, paths relative to the
/// working directory) is passed through as written.
struct CommandInvocation: Sendable, Equatable {
    /// Absolute or working-directory-relative path of the program to start.
    var executable: String
    var arguments: [String]
    /// The command as the pipeline file wrote it, shortened: used in reasons and logs.
    var label: String
    /// The level its standard error lines are logged at (`stderr_level`).
    var stderrLevel: Logger.Level = .info

    static func resolve(_ run: [String], name: String?, context: StageContext,
                        environment: [String: String] = ProcessInfo.processInfo.environment) throws -> CommandInvocation {
        guard let program = run.first, !program.isEmpty else {
            throw StageError("`run` needs the program and its arguments, e.g. run: [python3, scripts/stages/flag_numbers.py]")
        }
        let files = FileManager.default
        let executable: String
        if program.contains("/") {
            let candidates = [context.resolve(program), program]
            guard let found = candidates.first(where: { files.fileExists(atPath: $0) }) else {
                throw StageError("program '\(program)' not found (looked relative to \(context.baseDirectory) and to the working directory)")
            }
            guard files.isExecutableFile(atPath: found) else {
                throw StageError("program '\(found)' is not executable: chmod +x it, or run it through its interpreter, e.g. run: [python3, \(program)]")
            }
            executable = found
        } else {
            let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
            guard let found = folders.map({ $0 + "/" + program }).first(where: { files.isExecutableFile(atPath: $0) }) else {
                throw StageError("program '\(program)' not found on PATH")
            }
            executable = found
        }
        // A script the command names that is not there (`../scripts/stages/flag_numbrs.py`)
        // would start the interpreter, which exits at once: `run` fails with exit 65 and
        // `validate` would have passed. The first argument that looks like a path is the
        // script (`python3 SCRIPT`, `sh SCRIPT`); when it names nothing, relative to the pipeline
        // file or to the working directory, that is the problem instead. Later ones may be files
        // the program writes (a log), so they are not checked.
        if let missing = run.dropFirst().first(where: looksLikePath), !files.fileExists(atPath: context.resolve(missing)),
            !files.fileExists(atPath: missing) {
            let looked = missing.hasPrefix("/") ? "" : " (looked relative to \(context.baseDirectory) and to the working directory)"
            throw StageError("argument '\(missing)' of `run` names no file\(looked)")
        }
        let arguments = run.dropFirst().map { argument -> String in
            guard !argument.isEmpty, !argument.hasPrefix("/"), !argument.hasPrefix("-") else { return argument }
            let candidate = context.resolve(argument)
            return candidate != argument && files.fileExists(atPath: candidate) ? candidate : argument
        }
        let label = name ?? run.map { ($0 as NSString).lastPathComponent }.joined(separator: " ")
        return CommandInvocation(executable: executable, arguments: arguments, label: label)
    }

    /// Whether an argument reads as a file's path: absolute, or with a folder in it
    /// (`stages/flag.py`, `../x.py`), and not a flag, an address, an assignment or inline code
    /// (`-c`, `http://…`, `key=a/b`, `print('a/b')`). A bare name (`words`, `flag.py`) is not
    /// taken for one: a command's plain words are as likely as file names.
    static func looksLikePath(_ argument: String) -> Bool {
        guard !argument.isEmpty, !argument.hasPrefix("-"), argument.utf8.contains(UInt8(ascii: "/")) else { return false }
        if argument.contains("://") { return false }
        let code: Set<UInt8> = Set(" \t\n'\"`;()$=*?{}[]<>|&!,".utf8)
        return !argument.utf8.contains(where: code.contains)
    }
}
