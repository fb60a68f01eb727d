#!/usr/bin/env python3
"""Writes pipelines/lexicons/en-wordnet.tsv: word form -> WordNet supersenses (lexicographer files).

Why: PolNeAR train holds a belief, position or deed verb ("pledged", "demanded", "insists") a
handful of times, so the attribution model learns little from its own word. WordNet files every
sense under one of 45 lexicographer files ("supersenses": verb.communication, verb.cognition,
noun.feeling, ...), a general signal that a rare verb shares with the common ones of its kind
(feature set 6, `WordSenses`, `ModelFeatures`).

What: every one-word verb lemma of WordNet and every one-word noun lemma with a sense tagged in
SemCor (cntlist.rev), with their inflected forms (WordNet's .exc lists, then its regular endings:
-s/-es/-ies, -ed/-d/-ied, -ing, plurals), each mapped to its two most likely supersenses: a
supersense scores the SemCor tag counts of the form's senses filed under it (over every reading
of the form, noun and verb), plus a small weight by WordNet's sense order, so an untagged lemma is
ranked by its first senses. Adjective and adverb files carry no meaning class and are left out.

Usage (stdlib only; Debian's wordnet-base, WordNet 3.0, installs /usr/share/wordnet):
    python3 scripts/wordnet-classes.py [/usr/share/wordnet] > pipelines/lexicons/en-wordnet.tsv
The same WordNet files give the same output, byte for byte.
"""
import os
import sys

# WordNet 3.0's lexicographer files, by number (the `lexnames` file of the distribution).
LEXNAMES = [
    "adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal", "noun.artifact",
    "noun.attribute", "noun.body", "noun.cognition", "noun.communication", "noun.event",
    "noun.feeling", "noun.food", "noun.group", "noun.location", "noun.motive", "noun.object",
    "noun.person", "noun.phenomenon", "noun.plant", "noun.possession", "noun.process",
    "noun.quantity", "noun.relation", "noun.shape", "noun.state", "noun.substance", "noun.time",
    "verb.body", "verb.change", "verb.cognition", "verb.communication", "verb.competition",
    "verb.consumption", "verb.contact", "verb.creation", "verb.emotion", "verb.motion",
    "verb.perception", "verb.possession", "verb.social", "verb.stative", "verb.weather", "adj.ppl",
]

HEADER = """\
# WordNet supersenses of English word forms: form<TAB>supersense[,supersense]
# (most likely first). Made by: python3 scripts/wordnet-classes.py /usr/share/wordnet
# from WordNet 3.0 (Debian wordnet-base 1:3.0-37); read by `claimsieve train` for the
# attribution model's feature set 6 (`WordSenses`), which copies it into the model file.
# Supersense numbers are WordNet's lexicographer file numbers (lexnames):
# {legend}
#
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# Permission to use, copy, modify and distribute this software and database and its
# documentation for any purpose and without fee or royalty is hereby granted, provided that
# you agree to comply with the following copyright notice and statements, including the
# disclaimer, and that the same appear on ALL copies of the software, database and
# documentation, including modifications that you make for internal use or for distribution.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR
# ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL
# NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS. The name of
# Princeton University or Princeton may not be used in advertising or publicity pertaining to
# distribution of the software and/or database. Title to copyright in this software, database
# and any associated documentation shall at all times remain with Princeton University and
# LICENSEE agrees to preserve same.
"""

VOWELS = set("aeiou")


def read_lines(path):
    with open(path, encoding="latin-1") as handle:
        for line in handle:
            if not line.startswith("  "):
                yield line.rstrip("\n")


def synset_files(directory, pos):
    """synset offset -> lexicographer file number, from data.<pos>."""
    files = {}
    for line in read_lines(os.path.join(directory, "data." + pos)):
        fields = line.split(" ")
        files[fields[0]] = int(fields[1])
    return files


def senses(directory, pos, files):
    """lemma -> [lexicographer file of each sense, in WordNet's sense order]."""
    lemmas = {}
    for line in read_lines(os.path.join(directory, "index." + pos)):
        fields = line.split()
        lemma = fields[0]
        if "_" in lemma or not lemma.isascii():
            continue
        synsets = int(fields[2])
        lemmas[lemma] = [files[offset] for offset in fields[-synsets:]]
    return lemmas


