@testable import ClaimSieveReports
import Testing

/// `--shard`: K/N, and K and N from the array-job engines' environment.
@Suite struct ShardSpecTests {
    @Test func kOfNIsParsedAndChecked() throws {
        #expect(try ShardSpec.parse("2/7", environment: [:]) == ShardSpec(index: 2, count: 7))
        #expect(try ShardSpec.parse("0/1", environment: [:]) == ShardSpec(index: 0, count: 1))
        for bad in ["7/7", "-1/4", "x/4", "3", "3/0", "1/2/3", "", "/4"] {
            #expect(throws: ShardSpec.Invalid.self, "\(bad)") { try ShardSpec.parse(bad, environment: [:]) }
        }
    }

    @Test func autoTakesKAndNFromKubernetesSlurmAndAWSBatch() throws {
        #expect(try ShardSpec.parse("auto", environment: ["JOB_COMPLETION_INDEX": "3", "CLAIMSIEVE_SHARD_COUNT": "5"])
            == ShardSpec(index: 3, count: 5))
        #expect(try ShardSpec.parse("auto/6", environment: ["JOB_COMPLETION_INDEX": "5"]) == ShardSpec(index: 5, count: 6))
        // A Slurm array may start at 1: K counts from its first task.
        #expect(try ShardSpec.parse("auto", environment: ["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "1",
                                                          "SLURM_ARRAY_TASK_COUNT": "4"]) == ShardSpec(index: 3, count: 4))
        #expect(try ShardSpec.parse("auto", environment: ["AWS_BATCH_JOB_ARRAY_INDEX": "0", "AWS_BATCH_JOB_ARRAY_SIZE": "2"])
            == ShardSpec(index: 0, count: 2))
        // Kubernetes gives no count: saying so beats guessing.
        #expect(throws: ShardSpec.Invalid.self) { try ShardSpec.parse("auto", environment: ["JOB_COMPLETION_INDEX": "0"]) }
        #expect(throws: ShardSpec.Invalid.self) { try ShardSpec.parse("auto", environment: [:]) }
        #expect(throws: ShardSpec.Invalid.self) {
            try ShardSpec.parse("auto", environment: ["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "4"])
        }
    }

    /// The key is the identity's, fixed across processes and machines (FNV-1a, not `Hasher`).
    @Test func theKeyIsAStableHashOfTheIdentity() {
        #expect(ShardSpec.key("") == 0xCBF2_9CE4_8422_2325)
        #expect(ShardSpec.key("a") == 0xAF63_DC4C_8601_EC8C)
        let identities = (0..<1000).map { "pages/\($0).html" }
        let spread = (0..<4).map { k in identities.filter { ShardSpec(index: k, count: 4).contains(identity: $0) }.count }
        #expect(spread.reduce(0, +) == 1000)
        #expect(spread.allSatisfy { $0 > 200 }, "\(spread)")
    }

    /// Documents are matched to their inputs in one pass: feed items by `#`, inputs without documents skipped.
    @Test func documentsAreMatchedToTheirInputs() throws {
        let entries = [(index: 2, identity: "f/a.rss"), (index: 5, identity: "f/b.html"), (index: 9, identity: "f/c.html")]
        let order = try ShardResult.documentEntries(["f/a.rss#item-1", "f/a.rss#item-2", "f/c.html"], entries: entries)
        #expect(order == [2, 2, 9])
        #expect(throws: ShardMergeError.self) { try ShardResult.documentEntries(["g/x.html"], entries: entries) }
    }
}
