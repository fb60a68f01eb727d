#!/usr/bin/env python3
"""Accuracy of `claimsieve detect-language` on real text in many languages.

Text comes from Debian packages (nothing is copied into the repository):
  apt-get install debian-handbook manpages-fi manpages-hu manpages-da manpages-ro
  (the handbook's HTML in 13 of the profiled languages, less the paragraphs a translation left in
  English; Finnish, Hungarian, and more Danish and Romanian, from man pages),
and English from ../shared/eval/sentences-ud (GUM and EWT paragraphs).

For each language, consecutive paragraphs are joined into samples of at least N bytes (N = 100,
300, 1000, 4096: a sentence, a short feed item, a few paragraphs, what a run reads) and each is
given to the detector with nothing declared; the table shows how many came out right, and the
most frequent mistakes. With --declared, every sample is also given a wrong declaration (the
next language in the list): the "override" column is how often the text's own language won.

Usage: python3 scripts/eval-language.py [--binary .build/debug/claimsieve] [--per-size 200]
"""
import argparse, glob, gzip, html.parser, json, os, re, subprocess, sys
from collections import Counter, defaultdict

HANDBOOK = "/usr/share/doc/debian-handbook/html"
LOCALES = {"cs": "cs-CZ", "da": "da-DK", "de": "de-DE", "es": "es-ES", "fr": "fr-FR", "it": "it-IT",
           "nb": "nb-NO", "nl": "nl-NL", "pl": "pl-PL", "pt": "pt-BR", "ro": "ro-RO", "sv": "sv-SE",
           "tr": "tr-TR"}
MANPAGES = {"fi": "fi", "hu": "hu", "da": "da", "ro": "ro"}  # also where the handbook has little
SIZES = [100, 300, 1000, 4096]


class Paragraphs(html.parser.HTMLParser):
    """Text of <p> and <div class="para"> (DocBook) elements, without <pre>/<code> inside them."""
    def __init__(self):
        super().__init__()
        self.out, self.buf, self.depth, self.skip, self.tag = [], [], 0, 0, None
    def handle_starttag(self, tag, attrs):
        if self.tag is None and (tag == "p" or (tag == "div" and "para" in (dict(attrs).get("class") or "").split())):
            self.tag, self.depth, self.buf = tag, 1, []
        elif tag == self.tag:
            self.depth += 1
        if tag in ("pre", "code", "kbd", "tt", "script", "style", "span") and self.tag: self.skip += tag != "span"
    def handle_endtag(self, tag):
        if tag in ("pre", "code", "kbd", "tt", "script", "style") and self.skip: self.skip -= 1
        if tag == self.tag:
            self.depth -= 1
            if self.depth == 0:
                text = " ".join("".join(self.buf).split())
                if len(text.split()) >= 8: self.out.append(text)
                self.tag = None
    def handle_data(self, data):
        if self.tag and not self.skip: self.buf.append(data)


def handbook(locale):
    paragraphs = []
    for path in sorted(glob.glob(f"{HANDBOOK}/{locale}/*.html")):
        parser = Paragraphs()
        parser.feed(open(path, encoding="utf-8", errors="replace").read())
        paragraphs += parser.out
    return paragraphs


def manpages(lang):
    paragraphs = []
    for path in sorted(glob.glob(f"/usr/share/man/{lang}/man1/*.gz"))[:300]:
        raw = gzip.open(path, "rt", encoding="utf-8", errors="replace").read()
        text, current = [], []
        for line in raw.splitlines():
            if line.startswith((".PP", ".P", ".LP", ".SH", ".TP", ".IP", ".SS")):
                if current: text.append(" ".join(current)); current = []
                continue
            if line.startswith((".", "'")): continue
            line = re.sub(r"\\f[BIRP]|\\\(..|\\-|\\&|\\e", lambda m: "-" if m.group() == "\\-" else "", line)
            if line.strip(): current.append(line.strip())
        if current: text.append(" ".join(current))
        paragraphs += [t for t in text if len(t.split()) >= 8]
    return paragraphs


