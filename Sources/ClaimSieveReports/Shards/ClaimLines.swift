/// The `claims.jsonl` line of one record, for writers other than the report (`claimsieve stream`):
/// the same bytes, keys sorted, so a line streamed equals the line of a run's file (without its
/// `corroboration`, which needs the whole run).
public enum ClaimLines {
    /// Appends the record's line, without the newline.
    public static func append(_ record: ClaimRecord, to out: inout [UInt8]) {
        ClaimRecordJSON.append(record, to: &out)
    }
}
