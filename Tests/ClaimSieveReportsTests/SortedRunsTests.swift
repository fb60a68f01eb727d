import Foundation
import Testing

@testable import ClaimSieveReports

@Suite struct SortedRunsTests {
    struct Pair: BitwiseCopyable, Comparable {
        var value: Int64
        var order: Int64

        static func < (a: Pair, b: Pair) -> Bool { a.value != b.value ? a.value < b.value : a.order < b.order }
    }

    func path() -> String { NSTemporaryDirectory() + "runs-\(UUID().uuidString)" }

    /// Records in the order of a seeded generator, many equal values apart from `order`.
    func records(_ count: Int) -> [Pair] {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        return (0..<count).map { index in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Pair(value: Int64(state >> 54), order: Int64(index))
        }
    }

    /// Merged from runs on disk or sorted in memory, the records come out in the same order as
    /// a sort of all of them, whatever the run length and the merge buffer.
    @Test(arguments: [(1, 1), (7, 3), (100, 64), (1 << 16, 1 << 11)])
    func theRunsMergeIntoOneSortedOrder(runLength: Int, mergeBuffer: Int) throws {
        let input = records(1_000)
        var runs = SortedRuns<Pair>(path: path(), runLength: runLength, mergeBuffer: mergeBuffer)
        for record in input { try runs.append(record) }
        #expect(runs.count == 1_000)
        var output: [Pair] = []
        try runs.drain { output.append($0) }
        #expect(output == input.sorted())
        #expect(runs.count == 0)
    }

    /// Records sorted in stretches as they are appended (`presortLength`) come out in the order
    /// of a sort of all of them, with the run in memory or cut at a length that is no multiple
    /// of the stretch.
    @Test(arguments: [1 << 16, 2 * 4096 + 3])
    func presortedStretchesMergeIntoOneSortedOrder(runLength: Int) throws {
        let input = records(3 * SortedRuns<Pair>.presortLength + 5)
        var runs = SortedRuns<Pair>(path: path(), runLength: runLength, mergeBuffer: 64)
        for record in input { try runs.append(record) }
        var output: [Pair] = []
        try runs.drain { output.append($0) }
        #expect(output == input.sorted())
    }

    /// A run written to disk leaves its scratch file only until the records are read.
    @Test func theScratchFileIsRemovedOnceRead() throws {
        let file = path()
        var runs = SortedRuns<Pair>(path: file, runLength: 10)
        for record in records(25) { try runs.append(record) }
        #expect(FileManager.default.fileExists(atPath: file))
        try runs.drain { _ in }
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    /// An error thrown while reading stops the merge and still removes the file.
    @Test func anErrorWhileReadingStopsTheMerge() throws {
        struct Stop: Error {}
        let file = path()
        var runs = SortedRuns<Pair>(path: file, runLength: 10)
        for record in records(25) { try runs.append(record) }
        var seen = 0
        #expect(throws: Stop.self) {
            try runs.drain { _ in
                seen += 1
                if seen == 5 { throw Stop() }
            }
        }
        #expect(seen == 5)
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    /// A folder that cannot take the scratch file fails with its path.
    @Test func anUnwritableFolderIsAnError() throws {
        var runs = SortedRuns<Pair>(path: "/nonexistent-\(UUID().uuidString)/runs", runLength: 2)
        try runs.append(Pair(value: 1, order: 0))
        #expect(throws: CocoaError.self) { try runs.append(Pair(value: 0, order: 1)) }
    }
}
