#!/usr/bin/env python3
"""Propose ESCO skill URIs for rows of skills.csv, to be checked by eye.

Usage:
    python3 search-index/taxonomy/tools/esco_candidates.py ESCO_SKILLS_CSV [--all] [ID ...]

ESCO_SKILLS_CSV has an `id` column (the concept URI) and a `description` column holding the
preferred label, then the alternative labels, then the definition, joined by spaces without a
marked boundary. So a concept is proposed when its description *starts with* the English label
or an English synonym of the row (strong match, `S`), or contains it near the start (weak
match, `c`). URIs already used by another row are left out. By default only rows without an
`esco_uri` are looked at; `--all` looks at every row, and ids restrict the run to those rows.

The script only prints; choosing a URI (or none) stays a human decision, and no ESCO text is
copied into skills.csv.
"""
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from check import fold  # noqa: E402  (same folding as the linker)

HEAD = 100  # characters of the description searched for a weak match
SHOW = 4


def terms_of(row):
    out = []
    for term in [row["label_en"]] + (row["alt_en"].split("|") if row["alt_en"] else []):
        folded = fold(term)
        # Acronyms and very short words match too much by accident.
        if len(folded) >= 5 and folded not in out:
            out.append(folded)
    return out


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    esco_path = argv[1]
    rest = argv[2:]
    every = "--all" in rest
    wanted = {a for a in rest if a != "--all"}
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(here, "skills.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    used = {r["esco_uri"]: r["id"] for r in rows if r["esco_uri"]}
    csv.field_size_limit(1 << 24)
    with open(esco_path, encoding="utf-8", newline="") as f:
        esco = [(r["id"], r["description"], fold(r["description"])) for r in csv.DictReader(f)]
    for row in rows:
        if wanted and row["id"] not in wanted:
            continue
        if not wanted and not every and row["esco_uri"]:
            continue
        terms = terms_of(row)
        found = {}
        for uri, text, folded in esco:
            if uri in used and used[uri] != row["id"]:
                continue
            best = 0.0
            for rank, term in enumerate(terms):
                bonus = 0.5 if rank == 0 else 0.0
                if folded == term or folded.startswith(term + " "):
                    best = max(best, 3.0 + bonus + len(term) / 100.0)
                elif (" " + term + " ") in (" " + folded[:HEAD] + " "):
                    best = max(best, 1.0 + bonus + len(term) / 100.0)
            if best:
                found[uri] = (best, text)
        ranked = sorted(found.items(), key=lambda kv: (-kv[1][0], len(kv[1][1])))[:SHOW]
        print("%s | %s | %s" % (row["id"], row["label_en"], row["esco_uri"] or "-"))
        for uri, (score, text) in ranked:
            print("   %s %s  %s" % ("S" if score >= 3 else "c", uri.rsplit("/", 1)[1], text[:90]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
