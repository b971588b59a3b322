#!/usr/bin/env python3
"""Writes english-words.txt: the English words of ESCO's skills and occupations (five letters
or more, lower case, marks removed), one per line, sorted.

The skill linker reads it to tell a real word from a typo: "podiatry" is a word, not a
misspelt "pediatry", so it is kept as the host wrote it instead of being corrected to
paediatrics. Usage: tools/english_words.py ../../../shared/data/esco > english-words.txt
(run from search-index/taxonomy; the ESCO folder is not part of the project).
"""
import csv
import re
import sys
import unicodedata
from pathlib import Path


def words_of(text):
    for word in re.findall(r"[^\W\d_]+", text.lower()):
        word = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")
        if len(word) >= 5 and word.isascii():
            yield word


def main():
    esco = Path(sys.argv[1])
    words = set()
    for name in ("skills.csv", "occupations.csv"):
        with open(esco / name, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                words.update(words_of(row["description"]))
    sys.stdout.write("".join(f"{w}\n" for w in sorted(words)))


if __name__ == "__main__":
    main()
