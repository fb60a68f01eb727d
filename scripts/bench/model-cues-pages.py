#!/usr/bin/env python3
"""Which verdicts a mode of model cues changes on real pages, for a person to judge.

Runs `claimsieve run` twice over the same pages (default: /work/corpus/c181, the 181 Zyte pages)
with the shipped pipeline, once with the `tag` stage's `model_cues: off` (or --base) and once with
`model_cues: speech` (or --mode), matches the claims by document, block, sentence and text, and
prints how many change verdict (by transition), then a random sample of the changes (fixed seed,
so a rerun on a new binary lists the same draw of a new set) with the cues that differ, the
model's marked `(model)`. Judge each line: is the new verdict the right one for that sentence?
Questions, instructions and exclamations (a `kind` in claims.jsonl) are in no verdict list, so
their changes are counted apart and not sampled.

  python3 scripts/bench/model-cues-pages.py [--binary .build/release/claimsieve]
      [--pages /work/corpus/c181] [--base off] [--mode speech] [--sample 40] [--seed 10]
      [--models A.model --models B.model] [--json FILE]

--models names model files for both runs (default: the built-in ones). --json writes every
change (for diffing two binaries' lists). Nothing is written into the checkout.
"""
import argparse, collections, json, os, random, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def pipeline(mode, models):
    """The default pipeline with absolute data paths and the tag stage's model_cues set."""
    text = open(os.path.join(ROOT, "pipelines", "default.yml"), encoding="utf-8").read()
    lexicons = os.path.join(ROOT, "pipelines", "lexicons")
    text = re.sub(r"(?<![\w/.])lexicons/", lambda m: lexicons + "/", text)
    tag = f"\n      model_cues: {mode}"
    if models:
        tag += "\n      models: [" + ", ".join(os.path.abspath(m) for m in models) + "]"
    text, count = re.subn(r"(  - tag:\n      lexicons: \[[^\]]*\])[^\n]*", lambda m: m.group(1) + tag, text)
    if count != 1:
        sys.exit("pipelines/default.yml: no `tag:` stage with `lexicons:` found to set model_cues in")
    return text


def run(binary, pages, mode, models, work):
    folder = os.path.join(work, mode)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "pipeline.yml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(pipeline(mode, models))
    out = os.path.join(folder, "out")
    done = subprocess.run([binary, "run", "--pipeline", path, "--out", out, "--jobs", "2", pages],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    claims_path = os.path.join(out, "claims.jsonl")
    if not os.path.exists(claims_path):
        sys.exit(f"{binary} run ({mode}) wrote no claims.jsonl: {done.stderr.strip()[-2000:]}")
    claims = {}
    with open(claims_path, encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            claims[(c["doc"], c["block"], c["sentence"], c["text"])] = c
    return claims


def cue_text(cue):
    return f'"{cue["text"]}" {cue["category"]}' + (" (model)" if cue.get("by") == "model" else "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "claimsieve"))
    parser.add_argument("--pages", default="/work/corpus/c181")
    parser.add_argument("--base", default="off")
    parser.add_argument("--mode", default="speech")
    parser.add_argument("--models", action="append", default=[])
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        base = run(args.binary, args.pages, args.base, args.models, work)
        new = run(args.binary, args.pages, args.mode, args.models, work)
    changes = []
    others = []
    for key in sorted(base):
        b, n = base[key], new.get(key)
        if n is None or b["verdict"] == n["verdict"]:
            continue
        if n.get("kind"):
            # A question, an instruction or an exclamation: listed apart, in no verdict list.
            others.append(key)
            continue
        changes.append({"doc": key[0], "block": key[1], "sentence": key[2], "text": key[3],
                        "from": b["verdict"], "to": n["verdict"],
                        "removed": [cue_text(c) for c in b["cues"] if c not in n["cues"]],
                        "added": [cue_text(c) for c in n["cues"] if c not in b["cues"]],
                        "source": (n.get("source") or {}).get("text")})
    transitions = collections.Counter(f'{c["from"]} -> {c["to"]}' for c in changes)
    model_added = collections.Counter(a for c in changes for a in c["added"] if a.endswith("(model)"))
    print(f"{args.pages}: {len(base)} claims ({args.base}), {len(new)} ({args.mode}); "
          f"{len(changes)} change verdict ({len(others)} more are questions, instructions or exclamations, "
          "kept out of the verdict lists, not counted)")
    for transition, count in transitions.most_common():
        print(f"  {count:5d}  {transition}")
    print("most frequent model cues added:", ", ".join(f"{k} x{v}" for k, v in model_added.most_common(12)))
    sample = random.Random(args.seed).sample(changes, min(args.sample, len(changes)))
    print(f"\nsample of {len(sample)} (seed {args.seed}):")
    for i, c in enumerate(sample, 1):
        print(f'{i:3d}. {c["from"]} -> {c["to"]}: {c["text"]}')
        if c["added"]:
            print("       + " + "; ".join(c["added"]) + (f' [speaker: {c["source"]}]' if c["source"] else ""))
        if c["removed"]:
            print("       - " + "; ".join(c["removed"]))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(changes, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
