import CDocumentArena
import CLibXML2
import Foundation

/// libxml2's process-wide set-up, done once before worker threads start.
public enum LibXML {
    /// Element depth beyond which libxml2 stops reading a document.
    public static let maximumDepth: UInt32 = 10_000

    /// libxml2's own set-up: its parser, no external entities, the depth bound.
    private static let plain: Void = {
        xmlInitParser()
        // Belt and braces beside the parse flags: even if a future flag change asked libxml2 to
        // load an external entity or DTD, the loader refuses, so a feed can never read local files.
        claimsieve_forbid_external_entities()
        // libxml2 halts at depth 256 without XML_PARSE_HUGE (which also lifts its size limits, so it
        // stays off): a legacy page full of unclosed tags would lose its text. Its parsers and
        // xmlFreeDoc walk iteratively in 2.9.14, as does all of our code, so a deeper bound is safe.
        claimsieve_set_max_depth(maximumDepth)
        // No catalog is ever consulted or set up: an `<?oasis-xml-catalog?>` processing
        // instruction in a feed would otherwise make libxml2 build its catalogs (in the
        // document's arena, gone when it closes).
        claimsieve_forbid_catalogs()
    }()

    /// The set-up with libxml2's allocator replaced: its trees come from a per-thread arena
    /// while a document is open (`ParsedDocument`), from malloc otherwise (`CDocumentArena`:
    /// about 12% of a run's instructions). `CLAIMSIEVE_DOCUMENT_ARENA=off` keeps malloc for
    /// everything, so that AddressSanitizer sees libxml2's every allocation (the fuzzing and
    /// address sanitizer lanes).
    private static let once: Bool = {
        var installed = false
        if ProcessInfo.processInfo.environment["CLAIMSIEVE_DOCUMENT_ARENA"] != "off", claimsieve_arena_reserve() != 0 {
            installed = xmlMemSetup(claimsieve_arena_free, claimsieve_arena_malloc, claimsieve_arena_realloc, claimsieve_arena_strdup) == 0
        }
        _ = plain
        return installed
    }()

    /// Whether libxml2 allocates from the document arena (`ParsedDocument` opens one only then:
    /// an arena's count of what came from it says nothing of a libxml2 that does not use it).
    static var usesArena: Bool { once }

    /// Initialises libxml2 once per process; calling it again is free, so every entry point can
    /// call it instead of trusting the caller to have done it before starting threads.
    public static func initialize() { _ = once }

    /// libxml2's set-up without the document arena, for the benchmarks' parse floor: libxml2 as
    /// it comes, with malloc (unless a run in this process already set the arena up).
    public static func initializeAlone() { _ = plain }

    /// Error handlers are per thread in libxml2 2.9, so each worker silences its own before parsing.
    static func quietThisThread() { claimsieve_quiet_thread() }
}

extension LibXML {
    /// Parses `bytes` with `htmlReadMemory` (the same flags `clean` uses) and frees the tree,
    /// doing nothing else: the baseline the clean benchmark compares extraction with.
    /// It sets libxml2 up without the document arena (`initializeAlone`). `elidingRawText`
    /// parses the page as `clean` hands it to libxml2, its scripts' and styles' contents dropped
    /// (`RawTextElision`; the guard's pass and the copy are counted).
    public static func parseHTMLOnly(_ bytes: UnsafeBufferPointer<UInt8>, elidingRawText: Bool = false) -> Bool {
        if elidingRawText {
            do {
                if let compacted = try RawTextElision.compacted(page: bytes) { return compacted.withUnsafeBufferPointer { parseHTMLOnly($0) } }
            } catch {
                return false
            }
        }
        _ = plain
        quietThisThread()
        guard let base = bytes.baseAddress else { return false }
        let document = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
            htmlReadMemory(chars, Int32(clamping: bytes.count), nil, nil, ParsedDocument.htmlOptions)
        }
        guard let document else { return false }
        xmlFreeDoc(document)
        return true
    }
}
