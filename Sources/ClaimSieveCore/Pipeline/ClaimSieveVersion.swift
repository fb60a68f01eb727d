/// The program version: printed by `--version` and part of the pipeline fingerprint, so a new
/// release reprocesses documents whose output it may change.
public enum ClaimSieveVersion {
    /// Semantic version of this build; bump it when output may change, so states reprocess.
    public static let current = "0.2.0"
}
