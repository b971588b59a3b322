#!/usr/bin/env python3
"""Validate search-index/taxonomy/skills.csv.

Usage:
    python3 search-index/taxonomy/check.py [path-to-esco-skills.csv]

Checks the format of skills.csv (next to this script). When the path of an
ESCO skills CSV (a file with an `id` column holding the concept URIs) is
given, also checks that every non-empty esco_uri exists in it; without it,
that check is skipped. Exits with status 1 if any check fails.
"""
import csv
import os
import re
import sys
from collections import Counter, defaultdict

HEADER = ["id", "esco_uri", "sector", "label_en", "label_fr", "alt_en", "alt_fr"]
SECTORS = {
    "health", "education", "tvet", "rural_development", "public_administration",
    "ict", "engineering", "finance", "entrepreneurship", "humanitarian", "social", "other",
}
MIN_ROWS = 450
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URI_RE = re.compile(
    r"^http://data\.europa\.eu/esco/skill/"
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "skills.csv")
    esco_path = argv[1] if len(argv) > 1 else None
    errors = []

    def err(msg):
        errors.append(msg)

    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != HEADER:
        err("header must be exactly: " + ",".join(HEADER))
    body = rows[1:]

    ids = Counter()
    uris = Counter()
    labels = {"en": defaultdict(set), "fr": defaultdict(set)}
    sectors = Counter()
    for n, row in enumerate(body, start=2):
        where = "line %d" % n
        if len(row) != len(HEADER):
            err("%s: expected %d fields, got %d" % (where, len(HEADER), len(row)))
            continue
        rid, uri, sector, label_en, label_fr, alt_en, alt_fr = row
        for name, value in zip(HEADER, row):
            if value != value.strip():
                err("%s: %s has leading/trailing whitespace" % (where, name))
        if not ID_RE.match(rid):
            err("%s: id %r is not a lowercase ASCII slug" % (where, rid))
        ids[rid] += 1
        if uri:
            if not URI_RE.match(uri):
                err("%s: esco_uri %r is not an ESCO skill URI" % (where, uri))
            uris[uri] += 1
        if sector not in SECTORS:
            err("%s: unknown sector %r" % (where, sector))
        sectors[sector] += 1
        for lang, label, alts in (("en", label_en, alt_en), ("fr", label_fr, alt_fr)):
            if not label:
                err("%s: empty label_%s" % (where, lang))
            if "|" in label:
                err("%s: label_%s contains '|'" % (where, lang))
            items = alts.split("|") if alts else []
            for item in items:
                if not item or item != item.strip():
                    err("%s: empty or padded item in alt_%s" % (where, lang))
            for item in {s.lower() for s in [label] + items if s}:
                labels[lang][item].add(rid)

    for rid, count in ids.items():
        if count > 1:
            err("id %r used %d times" % (rid, count))
    for uri, count in uris.items():
        if count > 1:
            err("esco_uri %s used %d times" % (uri, count))
    for lang in ("en", "fr"):
        for label, owners in sorted(labels[lang].items()):
            if len(owners) > 1:
                err("%s label %r appears in several rows: %s"
                    % (lang, label, ", ".join(sorted(owners))))
    if len(body) < MIN_ROWS:
        err("only %d rows, need at least %d" % (len(body), MIN_ROWS))

    if esco_path:
        csv.field_size_limit(1 << 24)
        with open(esco_path, encoding="utf-8", newline="") as f:
            known = {r["id"] for r in csv.DictReader(f)}
        for uri in uris:
            if uri not in known:
                err("esco_uri %s not found in %s" % (uri, esco_path))
        esco_note = "all %d URIs found in %s" % (len(uris), esco_path)
    else:
        esco_note = "ESCO existence check skipped (no path given)"

    print("%d rows, %d with an ESCO URI (%.0f%%)"
          % (len(body), sum(uris.values()), 100.0 * sum(uris.values()) / max(len(body), 1)))
    print("per sector: " + ", ".join("%s=%d" % kv for kv in sorted(sectors.items())))
    if errors:
        for e in errors:
            print("ERROR: " + e)
        print("FAILED: %d error(s)" % len(errors))
        return 1
    print(esco_note)
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
