"""Name matching for search and duplicates (ADR 0011).

Nothing here is a home-made similarity algorithm: similarity is rapidfuzz,
phonetic keys are jellyfish (metaphone and soundex). This module only
normalises names before they reach those libraries:

- `fold`: lower case, diacritics removed (NFKD, "Zoë" -> "zoe"), hyphens
  and other punctuation become spaces, apostrophes vanish ("O'Neil" ->
  "oneil");
- `canonical`: each word replaced by the first spelling of its row in
  TRANSLITERATIONS, a small table of common transliteration variants, so
  "Mohamed", "Muhammad" and "Mohammed" compare as the same word (metaphone
  mostly agrees already; the table makes it certain and covers the
  spellings it does not, "Yusuf" / "Youssef");
- `keys`: the phonetic keys stored on Person (`phonetic_keys`, " m:MHMT
  s:M530 ... ") that the database compares to find candidates, word by word
  so that transposed first and last names still meet; a hyphenated name
  also gives the key of its parts joined ("Smith-Jones" -> "smithjones").

`score` ranks a candidate (0-100): rapidfuzz's token-sort and token-set
ratios of the canonical names (word order does not matter) blended with
the share of the query's words whose phonetic key the person has, taken
over the person's name and each of their other names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import jellyfish
from rapidfuzz import fuzz

# Each row: the canonical spelling first, then the variants seen in records.
TRANSLITERATIONS: tuple[tuple[str, ...], ...] = (
    (
        "muhammad",
        "mohammed",
        "mohammad",
        "mohamed",
        "mohamad",
        "muhammed",
        "muhamed",
        "muhamad",
        "mohammod",
        "mohd",
        "mohamud",
        "mahamed",
    ),
    ("ahmed", "ahmad", "ahmet", "ahmmed"),
    ("yusuf", "yousef", "youssef", "yousuf", "yusif", "yosef", "youssouf"),
    ("aisha", "ayesha", "aysha", "aishah", "ayisha"),
    ("fatima", "fatimah", "fatma", "fatema"),
    ("mustafa", "mustapha", "moustafa", "mostafa"),
    ("hussein", "hussain", "husain", "hosein", "husein"),
    ("abdullah", "abdulla", "abdallah"),
    ("ibrahim", "ebrahim", "ibraheem", "ibrahem"),
    ("omar", "umar", "omer"),
    ("osman", "usman", "uthman", "othman"),
    ("khalid", "khaled"),
    ("hassan", "hasan"),
    ("ali", "aly"),
)
_CANONICAL = {variant: row[0] for row in TRANSLITERATIONS for variant in row}

_SEPARATORS = re.compile(r"[^a-z0-9']+")


def fold(value: str) -> str:
    """Lower case, no diacritics, words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("ł", "l")
    plain = plain.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(_SEPARATORS.sub(" ", plain).replace("'", "").split())


def canonical(value: str) -> str:
    """`fold`, with each word in its canonical transliteration."""
    return " ".join(_CANONICAL.get(word, word) for word in fold(value).split())


def split_names(full_name: str, other_names: str = "") -> list[str]:
    """The person's name, then each other name (separated by commas or
    semicolons), as typed."""
    names = [full_name]
    names.extend(n.strip() for n in re.split(r"[,;]", other_names) if n.strip())
    return names


def _word_keys(word: str) -> set[str]:
    if not word.isalpha():
        return set()
    return {f"m:{jellyfish.metaphone(word)}", f"s:{jellyfish.soundex(word)}"}


def word_keys(word: str) -> set[str]:
    """The phonetic keys of one canonical word."""
    return _word_keys(word)


def _hyphen_joins(name: str) -> list[str]:
    """ "Smith-Jones" also as "smithjones"; "Smith Jones" is left alone."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    return ["".join(canonical(part).split()) for part in re.findall(r"[^\s]+-[^\s]+", folded)]


def keys(names: Iterable[str]) -> set[str]:
    """Every phonetic key of every word of `names`."""
    found: set[str] = set()
    for name in names:
        for word in canonical(name).split() + _hyphen_joins(name):
            found |= _word_keys(word)
    return found


def keys_column(names: Iterable[str]) -> str:
    """The stored form: keys space-separated with a space at each end, so a
    key is matched with `contains=" m:JN "` and never as part of another."""
    found = sorted(keys(names))
    return f" {' '.join(found)} " if found else ""


def search_text(names: Iterable[str]) -> str:
    """The stored, canonical names joined by " | " (trigram-indexed on
    PostgreSQL)."""
    return " | ".join(canonical(n) for n in names if canonical(n))


class Matcher:
    """`score` for one query against many people, with the query's
    canonical form and keys worked out once."""

    def __init__(self, query: str) -> None:
        self.wanted = canonical(query)
        self.joined = "".join(self.wanted.split())
        self.word_keys = [_word_keys(w) for w in self.wanted.split()]

    def score_canonical(self, names: Iterable[str], person_keys: str) -> float:
        """`names` already canonical (Person.search_text split on " | ")."""
        if not self.wanted:
            return 0.0
        mine = set(person_keys.split())
        word_keys = self.word_keys
        phonetic = 100.0 * sum(1 for ks in word_keys if ks & mine) / len(word_keys) if word_keys else 0.0
        best = 0.0
        for theirs in names:
            if not theirs:
                continue
            similarity = max(
                fuzz.token_sort_ratio(self.wanted, theirs),
                0.95 * fuzz.token_set_ratio(self.wanted, theirs),
                fuzz.ratio(self.joined, theirs.replace(" ", "")),
            )
            if similarity > best:
                best = similarity
        return 0.7 * best + 0.3 * phonetic


def score(query: str, names: Iterable[str], person_keys: str) -> float:
    """How well `query` (a name as typed) matches a person (0-100)."""
    return Matcher(query).score_canonical([canonical(n) for n in names], person_keys)
