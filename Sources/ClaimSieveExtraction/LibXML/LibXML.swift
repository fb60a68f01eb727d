import CLibXML2

/// libxml2's process-wide set-up, done once before worker threads start.
public enum LibXML {
    /// Element depth beyond which libxml2 stops reading a document.
    public static let maximumDepth: UInt32 = 10_000

    private static let once: Void = {
        xmlInitParser()
        // Belt and braces beside the parse flags: even if a future flag change asked libxml2 to
        // load an external entity or DTD, the loader refuses, so a feed can never read local files.
        claimsieve_forbid_external_entities()
        // libxml2 halts at depth 256 without XML_PARSE_HUGE (which also lifts its size limits, so it
        // stays off): a legacy page full of unclosed tags would lose its text. Its parsers and
        // xmlFreeDoc walk iteratively in 2.9.14, as does all of our code, so a deeper bound is safe.
        claimsieve_set_max_depth(maximumDepth)
    }()

    /// Initialises libxml2 once per process; calling it again is free, so every entry point can
    /// call it instead of trusting the caller to have done it before starting threads.
    public static func initialize() { _ = once }

    /// Error handlers are per thread in libxml2 2.9, so each worker silences its own before parsing.
    static func quietThisThread() { claimsieve_quiet_thread() }
}

extension LibXML {
    /// Parses `bytes` with `htmlReadMemory` (the same flags `clean` uses) and frees the tree,
    /// doing nothing else: the baseline the clean benchmark compares extraction with.
    public static func parseHTMLOnly(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        initialize()
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
