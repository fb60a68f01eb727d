#!/usr/bin/env python3
"""ClaimSieve on Spark: every input through `claimsieve stream` with RDD.pipe.

    spark-submit scripts/spark/claimsieve_pipe.py --claimsieve /opt/claimsieve/bin/claimsieve \
        --pipeline /opt/claimsieve/pipelines/nightly.yml --out claims.jsonl /data/pages [ROOT ...]

Runs as `python3 scripts/spark/claimsieve_pipe.py --master local[2] ...` too (PySpark from PyPI).

The driver lists the inputs as `claimsieve run` walks them (each root recursively, hidden names
skipped, the pipeline's default extensions, sorted by bytes) and sends one JSON line per input,
{"path": ..., "root": ...}, so each document is named as a run over ROOT names it. Each
partition pipes its lines through one `claimsieve stream` process (the binary and the inputs
must be at the same paths on every executor: a shared volume or the image). The claims come back
in input order (partitions are collected in order) and are written to --out, one claims.jsonl line
each, without `corroboration` (it needs every claim of the run: `claimsieve run` or `merge`
adds it). Failed documents and unreadable lines come back as error lines: written to --errors,
and the exit status is 1 when there is any (the claims are written all the same).
"""
import argparse
import json
import os
import shlex
import sys

EXTENSIONS = {"html", "htm", "xhtml", "xml", "rss", "atom", "nitf"}


def walk(root):
    """The files `claimsieve run ROOT` processes, in its order (byte order of the paths)."""
    found = []
    for folder, folders, files in os.walk(root, followlinks=False):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            if "." in name and name.rsplit(".", 1)[1].lower() in EXTENSIONS:
                found.append(os.path.join(folder, name))
    return sorted(found, key=lambda path: path.encode("utf-8", "surrogateescape"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roots", nargs="+", help="folders of pages and feeds, as given to `claimsieve run`")
    parser.add_argument("--claimsieve", default="claimsieve", help="the claimsieve binary on the executors")
    parser.add_argument("--pipeline", help="the pipeline file on the executors (default: claimsieve's own)")
    parser.add_argument("--out", required=True, help="where to write the claims (JSON Lines)")
    parser.add_argument("--errors", help="where to write the error lines (default: OUT.errors)")
    parser.add_argument("--master", default=None, help="Spark master when not run by spark-submit, e.g. local[2]")
    parser.add_argument("--partitions", type=int, default=None, help="input partitions (default: Spark's parallelism)")
    parser.add_argument("--jobs", type=int, default=1, help="claimsieve threads per partition (default 1: Spark runs the partitions side by side)")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession  # imported here so --help works without PySpark

    builder = SparkSession.builder.appName("claimsieve")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    context = spark.sparkContext
    try:
        lines = []
        for root in args.roots:
            for path in walk(root):
                lines.append(json.dumps({"path": path, "root": root}, ensure_ascii=False))
        command = [args.claimsieve, "stream", "--jobs", str(args.jobs), "--log-level", "error"]
        if args.pipeline:
            command += ["--pipeline", args.pipeline]
        partitions = args.partitions or context.defaultParallelism
        # pipe() takes one command line (split with shlex); checkCode fails the job when
        # `claimsieve stream` itself fails (a broken pipeline), not when a document does.
        rdd = context.parallelize(lines, max(1, min(partitions, len(lines) or 1)))
        results = rdd.pipe(" ".join(shlex.quote(part) for part in command), checkCode=True).collect()
    finally:
        spark.stop()

    # A claim line always has an "id"; an error line never has one.
    claims, errors = [], []
    for line in results:
        (errors if "id" not in json.loads(line) else claims).append(line)
    with open(args.out, "w", encoding="utf-8") as out:
        for line in claims:
            out.write(line + "\n")
    with open(args.errors or args.out + ".errors", "w", encoding="utf-8") as out:
        for line in errors:
            out.write(line + "\n")
    print(f"claimsieve_pipe: {len(lines)} inputs, {len(claims)} claims, {len(errors)} error lines -> {args.out}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
