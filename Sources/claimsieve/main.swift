import ClaimSieveCLI

// The executable only wires: all commands live in ClaimSieveCLI, so a team's own executable
// can do the same with `ClaimSieveCLI.main(stages: [MyStage.self])`.
ClaimSieveCLI.main()
