import ClaimSieveCLI
import DropSports

// Every command of claimsieve (`run`, `stages`, `validate`, ...) now also knows `drop-sports`.
ClaimSieveCLI.main(stages: [DropSportsStage.self])
