#!/usr/bin/env python3
"""Validate crates/bench/data/relevance.tsv, the judged relevance set for the matcher.

What the file is
----------------
72 mission requests (36 typed in English, 36 in French) as hosts really type them in
the request form: TVET colleges, hospitals, ministries, universities and agricultural
offices in Rwanda, DRC, Burundi, Morocco, Mauritania, Senegal, Cameroon and Guinea,
asking for diaspora experts on skills-transfer missions. Each request is judged: for
every skill the host typed, the file records the taxonomy concept the host *means*.

How it was written
------------------
By hand. The typed text is what a host would write (their case, accents, plurals,
abbreviations, typos and word order), not copied from the taxonomy. The intended
concepts were judged by reading search-index/taxonomy/skills.csv (labels, alt labels,
sector) and choosing, for each typed skill, the concept whose labels best fit what the
host means given the request's sector and its other skills. Unknown skills were
checked to be absent from every label and alt label of the taxonomy.

Columns (tab-separated, one header line, no comments)
-----------------------------------------------------
id            r01..r72
lang          en | fr: the language the host typed in
sector        the request's sector (health, tvet, education, rural_development, ict,
              engineering, public_administration, finance: values of the taxonomy's
              `sector` column)
country       ISO 3166-1 alpha-2 code of the mission's country (RW CD BI MA MR SN CM GN)
must          1 or 2 must-have skills as typed, separated by " | "
must_concepts for each typed must-have, the concept id (column `id` of skills.csv) the
              host means, same order, separated by " | "; "-" when the taxonomy has no
              concept for it
nice          0 or 1 nice-to-have skill as typed (empty if none)
nice_concept  its concept id, "-" if unknown, empty if no nice
kind          what makes the request hard (it is about the first must-have):
              label        a preferred label, perhaps with another case or no accents
              synonym      another name a profession uses (may be an alt label)
              abbreviation ICU, TVET, M&E, PMTCT, PCIME, DAO...
              form         gender or plural form ("infirmières anesthésistes")
              typo         a realistic typo in a word of 6+ letters
              order        punctuation or word order ("soins intensifs (USI)")
              neighbour    named the way a neighbouring profession would: the typed text
                           is a label of (or close to) another concept; the concept
                           column says what the host means given the sector
              unknown      a real skill the taxonomy has no concept for ("-")

What is checked
---------------
72 rows, unique ids r01..r72, 36 en and 36 fr, valid sector/country/kind, no tab,
newline or carriage return inside a field, no stray spaces, " | " as separator, the
number of must and must_concepts agree, every concept id exists in skills.csv, nice and
nice_concept are both present or both empty, "-" is used only in `unknown` rows,
`unknown` rows have "-" for every must-have and their typed words appear (case- and
accent-folded) in no label or alt label of skills.csv, not even as a phrase inside one;
per kind: `label` is a preferred label of its concept once folded; `synonym`,
`abbreviation`, `form`, `typo` and `order` differ from the concept's preferred labels,
and `form`, `typo` and `order` from its alt labels too; `abbreviation` contains an
upper-case token; `neighbour` is not a label or alt label of the concept it means; no
concept is used more than 3 times. Prints a summary by kind and language; exits 1 on
any problem.

Run from anywhere: python3 crates/bench/data/check_relevance.py
"""

import collections
import csv
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]  # crates/bench/data -> repo root
TSV = HERE / "relevance.tsv"
SKILLS = ROOT / "search-index" / "taxonomy" / "skills.csv"

COLUMNS = ["id", "lang", "sector", "country", "must", "must_concepts", "nice",
           "nice_concept", "kind"]
SECTORS = {"health", "tvet", "education", "rural_development", "ict", "engineering",
           "public_administration", "finance"}
COUNTRIES = {"RW", "CD", "BI", "MA", "MR", "SN", "CM", "GN"}
KINDS = ["label", "synonym", "abbreviation", "form", "typo", "order", "neighbour",
         "unknown"]
