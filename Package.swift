// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
    name: "ClaimSieve",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "claimsieve", targets: ["claimsieve"]),
        .library(name: "ClaimSieveCore", targets: ["ClaimSieveCore"]),
        .library(name: "ClaimSieveCLI", targets: ["ClaimSieveCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Report templates (issue 15): logic-less, no dependencies of its own, HTML escaping by default.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // libxml2 through pkg-config; the shim wraps what Swift 6 cannot call directly.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Model, stage protocol, registry, pipeline file, Dispatch runner. Imports nothing of ours.
        .target(
            name: "ClaimSieveCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // libxml2's allocator while a document is parsed and read: a bump arena per thread (C).
        .target(name: "CDocumentArena"),
        // The `clean` stage: libxml2 parsing and main-text extraction.
        .target(name: "ClaimSieveExtraction", dependencies: ["ClaimSieveCore", "CLibXML2", "CDocumentArena"]),
        // The `split`, `tag` and `verdict` stages.
        .target(
            name: "ClaimSieveLanguage",
            dependencies: ["ClaimSieveCore", .product(name: "Yams", package: "Yams")]
        ),
        // The `command` stage: any program as a stage, over JSON Lines.
        .target(
            name: "ClaimSieveCommandStage",
            dependencies: ["ClaimSieveCore", .product(name: "Logging", package: "swift-log")]
        ),
        // The report writers (the sink) and the metrics file for monitors.
        .target(
            name: "ClaimSieveReports",
            dependencies: [
                "ClaimSieveCore", .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // What outlives a run: SQLite state (GRDB), the run lock, fingerprints, dated report folders.
        .target(
            name: "ClaimSieveState",
            dependencies: [
                "ClaimSieveCore", "ClaimSieveReports",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The command line as a library, so a team's own executable can add stages.
        .target(
            name: "ClaimSieveCLI",
            dependencies: [
                "ClaimSieveCore", "ClaimSieveExtraction", "ClaimSieveLanguage", "ClaimSieveReports",
                "ClaimSieveCommandStage", "ClaimSieveState",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "claimsieve", dependencies: ["ClaimSieveCLI"]),
        // Release-build benchmarks: `swift run -c release claimsieve-bench --help`.
        .executableTarget(
            name: "claimsieve-bench",
            dependencies: [
                "ClaimSieveCore", "ClaimSieveExtraction", "ClaimSieveLanguage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Helpers shared by the test targets: repository paths, marked text.
        .target(name: "ClaimSieveTestSupport", dependencies: ["ClaimSieveCore"], path: "Tests/ClaimSieveTestSupport"),
        .testTarget(name: "ClaimSieveCoreTests", dependencies: ["ClaimSieveCore", "ClaimSieveTestSupport"]),
        .testTarget(name: "ClaimSieveExtractionTests", dependencies: ["ClaimSieveExtraction", "CDocumentArena", "ClaimSieveTestSupport"]),
        .testTarget(
            name: "ClaimSieveLanguageTests",
            dependencies: ["ClaimSieveLanguage", "ClaimSieveTestSupport"],
            exclude: ["Fixtures"]  // read through #filePath, not bundled
        ),
        .testTarget(name: "ClaimSieveReportsTests", dependencies: [
            "ClaimSieveReports", "ClaimSieveTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "ClaimSieveStateTests", dependencies: ["ClaimSieveState", "ClaimSieveTestSupport"]),
        .testTarget(name: "ClaimSieveCommandStageTests", dependencies: ["ClaimSieveCommandStage", "ClaimSieveTestSupport"]),
        // Runs the built `claimsieve` binary.
        .testTarget(name: "ClaimSieveEndToEndTests", dependencies: ["claimsieve", "ClaimSieveCore", "ClaimSieveTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer target (scripts/fuzz.sh): only with CLAIMSIEVE_FUZZ set, because it has no
// `main` of its own (libFuzzer supplies it) and links only with `-sanitize=fuzzer`.
if ProcessInfo.processInfo.environment["CLAIMSIEVE_FUZZ"] != nil {
    package.products.append(.executable(name: "claimsieve-fuzz", targets: ["claimsieve-fuzz"]))
    package.targets.append(.executableTarget(
        name: "claimsieve-fuzz",
        dependencies: ["ClaimSieveCore", "ClaimSieveExtraction", "ClaimSieveLanguage", "ClaimSieveReports"],
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
}

// Strictness for every target in one place.
for target in package.targets where target.type != .system && target.name != "CDocumentArena" {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
