#!/usr/bin/env python3
"""Writes the fuzzer's seed corpus into OUT: the pages and feeds of sample-data/ and small
hostile inputs. The fuzz target reads the first byte as the file type (0 html, 1 rss, 2 atom,
3 nitf, 4 xml, 5 xhtml) and the rest as the file's bytes.

    scripts/fuzz-seeds.py OUT
"""
import os, sys

KINDS = {".html": 0, ".htm": 0, ".rss": 1, ".atom": 2, ".nitf": 3, ".xml": 4, ".xhtml": 5}

def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sample-data")
    count = 0

    def seed(kind, body):
        nonlocal count
        data = bytes([kind]) + (body if isinstance(body, bytes) else body.encode("utf-8"))
        with open(os.path.join(out, f"seed-{count:04d}"), "wb") as f:
            f.write(data[:65536])
        count += 1

    for folder, _, names in os.walk(root):
        for name in sorted(names):
            kind = KINDS.get(os.path.splitext(name)[1].lower())
            if kind is not None:
                with open(os.path.join(folder, name), "rb") as f:
                    seed(kind, f.read())
    article = "<article><h1>T</h1><p>Officials said it rained, according to Russian media. It was not confirmed.</p></article>"
    hostile = [
        "<div " + "a " * 3000 + ">x</div>" + article,
        "<styles " + " ".join(f"s{i}" for i in range(2500)) + ">",
        "<scriptx a b c>" + article,
        "<div>" * 3000 + article,
        "<html><head><script type='application/ld+json'>" + "[" * 2000 + "</script></head><body>" + article,
        "<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"articleBody\":\"Reports say it rained.\"}</script></head><body>" + article,
        "<meta charset='utf-16'>" + article,
        "<p>Caf\u00e9 \u201creportedly\u201d \u202e\u200b said \u00e9\u0301.</p>",
        "<!-- unclosed " + article,
        "<p>" + "It rained. " * 500 + "</p>",
        "<p>" + "\u201c" * 500 + " said the source.</p>",
        "<p>It cost " + "9" * 2000 + " dollars, officials said.</p>",
    ]
    for body in hostile:
        seed(0, "<html><body>" + body + "</body></html>")
    seed(1, '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>t</title><description>&x; Officials said.</description></item></channel></rss>')
    seed(1, '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><rss><channel><item><title>&b;</title><description>&lt;p&gt;Reports say &amp;b;&lt;/p&gt;</description></item></channel></rss>')
    seed(2, '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="html">&lt;b&gt;T&lt;/b&gt;</title><content type="html">&lt;p&gt;A source told us it rained.&lt;/p&gt;</content></entry></feed>')
    seed(3, '<?xml version="1.0"?><nitf><head><title>T</title></head><body><body.content><p>Police said it rained.</p></body.content></body></nitf>')
    seed(0, bytes(range(256)) * 4)
    print(f"{count} seeds in {out}")

if __name__ == "__main__":
    main()
