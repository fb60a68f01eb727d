import ClaimSieveTestSupport
import Foundation
import Testing

/// `claimsieve eval-extraction` through the binary: a set folder alone is enough, the worst pages
/// are listed, and the furniture leak check counts what the furniture kinds remove.
@Suite struct EvalExtractionTests {
    /// A set of two pages: one clean, one whose body ends with a copyright line the truth lacks.
    private func smallSet() throws -> String {
        let folder = TestPaths.temporaryFolder("claimsieve-eval-set")
        try FileManager.default.createDirectory(atPath: folder + "/html", withIntermediateDirectories: true)
        let article = "The river burst its banks on Monday night, flooding two hundred homes in the old town, the mayor said."
        let second = "Rescue teams worked through the night and reached every street by the morning, the fire service said."
        try "<html><body><article><p>\(article)</p><p>\(second)</p></article></body></html>"
            .write(toFile: folder + "/html/clean.html", atomically: true, encoding: .utf8)
        try "<html><body><article><p>\(article)</p><p>\(second) Copyright @ 2019 The River Times.</p></article></body></html>"
            .write(toFile: folder + "/html/leaky.html", atomically: true, encoding: .utf8)
        let truth = ["clean": ["articleBody": article + "\n\n" + second], "leaky": ["articleBody": article + "\n\n" + second]]
        try JSONSerialization.data(withJSONObject: truth).write(to: URL(fileURLWithPath: folder + "/ground-truth.json"))
        return folder
    }

    @Test func scoresASetFolderListsTheWorstPagesAndCountsLeaks() throws {
        let folder = try smallSet()
        let result = try Binary.run(["eval-extraction", folder, "--worst", "1", "--leaks"])
        #expect(result.status == 0, "\(result.standardError)")
        let output = result.standardOutput
        #expect(output.contains("pages 2"))
        #expect(output.contains("worst pages (precision, recall):\n  leaky  P "), "\(output)")
        #expect(output.contains("without furniture kinds 1, with them 0"), "\(output)")
        #expect(output.contains("    copyright 1"))
        // The two-argument form still works.
        let explicit = try Binary.run(["eval-extraction", folder + "/html", folder + "/ground-truth.json", "--worst", "0"])
        #expect(explicit.status == 0)
        #expect(explicit.standardOutput.contains("pages 2"))
        #expect(!explicit.standardOutput.contains("worst pages"))
    }

    @Test(.enabled(if: TestLane.full, "slow: the leak check runs the whole Zyte set twice"))
    func noFurnitureLeaksOnTheZyteBenchmark() throws {
        let set = TestPaths.inShared("eval/extraction-zyte")
        guard FileManager.default.fileExists(atPath: set + "/ground-truth.json") else { return }
        let result = try Binary.run(["eval-extraction", set, "--worst", "0", "--leaks"])
        #expect(result.status == 0, "\(result.standardError)")
        // 23 leaked claims without the furniture kinds when they were added; none with them.
        #expect(result.standardOutput.contains(", with them 0"), "\(result.standardOutput)")
    }
}