def english():
    paragraphs = []
    for name in ("gum", "ewt"):
        for line in open(os.path.join(os.path.dirname(__file__), f"../../shared/eval/sentences-ud/{name}.jsonl")):
            text = json.loads(line)["text"]
            if len(text.split()) >= 8: paragraphs.append(text)
    return paragraphs


def samples(paragraphs, size, count):
    """Up to `count` samples of at least `size` bytes, each of consecutive paragraphs, spread over the text."""
    out, current = [], []
    step = max(1, len(paragraphs) // (count * max(1, size // 300) + 1))
    for paragraph in paragraphs[::1]:
        current.append(paragraph)
        joined = " ".join(current)
        if len(joined.encode()) >= size:
            out.append(joined)
            current = []
    if len(out) > count:
        stride = len(out) / count
        out = [out[int(i * stride)] for i in range(count)]
    return out


def detect(binary, texts, declared=None):
    args = [binary, "detect-language"] + (["--declared", declared] if declared else [])
    result = subprocess.run(args, input="\n".join(texts) + "\n", capture_output=True, text=True, check=True)
    return [json.loads(line)["language"] for line in result.stdout.splitlines()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/debug/claimsieve")
    parser.add_argument("--per-size", type=int, default=200)
    parser.add_argument("--declared", action="store_true", help="also measure overriding a wrong declaration")
    options = parser.parse_args()
    corpora = {"en": english()}
    # A translation leaves some paragraphs in English: those are left out.
    untranslated = set(handbook("en-US")) if os.path.isdir(f"{HANDBOOK}/en-US") else set()
    for lang, locale in LOCALES.items():
        if os.path.isdir(f"{HANDBOOK}/{locale}"): corpora[lang] = [p for p in handbook(locale) if p not in untranslated]
    for lang, folder in MANPAGES.items():
        if os.path.isdir(f"/usr/share/man/{folder}"): corpora[lang] = corpora.get(lang, []) + manpages(folder)
    # Paragraphs left in English by a translation that differ from the English original (an older
    # version) are told by English-only words; they would count as mistakes of the detector.
    english_words = re.compile(r"\b(the|and|with|which|this|that|from|you|are|for)\b")
    for lang in corpora:
        if lang != "en": corpora[lang] = [p for p in corpora[lang] if len(english_words.findall(p.lower())) < 2]
    langs = [l for l in corpora if corpora[l]]
    print("language  paragraphs " + " ".join(f"{s:>8}B" for s in SIZES) + ("   override@4096" if options.declared else ""))
    totals = defaultdict(lambda: [0, 0])
    wrong = defaultdict(int)  # samples given another language (not "unknown")
    mistakes = Counter()
    for position, lang in enumerate(langs):
        row = f"{lang:<9} {len(corpora[lang]):>10} "
        for size in SIZES:
            texts = samples(corpora[lang], size, options.per_size)
            got = detect(options.binary, texts)
            right = sum(1 for g in got if g == lang)
            for g in got:
                if g != lang: mistakes[(lang, g, size)] += 1
                if g is not None and g != lang: wrong[size] += 1
            totals[size][0] += right; totals[size][1] += len(got)
            row += f" {right / max(1, len(got)):>8.3f} "
        if options.declared:
            declared = langs[(position + 1) % len(langs)]
            texts = samples(corpora[lang], 4096, options.per_size)
            got = detect(options.binary, texts, declared=declared)
            row += f"   {sum(1 for g in got if g == lang) / max(1, len(got)):.3f} (declared {declared})"
        print(row)
    print("all       " + " " * 11 + " ".join(f"{r / max(1, n):>8.3f} " for r, n in (totals[s] for s in SIZES)))
    print("another language  " + " ".join(f"{wrong[s] / max(1, totals[s][1]):>8.3f} " for s in SIZES))
    print("samples per size: " + ", ".join(f"{s}B: {totals[s][1]}" for s in SIZES))
    print("most frequent mistakes (language, detected, sample bytes): " +
          ", ".join(f"{k[0]}->{k[1]}@{k[2]}: {v}" for k, v in mistakes.most_common(12)))


if __name__ == "__main__":
    main()
