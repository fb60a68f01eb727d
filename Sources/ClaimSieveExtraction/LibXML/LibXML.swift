import CLibXML2

/// libxml2's process-wide set-up, done once before worker threads start.
public enum LibXML {
    private static let once: Void = {
        xmlInitParser()
    }()

    public static func initialize() { _ = once }
}
