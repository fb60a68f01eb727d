#!/usr/bin/env python3
"""drop_sports.py - a ClaimSieve `command` stage: drops claims about sports.

Effect: removes every claim whose text mentions a sport (a word list, matched as whole words,
case-insensitively), so a politics desk's report is not padded with match results. Give your own
words as arguments to replace the list:

    - command: {run: [python3, ../scripts/stages/drop_sports.py]}
    - command: {run: [python3, ../scripts/stages/drop_sports.py, cricket, darts]}

Use it after `split` (claims exist from then on); before `tag` it also saves the later stages work.

The protocol (docs/stage-protocol.md), in short:

  * one request line per document on standard input:  {"document": {...}, "id": N, "schema": 1}
  * one answer line per request on standard output:   {"id": N, "document": {...}}
    or, to fail that document only:                    {"id": N, "error": "why"}
  * flush after each answer; diagnostics go to standard error (ClaimSieve logs them);
  * exit when standard input ends.

Python 3 standard library only.
"""
import json
import re
import sys

SCHEMA = 1
SPORTS = ["football", "soccer", "tennis", "cricket", "rugby", "basketball", "baseball", "golf",
          "hockey", "olympic", "olympics", "world cup", "grand slam", "premier league",
          "championship", "goalkeeper", "striker", "stadium"]


def pattern(words):
    escaped = sorted((re.escape(word) for word in words), key=len, reverse=True)
    return re.compile(r"\b(?:%s)\b" % "|".join(escaped), re.IGNORECASE)


def transform(document, sports):
    document["claims"] = [claim for claim in document.get("claims", [])
                          if not sports.search(claim.get("text", ""))]
    return document


def main():
    sports = pattern(sys.argv[1:] or SPORTS)
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            if request.get("schema") != SCHEMA:
                raise ValueError("schema %r is not supported (this stage knows %d)" % (request.get("schema"), SCHEMA))
            reply = {"id": request["id"], "document": transform(request["document"], sports)}
        except Exception as error:
            reply = {"id": request.get("id"), "error": "%s: %s" % (type(error).__name__, error)}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
