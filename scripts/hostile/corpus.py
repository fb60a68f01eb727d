#!/usr/bin/env python3
"""Writes a folder of hostile inputs for ClaimSieve: pathological pages and feeds, and file-system
oddities (names that are not UTF-8, FIFOs, links out of the root, loops, unreadable folders, paths
over 4096 bytes, names that inject Markdown). Nothing here is committed as data: the tests and
the measurements generate it.

    scripts/hostile/corpus.py OUT [--scale small|full]

`small` (the test's) keeps every kind but shrinks the sizes; `full` is the size that hurt before
(50 MB pages, 200 000 sentences, 6 MB of JSON-LD). Writes OUT/manifest.json: every path created,
relative to OUT, with `expect`: "document" (processed, ok or failed) or the skip reason.
"""
import json, os, socket, stat, sys

def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    full = "--scale" in sys.argv and sys.argv[sys.argv.index("--scale") + 1] == "full"
    n = (lambda small, big: big if full else small)
    os.makedirs(out, exist_ok=True)
    manifest = []

    def page(name, body, expect="document"):
        path = os.path.join(out, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(body if isinstance(body, bytes) else body.encode("utf-8"))
        manifest.append({"path": name, "expect": expect})

    article = "<article><h1>Hostile page</h1><p>The council approved the budget on Monday, officials said.</p></article>"
    html = lambda inner, head="": f"<!DOCTYPE html><html><head><title>t</title>{head}</head><body>{inner}{article}</body></html>"

    # Markup that once made libxml2 spin (the attribute guard) and its neighbours.
    page("attr-no-equals.html", html("<div " + "a " * n(5_000, 100_000) + ">x</div>"))
    page("attr-numbered.html", html("<div " + " ".join(f"a{i}" for i in range(n(5_000, 100_000))) + ">x</div>"))
    page("styles-unclosed.html", html("<styles " + " ".join(f"s{i}" for i in range(n(5_000, 30_000))) + ">"))
    page("scriptx-unclosed.html", html("<scriptx " + " ".join(f"s{i}=1" for i in range(n(5_000, 30_000))) + ">"))
    page("script-attrs.html", html("<script " + " ".join(f"s{i}" for i in range(n(5_000, 30_000))) + "></script>"))
    page("many-tags-near-limit.html", html(("<i " + " ".join(f"a{i}" for i in range(1_900)) + ">x</i>") * n(300, 600)))
    page("attr-duplicate-names.html", html("<div " + "a=1 " * n(5_000, 50_000) + ">x</div>"))
    # Nesting, entities, comments, raw text.
    page("deep-nesting.html", html("<div>" * n(12_000, 100_000) + "Deep text that is kept, officials said." + "</div>" * 10))
    page("deep-unclosed-p.html", html("<b><i>" * n(20_000, 100_000)))
    page("comment-unclosed.html", "<html><body><p>Before.</p><!-- " + "x" * n(1_000_000, 10_000_000))
    page("script-unclosed.html", "<html><body><script>" + "if(a<b){x=1}" * n(100_000, 1_000_000))
    page("entities.html", html("<p>" + "&amp;&lt;&#x1F600;&bogus;" * n(100_000, 1_000_000) + "</p>"))
    page("many-br.html", html("<p>" + "<br>" * n(200_000, 2_000_000) + "</p>"))
    page("many-paragraphs.html", html("".join(f"<p>Word{i}.</p>" for i in range(n(50_000, 500_000)))))
    # Size and count budgets.
    page("huge-page.html", html("<p>" + "The committee met again on Tuesday and agreed, officials said. " * n(190_000, 800_000) + "</p>"))
    page("near-size-limit.html", html("".join(f"<p>Paragraph {i}: the committee met again on Tuesday, officials said, and agreed on the budget.</p>" for i in range(n(20_000, 95_000)))))
    page("many-sentences.html", html("<p>" + "It rained. " * n(25_000, 200_000) + "</p>"))
    page("long-word.html", html("<p>" + "x" * n(2_000_000, 20_000_000) + "</p>"))
    page("quotes.html", html("<p>" + "\u201c" * n(100_000, 1_000_000) + " said the source.</p>"))
    page("long-number.html", html("<p>It cost " + "9" * n(100_000, 1_000_000) + " dollars.</p>"))
    big = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "H",
                      "articleBody": "Reports say it rained. " * n(100_000, 300_000)})
    page("json-ld-huge.html", html("", head=f'<script type="application/ld+json">{big}</script>'))
    page("json-ld-deep.html", html("", head='<script type="application/ld+json">' + "[" * n(200_000, 1_000_000) + "]" * n(200_000, 1_000_000) + "</script>"))
    page("json-ld-many.html", html("", head='<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"x"}</script>' * n(20_000, 200_000)))
    # Bytes and charsets.
    page("invalid-utf8.html", html("<p>" + "caf\udcff " * 10 + "</p>").encode("utf-8", "surrogateescape") if False else html("<p>x</p>").encode() + bytes(range(128, 256)) * 1000)
    page("charset-lie.html", html("<p>Caf\u00e9 owners protested.</p>", head='<meta charset="utf-16">'))
    page("utf16-bom.html", "\ufeff".encode("utf-16-le") + html("<p>UTF-16 page.</p>").encode("utf-16-le"))
    page("nul-bytes.html", html("<p>a\x00b\x00c</p>").encode() + b"\x00" * 100_000)
    page("binary.html", b"\x89PNG\r\n\x1a\n" + os.urandom(50_000))
    page("empty.html", b"")
    page("whitespace-only.html", b" \n\t" * 10_000)
    page("control-chars.html", html("<p>" + "".join(chr(c) for c in range(1, 32)) * 1000 + "</p>"))
    page("bidi-zero-width.html", html("<p>" + "\u202e\u200b\u0301\u200d" * n(100_000, 1_000_000) + " officials said.</p>"))
    # Feeds and XML attacks.
    page("billion-laughs.xml", '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
         + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
         + ']><rss><channel><item><title>&lol9;</title><description>x</description></item></channel></rss>')
    page("xxe.rss", '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>t</title><description>&x;</description></item></channel></rss>')
    page("external-dtd.rss", '<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd"><rss><channel><item><title>t</title><description>Officials said it rained.</description></item></channel></rss>')
    page("xinclude.atom", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:xi="http://www.w3.org/2001/XInclude"><entry><title>t</title><content><xi:include href="/etc/passwd" parse="text"/></content></entry></feed>')
    page("many-items.rss", "<?xml version=\"1.0\"?><rss><channel>" + "".join(f"<item><title>Item {i}</title><description>Officials said item {i} rained.</description></item>" for i in range(n(2_000, 20_000))) + "</channel></rss>")
    page("deep-cdata.rss", '<?xml version="1.0"?><rss><channel><item><title>T</title><description><![CDATA[' + "<span>" * n(50_000, 200_000) + "text]]></description></item></channel></rss>")
    page("double-encoded.rss", '<?xml version="1.0"?><rss><channel><item><title>&lt;img src=x onerror=alert(1)&gt;</title><description>&lt;script&gt;alert(1)&lt;/script&gt; Officials said so.</description></item></channel></rss>')
    page("nitf-broken.nitf", '<?xml version="1.0"?><nitf><head><title>T</title></head><body><body.content><p>Unclosed')
    page("xml-pi-flood.xml", '<?xml version="1.0"?>' + "<?pi x?>" * n(100_000, 1_000_000) + "<rss/>")
    page("UPPER.HTML", html("<p>Upper-case extension.</p>"))
    # Names that inject Markdown or HTML into the report, and other odd names.
    page("md`<img src=x onerror=alert(1)>`.html", html("<p>Named to inject.</p>"))
    page("new\nline.html", html("<p>A newline in the name.</p>"))
    page("-dash.html", html("<p>Leading dash.</p>"))
    page("sp ace & <amp>.html", html("<p>Spaces and markup.</p>"))

    # File-system oddities, each skipped with a reason.
    page(".hidden.html", html("<p>Hidden.</p>"), expect="hidden")
    page("notes.txt", "not a page", expect="other extension")
    raw = os.path.join(out, "").encode() + b"bad-\xff\xfe.html"
    with open(raw, "wb") as f:
        f.write(html("<p>x</p>").encode())
    manifest.append({"path": "bad-\\xFF\\xFE.html", "expect": "name not UTF-8"})
    os.mkfifo(os.path.join(out, "fifo.html"))
    manifest.append({"path": "fifo.html", "expect": "not a regular file"})
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(os.path.join(out, "socket.html"))
    sock.close()
    manifest.append({"path": "socket.html", "expect": "not a regular file"})
    os.symlink("/etc/passwd", os.path.join(out, "escape.html"))
    manifest.append({"path": "escape.html", "expect": "symlink outside the root"})
    os.symlink(os.path.join(out, "missing-target.html"), os.path.join(out, "dangling.html"))
    manifest.append({"path": "dangling.html", "expect": "symlink outside the root"})
    os.makedirs(os.path.join(out, "loop"), exist_ok=True)
    os.symlink(os.path.abspath(out), os.path.join(out, "loop", "up"))
    manifest.append({"path": "loop/up", "expect": "loop"})
    locked = os.path.join(out, "locked")
    os.makedirs(locked, exist_ok=True)
    with open(os.path.join(locked, "in.html"), "w") as f:
        f.write(html("<p>Locked away.</p>"))
    os.chmod(locked, 0)
    # root reads any folder: then its page is a document like any other.
    manifest.append({"path": "locked" if os.geteuid() != 0 else "locked/in.html",
                     "expect": "unreadable" if os.geteuid() != 0 else "document"})
    # A path over 4096 bytes can only be made one level at a time, relative to an open folder.
    os.makedirs(os.path.join(out, "deep"), exist_ok=True)
    folder = os.open(os.path.join(out, "deep"), os.O_RDONLY | os.O_DIRECTORY)
    length = len(os.path.abspath(os.path.join(out, "deep")).encode())
    while length < 4_200:
        os.mkdir("d" * 200, dir_fd=folder)
        inner = os.open("d" * 200, os.O_RDONLY | os.O_DIRECTORY, dir_fd=folder)
        os.close(folder)
        folder = inner
        length += 201
    page_fd = os.open("x.html", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=folder)
    os.write(page_fd, b"<p>x</p>")
    os.close(page_fd)
    os.close(folder)
    manifest.append({"path": "deep", "expect": "path too long"})

    with open(os.path.join(out, ".manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"{len(manifest)} inputs in {out}")

if __name__ == "__main__":
    main()
