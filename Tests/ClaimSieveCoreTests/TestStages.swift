import ClaimSieveCore
import Foundation

/// Upper-cases every block: a stage whose effect is easy to see.
struct UppercaseStage: Stage {
    typealias Options = NoOptions
    static let name = "uppercase"
    init(options: Options = Options(), context: StageContext = StageContext(baseDirectory: ".")) {}
    func process(_ document: Document) throws -> Document {
        var document = document
        document.blocks = [Block(kind: .paragraph, text: document.id.uppercased())]
        return document
    }
}

/// Sleeps a pseudo-random time per document, so that workers finish out of order.
struct JitterStage: Stage {
    typealias Options = NoOptions
    static let name = "jitter"
    init(options: Options = Options(), context: StageContext = StageContext(baseDirectory: ".")) {}
    func process(_ document: Document) throws -> Document {
        let number = Int(document.id.dropFirst(4)) ?? 0
        usleep(UInt32((number * 7919) % 13) * 200)
        return document
    }
}

/// Fails the documents whose id contains "bad".
struct FailingStage: Stage {
    typealias Options = NoOptions
    static let name = "failing"
    init(options: Options = Options(), context: StageContext = StageContext(baseDirectory: ".")) {}
    func process(_ document: Document) throws -> Document {
        if document.id.contains("bad") { throw StageError("cannot handle \(document.id)") }
        return document
    }
}

/// Turns one document into three, as `clean` does with a feed.
struct TripleStage: Stage {
    typealias Options = NoOptions
    static let name = "triple"
    init(options: Options = Options(), context: StageContext = StageContext(baseDirectory: ".")) {}
    func process(_ document: Document) throws -> Document { document }
    func expand(_ document: Document) throws -> [Document] {
        (1...3).map { (item: Int) in Document(id: document.id + "#item-\(item)", path: document.path, item: item) }
    }
}

func inputs(_ count: Int, prefix: String = "doc-") -> [Document] {
    (0..<count).map { Document(id: "\(prefix)\($0)", path: "\(prefix)\($0)") }
}

/// Blocks documents whose id contains "stuck" until `release` is signalled: a stage stuck in C
/// code (libxml2 on hostile markup) that no timeout inside the stage can interrupt.
struct StuckStage: Stage {
    typealias Options = NoOptions
    static let name = "stuck"
    static let release = DispatchSemaphore(value: 0)
    init(options: Options = Options(), context: StageContext = StageContext(baseDirectory: ".")) {}
    func process(_ document: Document) throws -> Document {
        if document.id.contains("stuck") { Self.release.wait() }
        return document
    }
}

/// Gives each document as many claims and bytes of text as its id says ("claims-N", "text-N").
struct ProducingStage: Stage {
    typealias Options = NoOptions
    static let name = "producing"
    init(options: Options = Options(), context: StageContext = StageContext(baseDirectory: ".")) {}
    func process(_ document: Document) throws -> Document {
        var document = document
        let number = Int(document.id.split(separator: "-").last ?? "") ?? 0
        if document.id.hasPrefix("claims") {
            document.claims = (0..<number).map { Claim(id: "\($0)", block: 0, sentence: $0, text: "x") }
        } else if document.id.hasPrefix("text") {
            document.blocks = [Block(kind: .paragraph, text: String(repeating: "a", count: number))]
        }
        return document
    }
}

/// Spins on the CPU for about 20 ms per document (a known CPU cost for the per-stage clocks).
struct SpinStage: Stage {
    typealias Options = NoOptions
    static let name = "spin"
    init(options: Options = Options(), context: StageContext = StageContext(baseDirectory: ".")) {}
    func process(_ document: Document) throws -> Document {
        // 20 ms of this thread's CPU, not of wall time: on a loaded machine the thread may wait,
        // and the CPU it uses stays the same.
        func cpu() -> UInt64 {
            var now = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
            return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
        }
        let until = cpu() + 20_000_000
        var spins: UInt64 = 0
        while cpu() < until { spins &+= 1 }
        var document = document
        document.blocks = [Block(kind: .paragraph, text: String(spins & 1))]
        return document
    }
}

/// Sleeps 20 ms per document: wall time without CPU.
struct SleepStage: Stage {
    typealias Options = NoOptions
    static let name = "sleep"
    init(options: Options = Options(), context: StageContext = StageContext(baseDirectory: ".")) {}
    func process(_ document: Document) throws -> Document {
        usleep(20_000)
        return document
    }
}
