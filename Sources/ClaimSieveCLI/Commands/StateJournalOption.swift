import ArgumentParser
import ClaimSieveState
import Foundation

/// `--state-journal` of `run` and `review`: how the state file is journaled (`StateJournal`).
enum StateJournalOption {
    static let help = ArgumentHelp(
        "How the state file is journaled: wal (write-ahead log, synchronous=NORMAL; a power loss may lose the last batches, which the next run processes again), exclusive (for a state on NFS or SMB: no -shm file, but no reader during a run) or rollback (SQLite's defaults, a sync per commit). Default: $CLAIMSIEVE_STATE_JOURNAL, else an existing file's own mode (wal or rollback; set exclusive yourself on NFS), else wal for a new file.",
        valueName: "wal|exclusive|rollback")

    /// The option's value, else `CLAIMSIEVE_STATE_JOURNAL`, else nil: the state keeps the mode
    /// its file is in (`wal` for a new file; see `StateStore.init`), so an upgrade or a `review`
    /// never converts it silently. A message naming the bad value and where it came from otherwise.
    static func resolve(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Result<StateJournal?, Invalid>
    {
        guard let chosen: (String, String) = option.map({ ($0, "--state-journal") })
            ?? environment["CLAIMSIEVE_STATE_JOURNAL"].flatMap({ $0.isEmpty ? nil : ($0, "CLAIMSIEVE_STATE_JOURNAL") })
        else { return .success(nil) }
        let (value, origin) = chosen
        guard let journal = StateJournal(rawValue: value) else {
            return .failure(Invalid(description: "\(origin): '\(value)' is not a journal: wal, exclusive or rollback"))
        }
        return .success(journal)
    }

    /// A value that names no journal, with where it came from.
    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }
}