def tag_counts(directory):
    """(lemma, 'n' or 'v', lexicographer file) -> SemCor tag count, from cntlist.rev."""
    counts = {}
    for line in read_lines(os.path.join(directory, "cntlist.rev")):
        key, _, count = line.split(" ")
        lemma, rest = key.split("%")
        ss_type, lex_file = rest.split(":")[0:2]
        pos = {"1": "n", "2": "v"}.get(ss_type)
        if pos is None or "_" in lemma:
            continue
        counts[(lemma, pos, int(lex_file))] = counts.get((lemma, pos, int(lex_file)), 0) + int(count)
    return counts


def exceptions(directory, pos):
    """lemma -> its irregular forms, from <pos>.exc."""
    forms = {}
    for line in read_lines(os.path.join(directory, pos + ".exc")):
        fields = line.split()
        for lemma in fields[1:]:
            forms.setdefault(lemma, set()).add(fields[0])
    return forms


def third_person(lemma):
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        return lemma + "es"
    if len(lemma) > 1 and lemma.endswith("y") and lemma[-2] not in VOWELS:
        return lemma[:-1] + "ies"
    return lemma + "s"


def verb_forms(lemma, irregular):
    """The lemma, its irregular forms and its regular ones (a regular form nobody writes, such as
    "sayed", costs a line and is never met)."""
    forms = {lemma, third_person(lemma)} | irregular.get(lemma, set())
    if lemma.endswith("ie"):
        forms.add(lemma[:-2] + "ying")
    elif lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")) and len(lemma) > 2:
        forms.add(lemma[:-1] + "ing")
    else:
        forms.add(lemma + "ing")
    if lemma.endswith("e"):
        forms.add(lemma + "d")
    elif len(lemma) > 1 and lemma.endswith("y") and lemma[-2] not in VOWELS:
        forms.add(lemma[:-1] + "ied")
    else:
        forms.add(lemma + "ed")
    return forms


def noun_forms(lemma, irregular):
    return {lemma, third_person(lemma)} | irregular.get(lemma, set())


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
    counts = tag_counts(directory)
    verbs = senses(directory, "verb", synset_files(directory, "verb"))
    nouns = senses(directory, "noun", synset_files(directory, "noun"))
    verb_exc = exceptions(directory, "verb")
    noun_exc = exceptions(directory, "noun")
    # form -> supersense -> score
    scores = {}

    def add(forms, lemma, pos, files):
        weights = {}
        for rank, lex_file in enumerate(files):
            weights[lex_file] = weights.get(lex_file, 0.0) + 0.5 / (rank + 1)
        for lex_file in weights:
            weights[lex_file] += counts.get((lemma, pos, lex_file), 0)
        for form in forms:
            if not form.isalpha() and "-" not in form and "'" not in form:
                continue
            table = scores.setdefault(form, {})
            for lex_file, weight in weights.items():
                table[lex_file] = table.get(lex_file, 0.0) + weight

    for lemma in sorted(verbs):
        add(verb_forms(lemma, verb_exc), lemma, "v", verbs[lemma])
    for lemma in sorted(nouns):
        tagged = any(counts.get((lemma, "n", lex_file), 0) > 0 for lex_file in set(nouns[lemma]))
        if tagged or lemma in verbs:
            add(noun_forms(lemma, noun_exc), lemma, "n", nouns[lemma])
    out = sys.stdout
    legend = " ".join(f"{number}={name}" for number, name in enumerate(LEXNAMES) if number >= 3 and number < 44)
    # The legend wrapped at about 96 columns.
    lines, line = [], ""
    for part in legend.split(" "):
        if line and len(line) + len(part) > 92:
            lines.append(line)
            line = ""
        line = f"{line} {part}" if line else part
    lines.append(line)
    out.write(HEADER.replace("{legend}", "\n# ".join(lines)))
    for form in sorted(scores):
        ranked = sorted(scores[form].items(), key=lambda item: (-round(item[1], 6), item[0]))[:2]
        out.write(form + "\t" + ",".join(str(lex_file) for lex_file, _ in ranked) + "\n")


if __name__ == "__main__":
    main()
