/// The HTML elements extraction treats differently; every other element is `.other` (inline).
enum HTMLTag: UInt8 {
    case text, other
    // dropped with their subtree
    case script, style, noscript, template, iframe, svg, canvas, object, embed, button, select, input,
         textarea, option, map, audio, video, source, head, link, meta, nav, aside, footer, header,
         dialog, menu, label
    // block structure
    case html, body, p, div, section, article, main, h1, h2, h3, h4, h5, h6, li, ul, ol, dl, dt, dd,
         blockquote, pre, table, tr, td, th, thead, tbody, tfoot, figure, figcaption, address, hr,
         center, caption, details, summary, form, fieldset
    // inline elements that matter
    case a, br, img, time

    /// Removed with everything inside: not article text, whatever the page says.
    var isDropped: Bool { rawValue >= HTMLTag.script.rawValue && rawValue <= HTMLTag.label.rawValue }

    /// Starts a new line of text: text on both sides of it never runs together.
    var isBlock: Bool { rawValue >= HTMLTag.html.rawValue && rawValue <= HTMLTag.fieldset.rawValue }

    var isHeading: Bool { rawValue >= HTMLTag.h1.rawValue && rawValue <= HTMLTag.h6.rawValue }

    /// Looks a name up without allocating: names are packed into an integer key, found in a
    /// small open-addressed table (a `Dictionary` hashed the key with SipHash: 370 instructions
    /// an element, 1% of extraction).
    static func from(_ name: UnsafeBufferPointer<UInt8>) -> HTMLTag {
        guard name.count <= 10, name.count > 0 else { return .other }
        var key: UInt128 = 0
        for byte in name {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            key = key << 8 | UInt128(lower)
        }
        return slots.withUnsafeBufferPointer { slots in
            var index = slot(of: key)
            while true {
                let entry = slots[index]
                if entry.key == key { return entry.tag }
                if entry.key == 0 { return .other }
                index = (index + 1) & (slotCount - 1)
            }
        }
    }

    private static let slotCount = 256

    @inline(__always) private static func slot(of key: UInt128) -> Int {
        let mixed = (UInt64(truncatingIfNeeded: key) ^ UInt64(truncatingIfNeeded: key >> 64)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 56) & (slotCount - 1)
    }

    /// The names of `lookup`, by key (0: an empty slot; no name packs to 0).
    private static let slots: [(key: UInt128, tag: HTMLTag)] = {
        var slots = [(key: UInt128, tag: HTMLTag)](repeating: (0, .other), count: slotCount)
        for (key, tag) in lookup {
            var index = slot(of: key)
            while slots[index].key != 0 && slots[index].key != key { index = (index + 1) & (slotCount - 1) }
            slots[index] = (key, tag)
        }
        return slots
    }()

    static let lookup: [UInt128: HTMLTag] = {
        let names: [(String, HTMLTag)] = [
            ("script", .script), ("style", .style), ("noscript", .noscript), ("template", .template),
            ("iframe", .iframe), ("svg", .svg), ("canvas", .canvas), ("object", .object), ("embed", .embed),
            ("button", .button), ("select", .select), ("input", .input), ("textarea", .textarea),
            ("option", .option), ("map", .map), ("audio", .audio), ("video", .video), ("source", .source),
            ("head", .head), ("link", .link), ("meta", .meta), ("nav", .nav), ("aside", .aside),
            ("footer", .footer), ("header", .header), ("dialog", .dialog), ("menu", .menu), ("label", .label),
            ("html", .html), ("body", .body), ("p", .p), ("div", .div), ("section", .section),
            ("article", .article), ("main", .main), ("h1", .h1), ("h2", .h2), ("h3", .h3), ("h4", .h4),
            ("h5", .h5), ("h6", .h6), ("li", .li), ("ul", .ul), ("ol", .ol), ("dl", .dl), ("dt", .dt),
            ("dd", .dd), ("blockquote", .blockquote), ("pre", .pre), ("table", .table), ("tr", .tr),
            ("td", .td), ("th", .th), ("thead", .thead), ("tbody", .tbody), ("tfoot", .tfoot),
            ("figure", .figure), ("figcaption", .figcaption), ("address", .address), ("hr", .hr),
            ("center", .center), ("caption", .caption), ("details", .details), ("summary", .summary),
            ("form", .form), ("fieldset", .fieldset), ("a", .a), ("br", .br), ("img", .img), ("time", .time),
            ("select", .select), ("object", .object), ("math", .other),
        ]
        var table: [UInt128: HTMLTag] = [:]
        for (name, tag) in names {
            var key: UInt128 = 0
            for byte in name.utf8 { key = key << 8 | UInt128(byte) }
            table[key] = tag
        }
        return table
    }()
}
