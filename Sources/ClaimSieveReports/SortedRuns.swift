import Foundation

/// An external sort of fixed-size records in bounded memory: records are appended in any order,
/// sorted `runLength` at a time into runs written one after another to a scratch file, and read
/// back in order by merging the runs. Under `runLength` records, nothing is written.
///
/// Why not SQLite's sorter: sealing the spill sorted one narrow row per keyed claim with
/// `INSERT … SELECT … ORDER BY`, and SQLite's virtual machine, record encoding, sorter and B-tree
/// inserts cost about 8,600 instructions a row, two thirds of the seal (callgrind, 1,810 pages).
/// A record here is a plain value compared by a Swift closure: sorting 72,000 of them is a few
/// milliseconds. Memory stays bounded: `runLength` records, and when merging a buffer of
/// `mergeBuffer` records per run (a run of 100,000 pages has a few dozen runs).
///
/// `Element` must be a plain value (`BitwiseCopyable`): its bytes are written and read back as
/// they are. Its order (`Comparable`, so the sort is specialised and its `<` inlined: a stored
/// closure cost 1,400 instructions a record) must be total, no two records equal, for the output
/// to be the same whatever `runLength` is.
struct SortedRuns<Element: BitwiseCopyable & Comparable> {
    /// Records sorted in memory before a run is written (the bound on memory).
    let runLength: Int
    /// Records read at once from each run while merging.
    let mergeBuffer: Int
    /// The scratch file's path; it exists only once a run is written.
    let path: String
    private var buffer: [Element] = []
    /// Where each written run starts in the file and how many records it has.
    private var runs: [(start: Int, count: Int)] = []
    private var descriptor: Int32 = -1
    private var written = 0
    /// Records appended so far.
    private(set) var count = 0

    init(path: String, runLength: Int = 1 << 16, mergeBuffer: Int = 1 << 11) {
        precondition(runLength > 0 && mergeBuffer > 0)
        self.path = path
        self.runLength = runLength
        self.mergeBuffer = mergeBuffer
    }

    /// Records sorted as soon as they are appended, this many at a time (see `append`).
    static var presortLength: Int { 4096 }

    /// Adds a record; writes a run when `runLength` are held.
    ///
    /// Every `presortLength` records are sorted as they come, on the thread that adds them
    /// (during the run), so the sort of a run or of the last records at the seal only merges
    /// sorted stretches: Swift's sort finds ascending stretches and merges them. Sorting 72,000
    /// keyed claims whole was a third of the seal, on the one thread the end of a run waits for.
    mutating func append(_ element: Element) throws {
        buffer.append(element)
        count += 1
        if buffer.count % Self.presortLength == 0 { buffer[(buffer.count - Self.presortLength)...].sort() }
        if buffer.count >= runLength { try writeRun() }
    }

    private mutating func writeRun() throws {
        buffer.sort()
        if descriptor < 0 {
            descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw Self.failure(path, short: false) }
        }
        let bytes = buffer.count * MemoryLayout<Element>.stride
        let done = buffer.withUnsafeBytes { raw in Self.writeAll(descriptor, raw, at: written * MemoryLayout<Element>.stride) }
        guard done == bytes else { throw Self.failure(path, short: done >= 0) }
        runs.append((written, buffer.count))
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with every record in order, then empties the sorter and removes its file.
    mutating func drain(_ body: (Element) throws -> Void) throws {
        defer { reset() }
        if runs.isEmpty {
            buffer.sort()
            for element in buffer { try body(element) }
            return
        }
        if !buffer.isEmpty { try writeRun() }
        buffer = []
        var readers = runs.map { Reader(start: $0.start, count: $0.count) }
        // A binary heap of the runs by their current record (the runs are few).
        var heap: [Int] = []
        for index in readers.indices where try readers[index].fill(descriptor, mergeBuffer, path) {
            heap.append(index)
            siftUp(&heap, heap.count - 1, readers)
        }
        while let top = heap.first {
            try body(readers[top].current)
            if try readers[top].advance(descriptor, mergeBuffer, path) {
                siftDown(&heap, 0, readers)
            } else {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
                if !heap.isEmpty { siftDown(&heap, 0, readers) }
            }
        }
    }

    /// Forgets every record and removes the scratch file.
    mutating func reset() {
        buffer = []
        runs = []
        written = 0
        count = 0
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
            unlink(path)
        }
    }

    private func less(_ a: Int, _ b: Int, _ readers: [Reader]) -> Bool {
        readers[a].current < readers[b].current
    }

    private func siftUp(_ heap: inout [Int], _ start: Int, _ readers: [Reader]) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(heap[child], heap[parent], readers) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private func siftDown(_ heap: inout [Int], _ start: Int, _ readers: [Reader]) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var least = left
            if left + 1 < heap.count, less(heap[left + 1], heap[left], readers) { least = left + 1 }
            guard less(heap[least], heap[parent], readers) else { return }
            heap.swapAt(least, parent)
            parent = least
        }
    }

    /// One run being merged: a buffer of its next records.
    private struct Reader {
        var next: Int
        let end: Int
        var records: [Element] = []
        var index = 0

        init(start: Int, count: Int) {
            next = start
            end = start + count
        }

        var current: Element { records[index] }

        /// Reads the run's next records; false at its end.
        mutating func fill(_ descriptor: Int32, _ capacity: Int, _ path: String) throws -> Bool {
            let count = min(capacity, end - next)
            guard count > 0 else { return false }
            let stride = MemoryLayout<Element>.stride
            let offset = next * stride
            // The run's buffer is refilled in place (its records are plain bytes).
            if records.count != count { records = [Element](unsafeUninitializedCapacity: count) { _, made in made = count } }
            let done = records.withUnsafeMutableBytes { SortedRuns.readAll(descriptor, $0, at: offset) }
            guard done == count * stride else { throw SortedRuns.failure(path, short: done >= 0) }
            index = 0
            next += count
            return true
        }

        /// Moves to the run's next record; false at its end.
        mutating func advance(_ descriptor: Int32, _ capacity: Int, _ path: String) throws -> Bool {
            index += 1
            if index < records.count { return true }
            return try fill(descriptor, capacity, path)
        }
    }

    /// Bytes written; -1 on an error (`errno`), fewer than asked when the file took no more.
    private static func writeAll(_ descriptor: Int32, _ raw: UnsafeRawBufferPointer, at offset: Int) -> Int {
        var done = 0
        while done < raw.count {
            let wrote = pwrite(descriptor, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
            if wrote < 0, errno == EINTR { continue }
            if wrote < 0 { return -1 }
            if wrote == 0 { return done }
            done += wrote
        }
        return done
    }

    /// Bytes read; -1 on an error (`errno`), fewer than asked at the file's end.
    fileprivate static func readAll(_ descriptor: Int32, _ raw: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        var done = 0
        while done < raw.count {
            let got = pread(descriptor, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
            if got < 0, errno == EINTR { continue }
            if got < 0 { return -1 }
            if got == 0 { return done }
            done += got
        }
        return done
    }

    /// The error for the scratch file at `path`: `errno`'s, or EIO for a file shorter than
    /// written (`short`), where `errno` says nothing.
    fileprivate static func failure(_ path: String, short: Bool) -> CocoaError {
        let code = short ? .EIO : POSIXErrorCode(rawValue: errno) ?? .EIO
        return CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: POSIXError(code)])
    }
}
