// swift-tools-version:6.0
// A team's own ClaimSieve: the whole command line plus one stage, without forking ClaimSieve.
import PackageDescription

let package = Package(
    name: "CustomStage",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "claimsieve-custom", targets: ["claimsieve-custom"]),
    ],
    dependencies: [
        // In your own repository: .package(url: "https://your.git.host/claimsieve.git", from: "1.0.0")
        .package(name: "ClaimSieve", path: "../.."),
    ],
    targets: [
        // The stage in a library of its own, so that it can have unit tests.
        .target(
            name: "DropSports",
            dependencies: [.product(name: "ClaimSieveCore", package: "ClaimSieve")]
        ),
        // The executable: every claimsieve command, plus the stage.
        .executableTarget(
            name: "claimsieve-custom",
            dependencies: ["DropSports", .product(name: "ClaimSieveCLI", package: "ClaimSieve")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
