#!/usr/bin/env python3
"""flag_numbers.py - a ClaimSieve `command` stage: the statistics desk's claims.

Effect: keeps only the claims that state a figure (a number such as "2,000", "18 percent",
"€180 million", "1911"), so a run with this stage writes the statistics desk's own report: every
line of its claims.jsonl is a claim with a figure to check. `--invert` does the opposite (drops
the claims with figures). Blocks, metadata, verdicts and cues are passed through unchanged.

Use it after `verdict` in a pipeline file (paths relative to the pipeline file):

    stages:
      - fetch
      - clean
      - split
      - tag
      - verdict
      - command: {run: [python3, ../scripts/stages/flag_numbers.py], timeout: 10s}

The protocol (docs/stage-protocol.md), in short - copy this file to start your own stage:

  * ClaimSieve starts this program once per worker and keeps it running.
  * For each document it writes ONE line to standard input:
        {"document": {...}, "id": 7, "schema": 1}
  * The program answers ONE line on standard output, and flushes it:
        {"id": 7, "document": {...}}      the document, changed or not
        {"id": 7, "error": "why"}         fails this document only (listed in the report)
  * Standard output carries answers only: print diagnostics to standard error (they go to
    ClaimSieve's log as warnings).
  * End of input means "no more documents": exit 0.
  * A crash, no answer within `timeout`, a line that is not JSON or has the wrong id fails the
    document and the program is restarted for the next one.

Python 3 standard library only.
"""
import json
import re
import sys

SCHEMA = 1

# A digit group with optional thousands separators and decimals, optionally with a currency sign
# or a percent sign around it. Dates and years count: a statistics desk checks those too.
FIGURE = re.compile(r"[$€£]?\d+(?:[.,]\d+)*\s*(?:%|percent|per cent)?", re.IGNORECASE)


def has_figure(text):
    return FIGURE.search(text) is not None


def transform(document, invert):
    """Returns the document with only the claims that state a figure (or only those without)."""
    document["claims"] = [claim for claim in document.get("claims", [])
                          if has_figure(claim.get("text", "")) != invert]
    return document


def answer(message):
    # ensure_ascii (the default) keeps the answer pure ASCII whatever the locale is.
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main():
    invert = "--invert" in sys.argv[1:]
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
        except ValueError as error:
            # Without an id there is nothing to answer; ClaimSieve fails the document on timeout.
            print("flag_numbers: not JSON: %s" % error, file=sys.stderr)
            continue
        request_id = request.get("id")
        try:
            if request.get("schema") != SCHEMA:
                raise ValueError("schema %r is not supported (this stage knows %d)" % (request.get("schema"), SCHEMA))
            answer({"id": request_id, "document": transform(request["document"], invert)})
        except Exception as error:  # any bug fails this one document, not the whole stage
            answer({"id": request_id, "error": "%s: %s" % (type(error).__name__, error)})


if __name__ == "__main__":
    main()
