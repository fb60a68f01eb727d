import CDocumentArena
import ClaimSieveCore
@testable import ClaimSieveExtraction
import ClaimSieveTestSupport
import Dispatch
import Foundation
import Testing

/// libxml2's trees come from a bump arena per thread while a document is open
/// (`CDocumentArena`): the allocator's own promises, and that pages read through it read as
/// they did through malloc, one after another and on many threads at once.
@Suite struct DocumentArenaTests {
    init() { _ = claimsieve_arena_reserve() }

    /// Whether `pointer` is malloc's: the arena's blocks are in its reserved address range,
    /// which `claimsieve_arena_free` tells apart; freeing a malloc block there must not crash.
    @Test func blocksComeFromTheArenaOnlyWhileItIsOpen() throws {
        let before = try #require(claimsieve_arena_malloc(64))
        let mark = claimsieve_arena_open()
        #expect(mark == 0)
        let inside = try #require(claimsieve_arena_malloc(64))
        #expect(claimsieve_arena_whole() == 1)
        // A block of malloc's freed while the arena is open goes back to malloc.
        claimsieve_arena_free(before)
        let used = claimsieve_arena_close(mark, 0)
        #expect(used >= 64 && used < 256)
        // The arena's blocks are apart from malloc's: a second open starts at the same place.
        let second = claimsieve_arena_open()
        let again = try #require(claimsieve_arena_malloc(64))
        #expect(again == inside)
        claimsieve_arena_close(second, 0)
        let after = try #require(claimsieve_arena_malloc(64))
        #expect(after != inside)
        claimsieve_arena_free(after)
    }

    @Test func blocksAreAlignedAndReallocKeepsTheBytes() throws {
        let mark = claimsieve_arena_open()
        defer { claimsieve_arena_close(mark, 0) }
        var blocks: [UnsafeMutableRawPointer] = []
        for size in [1, 3, 17, 100, 4096] {
            let block = try #require(claimsieve_arena_malloc(size))
            #expect(Int(bitPattern: block) % 16 == 0)
            blocks.append(block)
        }
        // The last block grows where it is; another moves, its bytes copied.
        let last = blocks[blocks.count - 1]
        memset(last, 0x5A, 4096)
        let grown = try #require(claimsieve_arena_realloc(last, 8192))
        #expect(grown == last)
        #expect(grown.load(fromByteOffset: 4095, as: UInt8.self) == 0x5A)
        let first = blocks[0]
        first.storeBytes(of: 0x7B, as: UInt8.self)
        let moved = try #require(claimsieve_arena_realloc(first, 300))
        #expect(moved != first && moved.load(as: UInt8.self) == 0x7B)
        // Freeing the last block takes it back: the next block is at its place.
        let scratch = try #require(claimsieve_arena_malloc(1000))
        claimsieve_arena_free(scratch)
        #expect(claimsieve_arena_malloc(10) == scratch)
        let copy = try #require(claimsieve_arena_strdup("quoted"))
        #expect(String(cString: copy) == "quoted")
    }

    /// An arena opened inside another (a feed's item parsed while the feed's tree is open) takes
    /// back only its own blocks when it closes: the outer ones keep their bytes.
    @Test func anArenaInsideAnotherLeavesTheOuterBlocks() throws {
        let outer = claimsieve_arena_open()
        defer { claimsieve_arena_close(outer, 0) }
        let kept = try #require(claimsieve_arena_malloc(256))
        memset(kept, 0x33, 256)
        let inner = claimsieve_arena_open()
        #expect(inner > outer)
        let scratch = try #require(claimsieve_arena_malloc(512))
        memset(scratch, 0x44, 512)
        #expect(claimsieve_arena_close(inner, 0) >= 512)
        #expect(claimsieve_arena_whole() == 1)
        #expect((0..<256).allSatisfy { kept.load(fromByteOffset: $0, as: UInt8.self) == 0x33 })
        #expect(claimsieve_arena_malloc(8) == scratch)
    }

