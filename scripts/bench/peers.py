#!/usr/bin/env python3
"""The side-by-side figure for `claimsieve-bench run`: the same work done with common Python tools.

trafilatura extracts the main text of each page, pySBD splits it into sentences, and a regular
expression tagger marks hedge and attribution cues, on N processes (default 2). Prints CPU time
(of this process and its workers), wall time and sentences, so the ratio to ClaimSieve's CPU time
on the same folder can be read off. Run through scripts/bench/peers.sh, which installs the tools.
"""
import os
import re
import resource
import sys
import time
from multiprocessing import Pool

CUES = re.compile(
    r"\b(?:according to|reportedly|allegedly|(?:said|says|told|claimed|reports? say)|"
    r"(?:may|might|could) have|not (?:been )?confirmed|unconfirmed|sources? (?:said|say|told)|"
    r"(?:an? )?(?:official|source|spokesperson) (?:said|told)|posted on (?:X|Twitter|Facebook)|"
    r"potentially|possibly|apparently|it is believed|rumou?red)\b",
    re.IGNORECASE,
)

_segmenter = None


def work(path):
    global _segmenter
    import pysbd
    import trafilatura

    if _segmenter is None:
        _segmenter = pysbd.Segmenter(language="en", clean=False)
    with open(path, "rb") as handle:
        html = handle.read()
    text = trafilatura.extract(html) or ""
    sentences = 0
    cues = 0
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            continue
        for sentence in _segmenter.segment(paragraph):
            sentences += 1
            cues += len(CUES.findall(sentence))
    return len(html), sentences, cues


def main():
    folder = sys.argv[1]
    processes = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    files = sorted(
        os.path.join(root, name)
        for root, _, names in os.walk(folder)
        for name in names
        if name.lower().endswith((".html", ".htm"))
    )
    started = time.monotonic()
    with Pool(processes) as pool:
        results = pool.map(work, files, chunksize=4)
    wall = time.monotonic() - started
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    megabytes = sum(r[0] for r in results) / 1e6
    print(
        f"peers (trafilatura + pySBD + regex cues, {processes} processes): {len(files)} pages, "
        f"{megabytes:.1f} MB, {cpu:.2f} s CPU, {wall:.2f} s wall, "
        f"{sum(r[1] for r in results)} sentences, {sum(r[2] for r in results)} cues"
    )


if __name__ == "__main__":
    main()
