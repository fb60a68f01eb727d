import ClaimSieveCore
import ClaimSieveTestSupport
import Foundation
import Testing

@Suite struct FetchTests {
    func write(_ data: Data, to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: data)
    }

    @Test func walksFoldersSortedSkippingHiddenAndOtherExtensions() throws {
        let root = TestPaths.temporaryFolder()
        try FileManager.default.createDirectory(atPath: root + "/b/.git", withIntermediateDirectories: true)
        for name in ["b/z.html", "a.htm", "b/feed.rss", "notes.txt", ".hidden.html", "b/.git/x.html"] {
            write(Data("<p>x</p>".utf8), to: root + "/" + name)
        }
        let entries = InputWalker().entries(for: [root])
        #expect(entries == [.file(root + "/a.htm"), .file(root + "/b/feed.rss"), .file(root + "/b/z.html")])
    }

    @Test func anExplicitFileIsTakenWhateverItsExtensionAndAMissingOneIsReported() throws {
        let root = TestPaths.temporaryFolder()
        write(Data("<p>x</p>".utf8), to: root + "/page.txt")
        let entries = InputWalker().entries(for: [root + "/page.txt", root + "/nope.html"])
        #expect(entries == [.file(root + "/page.txt"), .missing(root + "/nope.html", reason: "no such file or folder")])
    }

    @Test func symbolicLinksAreNotFollowedOutOfTheRoot() throws {
        let outside = TestPaths.temporaryFolder()
        write(Data("<p>secret</p>".utf8), to: outside + "/secret.html")
        let root = TestPaths.temporaryFolder()
        write(Data("<p>x</p>".utf8), to: root + "/inside.html")
        try FileManager.default.createSymbolicLink(atPath: root + "/escape", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: root + "/alias.html", withDestinationPath: root + "/inside.html")
        let entries = InputWalker().entries(for: [root])
        #expect(entries == [.file(root + "/alias.html"), .file(root + "/inside.html")])
    }

    /// Nothing found under an input root disappears without a word: each thing not processed is
    /// listed with its reason.
    @Test func everythingNotProcessedIsAccountedFor() throws {
        let outside = TestPaths.temporaryFolder()
        let root = TestPaths.temporaryFolder()
        let manager = FileManager.default
        write(Data("<p>x</p>".utf8), to: root + "/ok.html")
        write(Data("<p>x</p>".utf8), to: root + "/.hidden.html")
        write(Data("x".utf8), to: root + "/notes.txt")
        try manager.createDirectory(atPath: root + "/locked", withIntermediateDirectories: true)
        write(Data("<p>x</p>".utf8), to: root + "/locked/in.html")
        chmod(root + "/locked", 0)
        defer { chmod(root + "/locked", 0o755) }
        // A name that is not UTF-8.
        var bad = Array((root + "/bad-").utf8) + [0xFF, 0xFE] + Array(".html".utf8)
        bad.append(0)
        let descriptor = bad.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        close(descriptor)
        try manager.createSymbolicLink(atPath: root + "/escape.html", withDestinationPath: outside + "/secret.html")
        write(Data("<p>secret</p>".utf8), to: outside + "/secret.html")
        try manager.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: root + "/sub/up", withDestinationPath: root)
        mkfifo(root + "/pipe.html", 0o644)
        // A path over 4096 bytes can only be made one level at a time, relative to an open folder.
        try manager.createDirectory(atPath: root + "/deep", withIntermediateDirectories: true)
        var folder = open(root + "/deep", O_RDONLY | O_DIRECTORY)
        var length = (root + "/deep").utf8.count
        let segment = String(repeating: "d", count: 200)
        while length < 4_200 {
            #expect(mkdirat(folder, segment, 0o755) == 0)
            let inner = openat(folder, segment, O_RDONLY | O_DIRECTORY)
            close(folder)
            folder = inner
            length += 201
        }
        close(openat(folder, "x.html", O_CREAT | O_WRONLY, 0o644))
        close(folder)

        let (entries, skipped) = InputWalker().walk([root])
        // root reads any folder, so there the locked folder's page is taken.
        #expect(entries == (getuid() == 0 ? [.file(root + "/locked/in.html"), .file(root + "/ok.html")] : [.file(root + "/ok.html")]))
        let reasons = Dictionary(skipped.map { ($0.path.replacingOccurrences(of: root, with: ""), $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons["/.hidden.html"] == .hidden)
        #expect(reasons["/notes.txt"] == .otherExtension)
        #expect(reasons["/bad-\\xFF\\xFE.html"] == .nameNotUTF8)
        #expect(reasons["/escape.html"] == .linkOutsideRoot)
        #expect(reasons["/sub/up"] == .loop)
        #expect(reasons["/pipe.html"] == .notRegularFile)
        #expect(skipped.contains { $0.reason == .pathTooLong })
        if getuid() != 0 {  // root reads any folder
            #expect(reasons["/locked"] == .unreadable)
        }
    }

    @Test func globsExpand() throws {
        let root = TestPaths.temporaryFolder()
        for name in ["one.html", "two.html", "three.xml"] { write(Data("<p>x</p>".utf8), to: root + "/" + name) }
        #expect(InputWalker().entries(for: [root + "/*.html"]) == [.file(root + "/one.html"), .file(root + "/two.html")])
        #expect(InputWalker().entries(for: [root + "/*.pdf"]) == [.missing(root + "/*.pdf", reason: "the pattern matches no file")])
    }

    @Test func identitiesAreRelativeToTheInputRootWhateverTheSpelling() throws {
        let parent = TestPaths.temporaryFolder()
        let root = parent + "/pages"
        try FileManager.default.createDirectory(atPath: root + "/world", withIntermediateDirectories: true)
        for name in ["a.html", "world/b.html"] { write(Data("<p>x</p>".utf8), to: root + "/" + name) }
        let links = TestPaths.temporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: links + "/linked", withDestinationPath: root)
        let real = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        for spelling in [root, root + "/", parent + "/./pages", parent + "/pages/world/..", links + "/linked"] {
            let located = InputWalker().located(for: [spelling])
            #expect(located.map(\.identity) == ["pages/a.html", "pages/world/b.html"], "\(spelling)")
            #expect(located.allSatisfy { $0.root == real }, "\(spelling)")
        }
        // A file named on its own: its folder's name and its own; a glob: relative to its fixed part.
        #expect(InputWalker().located(for: [root + "/world/b.html"]).map(\.identity) == ["world/b.html"])
        #expect(InputWalker().located(for: [root + "/*/b.html"]).map(\.identity) == ["pages/world/b.html"])
        #expect(InputWalker().located(for: [root + "/nope"]).map(\.identity) == [root + "/nope"])
    }

    func fetch(_ data: Data, name: String = "page.html", maxBytes: Int = 50_000_000) throws -> Document {
        let path = TestPaths.temporaryFolder() + "/" + name
        write(data, to: path)
        var options = FetchStage.Options()
        options.maxBytes = maxBytes
        return try FetchStage(options: options).process(Document(id: path, path: path))
    }

    func reason(_ body: () throws -> Document) -> String {
        do {
            _ = try body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func emptyTooLargeAndBinaryFilesFailWithAReason() {
        #expect(reason { try fetch(Data()) } == "the file is empty")
        #expect(reason { try fetch(Data(repeating: 0x41, count: 2_000), maxBytes: 1_000) }
            == "the file is 2000 bytes, over the 1000 bytes limit (fetch.max_bytes)")
        #expect(reason { try fetch(Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A, 0x0A])) }
            == "not HTML or XML: the file is binary (NUL bytes in its first 4 KB)")
        #expect(reason { try fetch(Data("Just some words without markup.".utf8)) } == "not HTML or XML: no markup in the first 4 KB")
    }

    @Test func formatsAreSniffedFromTheBytesNotTheName() throws {
        #expect(try fetch(Data("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>".utf8), name: "x.html").format == .rss)
        #expect(try fetch(Data("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry/></feed>".utf8), name: "x.xml").format == .atom)
        #expect(try fetch(Data("<?xml version=\"1.0\"?><nitf><body/></nitf>".utf8), name: "x.xml").format == .nitf)
        #expect(try fetch(Data("\u{FEFF}<!DOCTYPE html><html><body><p>x</p></body></html>".utf8), name: "x.xml").format == .html)
        let fetched = try fetch(Data("<html><p>x</p></html>".utf8))
        #expect(fetched.raw == Data("<html><p>x</p></html>".utf8))
    }
}
