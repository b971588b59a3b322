#!/usr/bin/env python3
"""Validate search-index/taxonomy/skills.csv.

Usage:
    python3 search-index/taxonomy/check.py [path-to-esco-skills.csv]

Checks the format of skills.csv (next to this script): fields, ids, sectors, ESCO URIs, labels
(unique within a language once folded the way the linker folds them), and the relations
(`broader` and `related`: both ends exist, no self-reference, no cycle in broader, a shallow
hierarchy, no related pair written twice, enough concepts taking part in a relation).
When the path of an ESCO skills CSV (a file with an `id` column holding the concept URIs) is
given, also checks that every non-empty esco_uri exists in it; without it, that check is
skipped. Exits with status 1 if any check fails.
"""
import csv
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HEADER = ["id", "esco_uri", "sector", "label_en", "label_fr", "alt_en", "alt_fr", "broader", "related"]
SECTORS = {
    "health", "education", "tvet", "rural_development", "public_administration",
    "ict", "engineering", "finance", "entrepreneurship", "humanitarian", "social", "other",
}
MIN_ROWS = 1500
# Share of concepts that must have a broader concept, be the broader concept of another, or
# be in a related pair.
MIN_RELATED_SHARE = 0.80
# Longest chain of broader links, counted in concepts (a concept, its parent, its grandparent).
MAX_DEPTH = 3
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URI_RE = re.compile(
    r"^http://data\.europa\.eu/esco/skill/"
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
)
SPELLED = {"œ": "oe", "æ": "ae", "ß": "ss"}


def fold(text):
    """The comparison form of crates/taxonomy/src/normalize.rs: lower case, accents and other
    marks removed, ligatures spelled out, anything but letters and digits as single spaces."""
    decomposed = unicodedata.normalize("NFKD", "".join(c.lower() for c in unicodedata.normalize("NFKD", text)))
    out = []
    space = False
    for c in decomposed:
        if unicodedata.category(c) in ("Mn", "Mc", "Me"):
            continue
        if c in SPELLED:
            out.append(SPELLED[c])
            space = False
        elif c.isalnum():
            out.append(c.lower())
            space = False
        elif not space and out:
            out.append(" ")
            space = True
    return "".join(out).rstrip(" ")


def split_list(value):
    return value.split("|") if value else []


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
    broader = {}
    related = {}
    for n, row in enumerate(body, start=2):
        where = "line %d" % n
        if len(row) != len(HEADER):
            err("%s: expected %d fields, got %d" % (where, len(HEADER), len(row)))
            continue
        rid, uri, sector, label_en, label_fr, alt_en, alt_fr, broader_s, related_s = row
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
            items = split_list(alts)
            for item in items:
                if not item or item != item.strip():
                    err("%s: empty or padded item in alt_%s" % (where, lang))
            for item in [label] + items:
                folded = fold(item)
                if item and not folded:
                    err("%s: %s label %r is empty once folded" % (where, lang, item))
                if folded:
                    labels[lang][folded].add(rid)
        for name, value, store in (("broader", broader_s, broader), ("related", related_s, related)):
            targets = split_list(value)
            for t in targets:
                if not ID_RE.match(t):
                    err("%s: %s item %r is not an id" % (where, name, t))
            if len(set(targets)) != len(targets):
                err("%s: %s lists an id twice" % (where, name))
            store[rid] = targets

    for rid, count in ids.items():
        if count > 1:
            err("id %r used %d times" % (rid, count))
    for uri, count in uris.items():
        if count > 1:
            err("esco_uri %s used %d times" % (uri, count))
    for lang in ("en", "fr"):
        for label, owners in sorted(labels[lang].items()):
            if len(owners) > 1:
                err("%s label %r (folded) appears in several rows: %s"
                    % (lang, label, ", ".join(sorted(owners))))
    if len(body) < MIN_ROWS:
        err("only %d rows, need at least %d" % (len(body), MIN_ROWS))

    # Relations: ends exist, no self-reference.
    for name, store in (("broader", broader), ("related", related)):
        for rid, targets in store.items():
            for t in targets:
                if t == rid:
                    err("%s: %s refers to itself" % (rid, name))
                elif t not in ids:
                    err("%s: %s %r is not a concept" % (rid, name, t))
    # Related pairs are symmetric: each written once, and not also a broader link.
    pairs = Counter()
    for rid, targets in related.items():
        for t in targets:
            pairs[frozenset((rid, t))] += 1
    for pair, count in sorted(pairs.items(), key=lambda kv: sorted(kv[0])):
        if count > 1 and len(pair) == 2:
            err("related pair %s written %d times" % (" / ".join(sorted(pair)), count))
    for rid, targets in broader.items():
        for t in targets:
            if frozenset((rid, t)) in pairs:
                err("%s and %s are both broader and related" % (rid, t))
    # No cycle in broader; depth of the hierarchy.
    depth = {}
    state = {}

    def walk(rid, stack):
        if state.get(rid) == "done":
            return depth[rid]
        if state.get(rid) == "open":
            cycle = stack[stack.index(rid):] + [rid]
            err("cycle in broader: " + " -> ".join(cycle))
            return 0
        state[rid] = "open"
        stack.append(rid)
        best = 0
        for t in broader.get(rid, []):
            if t in ids and t != rid:
                best = max(best, walk(t, stack))
        stack.pop()
        state[rid] = "done"
        depth[rid] = best + 1
        return depth[rid]

    for rid in broader:
        walk(rid, [])
    max_depth = max(depth.values()) if depth else 0
    for rid, d in sorted(depth.items()):
        if d > MAX_DEPTH:
            err("%s is %d levels deep (at most %d)" % (rid, d, MAX_DEPTH))
    # Share of concepts in a relation.
    in_relation = set()
    for rid, targets in broader.items():
        if targets:
            in_relation.add(rid)
            in_relation.update(targets)
    for pair in pairs:
        in_relation.update(pair)
    in_relation &= set(ids)
    share = len(in_relation) / max(len(ids), 1)
    if share < MIN_RELATED_SHARE:
        err("only %.1f%% of concepts take part in a relation, need %.0f%%"
            % (100 * share, 100 * MIN_RELATED_SHARE))

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
    print("relations: %d broader links, %d related pairs; %.1f%% of concepts in a relation; "
          "longest broader chain: %d concepts"
          % (sum(len(t) for t in broader.values()), len(pairs), 100 * share, max_depth))
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