    /// A feed whose items hold HTML: each item's fragment is parsed while the feed's tree is open.
    @Test func aFeedsItemsParseInsideTheFeed() throws {
        let feed = try Data(contentsOf: URL(fileURLWithPath: TestPaths.inRepository("sample-data/feeds/seed.rss")))
        let documents = try Extractor.extract(feed, path: "seed.rss", format: .rss)
        #expect(documents.count >= 1 && documents.allSatisfy { !$0.blocks.isEmpty })
    }

    /// A block larger than a thread's slab comes from malloc, and the arena says the document
    /// is no longer wholly its own (its tree is then freed node by node, as without the arena).
    @Test func whatDoesNotFitGoesToMalloc() throws {
        let mark = claimsieve_arena_open()
        #expect(mark != .max)
        defer { claimsieve_arena_close(mark, 0) }
        let huge = try #require(claimsieve_arena_malloc(300 << 20))
        #expect(claimsieve_arena_whole() == 0)
        claimsieve_arena_free(huge)
    }

    /// Memory above what the arena keeps between documents goes back, and comes again for the
    /// next large document.
    @Test func aLargeDocumentsMemoryIsGivenBackAndTakenAgain() throws {
        for _ in 0..<2 {
            let mark = claimsieve_arena_open()
            for _ in 0..<40 {
                let block = try #require(claimsieve_arena_malloc(1 << 20))
                memset(block, 0x41, 1 << 20)
            }
            #expect(claimsieve_arena_whole() == 1)
            #expect(claimsieve_arena_close(mark, 4 << 20) >= 40 << 20)
        }
    }

    /// A thread gives its slab back when it exits: threads that come and go one after another
    /// (libdispatch retires idle workers) each get an arena, more of them than there are slabs.
    @Test func threadsThatComeAndGoEachGetAnArena() {
        var opened = 0
        for _ in 0..<80 {
            // A thread of its own, joined: `pthread_join` returns once the thread's key
            // destructors ran, so its slab is back before the next one starts.
            var thread = pthread_t()
            let created = pthread_create(&thread, nil, { _ in
                let mark = claimsieve_arena_open()
                var ok = false
                if mark != .max, let block = claimsieve_arena_malloc(1 << 20) {
                    memset(block, 0x2A, 1 << 20)
                    ok = true
                }
                claimsieve_arena_close(mark, 0)
                return ok ? UnsafeMutableRawPointer(bitPattern: 1) : nil
            }, nil)
            #expect(created == 0)
            var result: UnsafeMutableRawPointer?
            pthread_join(thread, &result)
            if result != nil { opened += 1 }
        }
        #expect(opened == 80)
    }

    /// The shared Zyte pages read the same one after another and on four threads at once
    /// (each thread its own arena), and the same as the first reading.
    @Test func pagesReadTheSameOnManyThreads() throws {
        let folder = TestPaths.inShared("eval/extraction-zyte/html")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".html.gz") }.sorted()
        let pages = try names.prefix(TestLane.full ? 40 : 12).map { name -> Data in
            try #require(Gzip.decompress(Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))))
        }
        @Sendable func read(_ page: Data, _ index: Int) -> String {
            let documents = (try? Extractor.extract(page, path: "p\(index).html", format: .html)) ?? []
            return documents.map { $0.blocks.map(\.text).joined(separator: "\n") }.joined(separator: "\n--\n")
        }
        let first = pages.enumerated().map { read($1, $0) }
        #expect(first.allSatisfy { !$0.isEmpty })
        let again = Locked([String](repeating: "", count: pages.count))
        DispatchQueue.concurrentPerform(iterations: pages.count * 2) { iteration in
            let index = iteration % pages.count
            let text = read(pages[index], index)
            if iteration >= pages.count { again.withLock { $0[index] = text } }
        }
        #expect(again.withLock { $0 } == first)
    }
}
