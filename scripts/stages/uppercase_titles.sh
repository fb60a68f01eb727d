#!/bin/sh
# uppercase_titles.sh - a ClaimSieve `command` stage in plain POSIX shell (sh, sed, awk; no jq).
#
# Effect: the document's title (metadata.title) is written in capitals, so every line of
# claims.jsonl carries "title":"ASSAD GRANTED ASYLUM ..." - handy for a wire desk's style. Only
# ASCII letters change (awk's toupper works on bytes); everything else passes through untouched.
#
#     - command: {run: [../scripts/stages/uppercase_titles.sh]}      # needs chmod +x
#     - command: {run: [sh, ../scripts/stages/uppercase_titles.sh]}
#
# The protocol (docs/stage-protocol.md), in short:
#
#   * one request line per document on standard input. ClaimSieve writes its keys sorted, so a
#     request always ENDS with the envelope:      {"document":{...},"id":N,"schema":1}
#   * one answer line per request on standard output:  {"id":N,"document":{...}}
#     Keys the protocol does not know are ignored, so the request line itself (changed or not) is
#     a valid answer: that is what this script does.
#   * to fail one document, answer:                    {"id":N,"error":"why"}
#   * diagnostics go to standard error (ClaimSieve logs them as warnings);
#   * exit when standard input ends.
#
# `printf` is a shell builtin, so each answer is written at once (no buffering to flush).

while IFS= read -r line || [ -n "$line" ]; do
    [ -z "$line" ] && continue
    # The envelope's last two keys: ...,"id":N,"schema":S}
    id=$(printf '%s\n' "$line" | sed -n 's/.*,"id":\([0-9][0-9]*\),"schema":[0-9][0-9]*}$/\1/p')
    schema=$(printf '%s\n' "$line" | sed -n 's/.*,"schema":\([0-9][0-9]*\)}$/\1/p')
    if [ -z "$id" ]; then
        echo "uppercase_titles: a request without an id; skipped" >&2
        continue
    fi
    if [ "$schema" != "1" ]; then
        printf '{"id":%s,"error":"uppercase_titles.sh knows schema 1, not %s"}\n' "$id" "$schema"
        continue
    fi
    # "title":"..." appears once (in metadata); a JSON string is ([^"\\]|\\.)*. Escapes such
    # as \n or \u00e9 are copied as they are: only plain characters are put in capitals.
    printf '%s\n' "$line" | awk '{
        if (match($0, /"title":"([^"\\]|\\.)*"/)) {
            value = substr($0, RSTART + 9, RLENGTH - 10)
            out = ""
            for (i = 1; i <= length(value); i++) {
                c = substr(value, i, 1)
                if (c == "\\") {
                    n = (substr(value, i + 1, 1) == "u") ? 6 : 2
                    out = out substr(value, i, n)
                    i += n - 1
                } else {
                    out = out toupper(c)
                }
            }
            $0 = substr($0, 1, RSTART + 8) out substr($0, RSTART + RLENGTH - 1)
        }
        print
    }' || printf '{"id":%s,"error":"uppercase_titles.sh: awk failed"}\n' "$id"
done
