"""Find a person: one box, read as a name, a date of birth (exact or a
year), a postcode or a reference (ADR 0011).

1. `parse` splits what was typed: a reference (PH-2026-00042), a date
   (4/5/2010, 2010-05-04, 4 May 2010), a year (2010), a postcode (OX16 1AA,
   or its outward part OX16); the rest is a name.
2. Candidates come from the database, only among the people the user may
   see (`people_visible_to`): people with a phonetic key (metaphone,
   soundex; the indexed PersonKey rows) of every word of the name, or with
   that date of birth or postcode; on PostgreSQL also those whose canonical
   names match the words in full-text search. When fewer than `LIMIT` come
   back, a second query widens to any word's key (and, on PostgreSQL,
   trigram word similarity, pg_trgm `%>`). At most `CANDIDATES` rows of five
   columns each.
3. rapidfuzz ranks them in Python (`matching.score`), with the date of
   birth and postcode adding to it; the best `LIMIT` are loaded in a
   second query, and `records.summaries` adds one query per kind of record
   for their organisation and latest status.

The same candidate rule runs on SQLite and PostgreSQL, so the test
fixtures give the same results on both; trigram and full-text only add
candidates PostgreSQL can find quickly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from prevent.policy import scope_for

from . import matching
from .models import Person, PersonKey
from .records import PersonSummary, summaries
from .rules import hidden_people, restricted_but_visible_by_role
from .selectors import people_visible_to

if TYPE_CHECKING:
    from prevent.accounts.models import User

CANDIDATES = 2000
LIMIT = 20
MIN_NAME_SCORE = 55.0
MAX_QUERY = 200

_REFERENCE = re.compile(r"\b([A-Za-z]{2,8}-\d{4}-\d{1,6})\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_WORD_DATE = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\s+(\d{4})\b")
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_POSTCODE = re.compile(r"\b([A-Za-z]{1,2}\d[A-Za-z\d]?)\s*(\d[A-Za-z]{2})\b")
_OUTWARD = re.compile(r"\b([A-Za-z]{1,2}\d[A-Za-z\d]?)\b")


@dataclass
class Query:
    text: str
    reference: str = ""
    date_of_birth: date | None = None
    year: int | None = None
    postcode: str = ""
    outward: str = ""
    name: str = ""

    @property
    def empty(self) -> bool:
        return not (
            self.reference or self.date_of_birth or self.year or self.postcode or self.outward or self.name
        )


def _date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse(text: str) -> Query:
    text = text[:MAX_QUERY]
    query = Query(text=text)
    rest = text
    if found := _REFERENCE.search(rest):
        query.reference = found.group(1).upper()
        rest = rest.replace(found.group(0), " ")
    for pattern, order in ((_ISO_DATE, (1, 2, 3)), (_NUMERIC_DATE, (3, 2, 1))):
        if not query.date_of_birth and (found := pattern.search(rest)):
            parts = [found.group(i) for i in order]
            query.date_of_birth = _date(*parts)
            rest = rest.replace(found.group(0), " ")
    if not query.date_of_birth and (found := _WORD_DATE.search(rest)):
        month = _MONTHS.get(found.group(2).lower())
        if month:
            query.date_of_birth = _date(found.group(3), str(month), found.group(1))
            rest = rest.replace(found.group(0), " ")
    if not query.date_of_birth and (found := _YEAR.search(rest)):
        query.year = int(found.group(1))
        rest = rest.replace(found.group(0), " ")
    if found := _POSTCODE.search(rest):
        query.postcode = (found.group(1) + found.group(2)).upper()
        rest = rest.replace(found.group(0), " ")
    elif found := _OUTWARD.search(rest):
        query.outward = found.group(1).upper()
        rest = rest.replace(found.group(0), " ")
    query.name = " ".join(w for w in matching.fold(rest).split() if not w.isdigit())
    return query


@dataclass
class Result:
    person: Person
    score: float
    summary: PersonSummary = field(default_factory=PersonSummary)


@dataclass
class Found:
    query: Query
    results: list[Result]
    redirect_to: str | None = None
    # Restricted people who match and whom the user's role would see
    # (issue 14): only their ids, for "a restricted record exists".
    restricted: list[int] = field(default_factory=list)


def _name_q(query: Query, *, strict: bool) -> Q:
    """People sharing a phonetic key with the name: with every word of it
    (strict) or with any (loose); on PostgreSQL also trigram-similar or
    full-text matching names."""
    words = matching.canonical(query.name).split()

    def having(keys: set[str]) -> Q:
        return Q(pk__in=PersonKey.objects.filter(key__in=sorted(keys)).values("person_id"))

    per_word = [matching.word_keys(w) for w in words]
    per_word = [keys for keys in per_word if keys]
    joined = matching.word_keys("".join(words))
    if strict and per_word:
        q = Q()
        for keys in per_word:
            q &= having(keys)
        if joined:
            q |= having(joined)
    else:
        q = having(set().union(joined, *per_word))
    if connection.vendor == "postgresql":
        canonical = matching.canonical(query.name)
        if not strict:
            # Only when too few share every word's key: common words are
            # trigram-similar to thousands of names.
            q |= Q(pk__in=RawSQL("SELECT id FROM concerns_person WHERE search_text %%> %s", (canonical,)))
        q |= Q(
            pk__in=RawSQL(
                "SELECT id FROM concerns_person WHERE to_tsvector('simple'::regconfig, search_text)"
                " @@ plainto_tsquery('simple'::regconfig, %s)",
                (canonical,),
            )
        )
    return q


def _candidates_q(query: Query, *, strict: bool = True) -> Q:
    q = _name_q(query, strict=strict) if query.name else Q(pk__in=[])
    if query.date_of_birth:
        q |= Q(date_of_birth=query.date_of_birth)
    elif query.year and not query.name:
        q |= Q(date_of_birth__year=query.year)
    if query.postcode:
        q |= Q(postcode_key=query.postcode)
    elif query.outward and not query.name:
        q |= Q(postcode_key__startswith=query.outward)
    return q


def _rank(query: Query, matcher: matching.Matcher, row: tuple[Any, ...]) -> float:
    _pk, names, keys, born, postcode = row
    total = 0.0
    if query.name:
        name_score = matcher.score_canonical(names.split(" | "), keys)
        if name_score < MIN_NAME_SCORE:
            return 0.0
        total += name_score
    if query.date_of_birth:
        if born == query.date_of_birth:
            total += 40
        elif query.name:
            total -= 10
    if query.year:
        total += 20 if born and born.year == query.year else -10
    if query.postcode:
        total += 30 if postcode == query.postcode else 0
    if query.outward:
        total += 10 if postcode.startswith(query.outward) else 0
    if not query.name:
        matched = (
            (query.date_of_birth is not None and born == query.date_of_birth)
            or (query.year is not None and born is not None and born.year == query.year)
            or (bool(query.postcode) and postcode == query.postcode)
            or (bool(query.outward) and postcode.startswith(query.outward))
        )
        return total if matched else 0.0
    return total


def _ranked(
    user: User, query: Query, *, strict: bool, among: QuerySet[Person] | None = None
) -> list[tuple[float, int]]:
    matcher = matching.Matcher(query.name)
    rows = (
        (people_visible_to(user) if among is None else among)
        .filter(_candidates_q(query, strict=strict))
        .values_list("pk", "search_text", "phonetic_keys", "date_of_birth", "postcode_key")[:CANDIDATES]
    )
    scored = ((_rank(query, matcher, row), row[0]) for row in rows)
    return sorted(((s, pk) for s, pk in scored if s > 0), key=lambda s: (-s[0], s[1]))


def search_people(*, user: User, text: str) -> Found:
    """The people the user may see who match `text`, best first (a bounded
    number of queries: the candidates, the best `LIMIT`, then one per kind
    of record). A reference the user may open answers with its page."""
    from .records import find_reference

    query = parse(text)
    if query.reference:
        redirect_to = find_reference(user, query.reference)
        if redirect_to is not None:
            return Found(query, [], redirect_to=redirect_to)
        return Found(query, [], restricted=_restricted_reference(user, query.reference))
    if query.empty:
        return Found(query, [])
    ranked = _ranked(user, query, strict=True)
    if query.name and len(ranked) < LIMIT:
        # Too few sharing every word: widen to any word (a second query).
        ranked = _ranked(user, query, strict=False)
    best = ranked[:LIMIT]
    people = Person.objects.in_bulk([pk for _, pk in best])
    info = summaries(user, people)
    results = [Result(people[pk], score, info[pk]) for score, pk in best if pk in people]
    return Found(query, results, restricted=_restricted_matches(user, query))


def _restricted_matches(user: User, query: Query) -> list[int]:
    """Restricted people matching the search whom the user's role would
    otherwise see (no query at all when nothing is hidden from them, one
    bounded query otherwise)."""
    if not hidden_people(user):
        return []
    among = Person.objects.filter(restricted_but_visible_by_role(user))
    return [pk for _, pk in _ranked(user, query, strict=False, among=among)[:LIMIT]]


def _restricted_reference(user: User, reference: str) -> list[int]:
    """The restricted person whose record has this reference, when the
    user's role would otherwise see that record (its scope without the
    restricted-records guard); nothing, and no query, when nothing is
    hidden from the user. At most one query per kind of record."""
    from .records import person_records

    hidden = hidden_people(user)
    if not hidden:
        return []
    for kind in person_records():
        model = kind.model
        if model is None:
            continue
        found = (
            model._default_manager.filter(scope_for(kind.view).build(user))
            .filter(**{f"{kind.reference_field}__iexact": reference, f"{kind.person_field}_id__in": hidden})
            .values_list(f"{kind.person_field}_id", flat=True)
            .first()
        )
        if found is not None:
            return [found]
    return []
