import ClaimSieveCore

/// Which part of the inputs one machine takes: shard `index` of `count` (counting from 0).
///
/// An input belongs to the shard its stable key falls in: a 64-bit FNV-1a hash of its identity
/// (`<root folder name>/<path below the root>`, see `InputWalker.Located`), modulo `count`. The
/// identity does not change with the order a folder is listed in, the checkout's location or the
/// machine, so every shard of a night agrees on who takes what without talking to the others,
/// and an input stays in the same shard night after night (its state is in that shard's store).
public struct ShardSpec: Sendable, Equatable, CustomStringConvertible {
    /// This shard, from 0 to `count - 1`.
    public var index: Int
    /// How many shards the inputs are spread over, at least 1.
    public var count: Int

    /// `index` must be in `0..<count`.
    public init(index: Int, count: Int) {
        precondition(count >= 1 && (0..<count).contains(index), "shard \(index) of \(count)")
        self.index = index
        self.count = count
    }

    /// "K/N", as `--shard` takes it and messages print it.
    public var description: String { "\(index)/\(count)" }

    /// Whether the input with this identity is in this shard.
    public func contains(identity: String) -> Bool {
        Int(Self.key(identity) % UInt64(count)) == index
    }

    /// The stable key of an identity: 64-bit FNV-1a over its UTF-8 bytes (the same on every
    /// machine and in every Swift version, unlike `Hasher`, which is seeded per process).
    public static func key(_ identity: String) -> UInt64 {
        FNV1a.hash(identity.utf8)
    }

    /// Why a `--shard` value or the engine's environment cannot name a shard.
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// The environment variables the array-job engines set, as (index, count) names; the first
    /// pair whose index is set wins. Kubernetes and AWS Batch do not export the count, so it is
    /// also read from `CLAIMSIEVE_SHARD_COUNT` (the manifests set it).
    static let engines: [(engine: String, index: String, count: [String])] = [
        ("Kubernetes Indexed Job", "JOB_COMPLETION_INDEX", ["CLAIMSIEVE_SHARD_COUNT"]),
        ("Slurm array", "SLURM_ARRAY_TASK_ID", ["SLURM_ARRAY_TASK_COUNT", "CLAIMSIEVE_SHARD_COUNT"]),
        ("AWS Batch array", "AWS_BATCH_JOB_ARRAY_INDEX", ["AWS_BATCH_JOB_ARRAY_SIZE", "CLAIMSIEVE_SHARD_COUNT"]),
    ]

    /// Parses `--shard`: `K/N` (0 <= K < N), `auto/N` (K from the engine's environment) or `auto`
    /// (both from it). A Slurm array need not start at 0: K is `SLURM_ARRAY_TASK_ID` minus
    /// `SLURM_ARRAY_TASK_MIN`.
    public static func parse(_ text: String, environment: [String: String]) throws(Invalid) -> ShardSpec {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, let first = parts.first, !first.isEmpty else {
            throw Invalid(description: "--shard takes K/N (e.g. 0/4), auto/N or auto, not '\(text)'")
        }
        var count: Int?
        if parts.count == 2 {
            guard let value = Int(parts[1]), value >= 1 else {
                throw Invalid(description: "--shard \(text): the shard count N must be a whole number of at least 1")
            }
            count = value
        }
        let index: Int
        if first == "auto" {
            let found = try fromEnvironment(environment, count: count)
            index = found.index
            count = found.count
        } else {
            guard let value = Int(first), value >= 0 else {
                throw Invalid(description: "--shard \(text): the shard K must be a whole number from 0")
            }
            guard let count else {
                throw Invalid(description: "--shard \(text): give the count too, as K/N (e.g. \(value)/4)")
            }
            index = value
            _ = count
        }
        guard let count, index < count else {
            throw Invalid(description: "--shard \(text): shard \(index) does not exist among \(count ?? 0) (K counts from 0 to N-1)")
        }
        return ShardSpec(index: index, count: count)
    }

    /// K (and N unless given) from the first engine whose index variable is set.
    static func fromEnvironment(_ environment: [String: String], count given: Int?) throws(Invalid) -> (index: Int, count: Int?) {
        for engine in engines {
            guard let raw = environment[engine.index] else { continue }
            guard var index = Int(raw), index >= 0 else {
                throw Invalid(description: "\(engine.index)=\(raw) (\(engine.engine)) is not a shard number")
            }
            if engine.index == "SLURM_ARRAY_TASK_ID", let minimum = environment["SLURM_ARRAY_TASK_MIN"].flatMap({ Int($0) }) {
                index -= minimum
            }
            if let given { return (index, given) }
            for name in engine.count {
                if let raw = environment[name] {
                    guard let count = Int(raw), count >= 1 else {
                        throw Invalid(description: "\(name)=\(raw) is not a shard count")
                    }
                    return (index, count)
                }
            }
            throw Invalid(description: "\(engine.index) is set (\(engine.engine)) but not the number of shards: set \(engine.count.joined(separator: " or ")), or pass --shard auto/N")
        }
        let names = engines.map(\.index).joined(separator: ", ")
        throw Invalid(description: "--shard auto: none of \(names) is set; pass --shard K/N")
    }
}
