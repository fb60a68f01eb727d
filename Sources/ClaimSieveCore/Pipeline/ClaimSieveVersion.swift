/// The program version: printed by `--version` and part of the pipeline fingerprint, so a new
/// release reprocesses documents whose output it may change.
public enum ClaimSieveVersion {
    public static let current = "0.1.0"
}
