@testable import ClaimSieveCore
import ClaimSieveTestSupport
import Foundation
import Testing
import Yams

/// `FurnitureKind(plain:)` reads a kind's nodes by hand; `YAMLDecoder` (the slow path) must agree
/// on every kind the hand walk accepts.
@Suite("Furniture kinds read without YAMLDecoder") struct FurniturePlainReadTests {
    static func decoded(_ node: Node) -> FurnitureKind? { try? YAMLDecoder().decode(FurnitureKind.self, from: node) }

    @Test func theShippedKindsAreReadByHandAsTheDecoderReadsThem() throws {
        let node = try DataFileLoader.compose(path: TestPaths.inRepository("pipelines/lexicons/en-furniture.yml"))
        let kinds = try #require(node.mapping?["kinds"]?.mapping)
        #expect(kinds.count > 5)
        for (key, value) in kinds {
            let plain = try #require(FurnitureKind(plain: value), "\(key.string ?? "")")
            #expect(plain == Self.decoded(value), "\(key.string ?? "")")
        }
    }

    @Test func agreesWithTheDecoderOnRandomKinds() throws {
        let lists = ["[a, b]", "[]", "[\"x y\", '#z']", "[1, true]", "[~]", "x", "~", "{a: 1}"]
        let values: [String: [String]] = [
            "description": ["words", "\"quoted\"", "1", "~", "[a]"],
            "max_words": ["12", "0", "-1", "0x10", "2.5", "~", "x"],
            "where": ["start", "end", "edge", "anywhere", "middle", "~"],
            "keep_as": ["byline", "copyright", "other", "~"],
            "starts_with": lists, "contains": lists, "ends_with": lists, "equals": lists, "also_contains": lists,
            "examples": lists, "counterexamples": lists,
        ]
        let keys = values.keys.sorted()
        var random = SplitMix64(state: 13)
        var accepted = 0
        var declined = 0
        for _ in 0..<800 {
            var pairs: [String] = []
            for key in keys where Int.random(in: 0..<3, using: &random) == 0 {
                // The first three values of each key are good ones most of the time.
                let choices = values[key]!
                let value = Int.random(in: 0..<6, using: &random) == 0 ? choices.randomElement(using: &random)! : choices[Int.random(in: 0..<3, using: &random)]
                pairs.append("\(key): \(value)")
            }
            if Int.random(in: 0..<20, using: &random) == 0 { pairs.append("bogus: 1") }
            if Int.random(in: 0..<20, using: &random) == 0 { pairs.append("\"contains\": [q]") }
            pairs.shuffle(using: &random)
            let yaml = "{" + pairs.joined(separator: ", ") + "}\n"
            guard let node = try? DataFileLoader.compose(yaml, file: "random.yml") else { continue }
            let slow = Self.decoded(node)
            if let plain = FurnitureKind(plain: node) {
                accepted += 1
                #expect(plain == slow, "\(yaml)")
            } else {
                declined += 1
            }
        }
        #expect(accepted > 50 && declined > 50, "accepted \(accepted), declined \(declined)")
    }

    @Test func aDeclinedKindStillFailsWithTheDecodersMessage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("furniture-plain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("furniture.yml").path
        try "kinds:\n  credit:\n    contains: [photo]\n    where: middle\n".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try FurnitureLexicon.load(path: path)
            Issue.record("an unknown place was accepted")
        } catch {
            #expect("\(error)".contains(path))
            #expect("\(error)".contains("kind 'credit'"))
        }
    }
}