SEP = " | "
MAX_REUSE = 3


def fold(s):
    s = unicodedata.normalize("NFKD", s.lower().replace("œ", "oe").replace("æ", "ae"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("’", "'")
    return re.sub(r"\s+", " ", s).strip()


def words(s):
    return re.findall(r"[a-z0-9&]+", fold(s))


def contains_phrase(haystack, needle):
    """True when the word sequence `needle` occurs inside `haystack`."""
    h, n = words(haystack), words(needle)
    if not n:
        return False
    return any(h[i:i + len(n)] == n for i in range(len(h) - len(n) + 1))


def load_taxonomy():
    concepts = {}
    with open(SKILLS, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            prefs = [row["label_en"], row["label_fr"]]
            alts = [a for col in ("alt_en", "alt_fr") for a in row[col].split("|") if a]
            concepts[row["id"]] = {"sector": row["sector"], "prefs": prefs, "alts": alts}
    return concepts


def main():
    errors = []

    def err(where, msg):
        errors.append(f"{where}: {msg}")

    if not SKILLS.is_file():
        print(f"taxonomy not found: {SKILLS}", file=sys.stderr)
        return 1
    concepts = load_taxonomy()
    all_labels = [l for c in concepts.values() for l in c["prefs"] + c["alts"]]
    tax_sectors = {c["sector"] for c in concepts.values()}
    for s in sorted(SECTORS - tax_sectors):
        err("taxonomy", f"sector {s!r} not used in skills.csv")

    raw = TSV.read_bytes().decode("utf-8")
    if "\r" in raw:
        err("file", "carriage return found (use LF line ends)")
    if not raw.endswith("\n"):
        err("file", "no newline at end of file")
    lines = raw.rstrip("\n").split("\n")
    header = lines[0].split("\t")
    if header != COLUMNS:
        err("header", f"expected {COLUMNS}, got {header}")

    rows = []
    for n, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != len(COLUMNS):
            err(f"line {n}", f"{len(fields)} fields, expected {len(COLUMNS)}")
            continue
        for col, v in zip(COLUMNS, fields):
            if v != v.strip() or "  " in v:
                err(f"line {n}", f"stray whitespace in {col}: {v!r}")
            if re.search(r"[\x00-\x1f]", v):
                err(f"line {n}", f"control character in {col}")
        rows.append(dict(zip(COLUMNS, fields)))

    if len(rows) != 72:
        err("file", f"{len(rows)} rows, expected 72")
    ids = [r["id"] for r in rows]
    if len(set(ids)) != len(ids):
        dup = [i for i, c in collections.Counter(ids).items() if c > 1]
        err("file", f"duplicate ids {dup}")
    expected_ids = [f"r{i:02d}" for i in range(1, len(rows) + 1)]
    if ids != expected_ids:
        err("file", "ids are not r01..r72 in order")
    langs = collections.Counter(r["lang"] for r in rows)
    if langs != collections.Counter({"en": 36, "fr": 36}):
        err("file", f"languages {dict(langs)}, expected 36 en and 36 fr")

    usage = collections.Counter()
    for r in rows:
        rid = r["id"]
        if r["lang"] not in ("en", "fr"):
            err(rid, f"lang {r['lang']!r}")
        if r["sector"] not in SECTORS:
            err(rid, f"sector {r['sector']!r}")
        if r["country"] not in COUNTRIES:
            err(rid, f"country {r['country']!r}")
        kind = r["kind"]
        if kind not in KINDS:
            err(rid, f"kind {kind!r}")

        for col in ("must", "must_concepts", "nice", "nice_concept"):
            v = r[col]
            if "|" in v.replace(SEP, ""):
                err(rid, f"{col}: '|' must be written as {SEP!r}")
        must = r["must"].split(SEP) if r["must"] else []
        mc = r["must_concepts"].split(SEP) if r["must_concepts"] else []
        if not 1 <= len(must) <= 2:
            err(rid, f"{len(must)} must-haves, expected 1 or 2")
        if len(must) != len(mc):
            err(rid, f"{len(must)} must but {len(mc)} must_concepts")
        if any(not m for m in must):
            err(rid, "empty must-have")
        nice, nc = r["nice"], r["nice_concept"]
        if SEP in nice or SEP in nc:
            err(rid, "more than one nice-to-have")
        if bool(nice) != bool(nc):
            err(rid, "nice and nice_concept must be both present or both empty")

        pairs = list(zip(must, mc)) + ([(nice, nc)] if nice else [])
        for typed, cid in pairs:
            if cid == "-":
                if kind != "unknown":
                    err(rid, f"'-' for {typed!r} in a {kind} row (only unknown rows)")
                for label in all_labels:
                    if contains_phrase(label, typed):
                        err(rid, f"unknown {typed!r} appears in taxonomy label {label!r}")
                        break
            elif cid not in concepts:
                err(rid, f"concept {cid!r} (for {typed!r}) not in skills.csv")
            else:
                usage[cid] += 1

        if kind == "unknown":
            if any(c != "-" for c in mc):
                err(rid, "unknown row must have '-' for every must-have")
            continue
        if not must or not mc or mc[0] not in concepts:
            continue
        typed, c = must[0], concepts[mc[0]]
        f = fold(typed)
        prefs = {fold(x) for x in c["prefs"]}
        alts = {fold(x) for x in c["alts"]}
        if kind == "label" and f not in prefs:
            err(rid, f"label {typed!r} is not a preferred label of {mc[0]}")
        if kind in ("synonym", "abbreviation", "form", "typo", "order") and f in prefs:
            err(rid, f"{kind} {typed!r} is identical to a preferred label of {mc[0]}")
        if kind in ("form", "typo", "order") and f in alts:
            err(rid, f"{kind} {typed!r} is identical to an alt label of {mc[0]}")
        if kind == "abbreviation" and not re.search(r"\b[A-Z][A-Z&/]+\b", typed):
            err(rid, f"abbreviation row without an upper-case token: {typed!r}")
        if kind == "typo":
            if not any(len(w) >= 6 for w in words(typed)):
                err(rid, f"typo row without a word of 6+ letters: {typed!r}")
        if kind == "neighbour" and (f in prefs or f in alts):
            err(rid, f"neighbour {typed!r} is already a label of {mc[0]}")

    for cid, n in sorted(usage.items()):
        if n > MAX_REUSE:
            err("file", f"concept {cid} used {n} times (max {MAX_REUSE})")

    # Summary
    by_kind = collections.Counter((r["kind"], r["lang"]) for r in rows)
    print(f"relevance.tsv: {len(rows)} rows, "
          f"{langs.get('en', 0)} en / {langs.get('fr', 0)} fr, "
          f"{len(usage)} distinct concepts")
    print(f"{'kind':<14}{'en':>4}{'fr':>4}{'all':>5}")
    for k in KINDS:
        en, fr = by_kind[(k, "en")], by_kind[(k, "fr")]
        print(f"{k:<14}{en:>4}{fr:>4}{en + fr:>5}")
    print(f"{'total':<14}{langs.get('en', 0):>4}{langs.get('fr', 0):>4}{len(rows):>5}")
    sectors = collections.Counter(r["sector"] for r in rows)
    print("sectors:   " + ", ".join(f"{s} {n}" for s, n in sectors.most_common()))
    countries = collections.Counter(r["country"] for r in rows)
    print("countries: " + ", ".join(f"{s} {n}" for s, n in countries.most_common()))
    two = sum(1 for r in rows if SEP in r["must"])
    with_nice = sum(1 for r in rows if r["nice"])
    unknown_skills = sum(1 for r in rows for c in
                         r["must_concepts"].split(SEP) + [r["nice_concept"]] if c == "-")
    print(f"requests with 2 must-haves: {two}; with a nice-to-have: {with_nice}; "
          f"unknown skills: {unknown_skills}")

    if errors:
        print(f"\n{len(errors)} problem(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
