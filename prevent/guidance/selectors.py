"""Reads of the practice guidance, for the guidance pages and the concern form.

The guidance is not about any person, so every signed-in user may read it
(Action.VIEW_GUIDANCE): these selectors take no user. Each returns current
(not retired) entries, in the guidance's order, at a fixed number of queries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import and_
from typing import cast

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from prevent.policy import parse_pk

from .models import (
    ConcernType,
    GuidanceEntry,
    GuidancePage,
    Influence,
    KeyQuestion,
    PyramidLevel,
    VulnerabilityArea,
    VulnerabilityFactor,
)

# Longer queries are cut; more words than this are ignored.
MAX_QUERY_LENGTH = 100
MAX_SEARCH_TERMS = 8
MAX_RESULTS_PER_GROUP = 50


def areas_with_factors_and_questions() -> QuerySet[VulnerabilityArea]:
    """Current areas in order. Each area carries `current_factors` and
    `current_key_questions` (lists of current entries, in order). Three
    queries however many areas, factors and questions there are."""
    return VulnerabilityArea.objects.current().prefetch_related(
        Prefetch("factors", queryset=VulnerabilityFactor.objects.current(), to_attr="current_factors"),
        Prefetch("key_questions", queryset=KeyQuestion.objects.current(), to_attr="current_key_questions"),
    )


def current_influences() -> QuerySet[Influence]:
    return Influence.objects.current()


def current_concern_types() -> QuerySet[ConcernType]:
    return ConcernType.objects.current()


def pyramid_levels() -> QuerySet[PyramidLevel]:
    """Level 1 (universal) to level 4 (actively breaking the law)."""
    return PyramidLevel.objects.all()


def current_pages() -> QuerySet[GuidancePage]:
    return GuidancePage.objects.current()


def current_page(*, slug: str) -> GuidancePage | None:
    return GuidancePage.objects.current().filter(slug=slug).first()


# Factors and key questions belong to an area, shown with them (the lookup
# is on a model chosen at run time, so it is not spelled out for the checker).
_AREA = ("area",)
_AREA_ORDER = ("area__order", "area__pk", "order", "pk")


def _with_area[Entry: GuidanceEntry](model: type[Entry]) -> QuerySet[Entry]:
    queryset = cast("QuerySet[Entry]", model._default_manager.all())
    if issubclass(model, VulnerabilityFactor | KeyQuestion):
        queryset = queryset.select_related(*_AREA).order_by(*_AREA_ORDER)
    return queryset


def guidance_entries[Entry: GuidanceEntry](model: type[Entry]) -> list[Entry]:
    """Every entry of a kind, retired ones too, in the guidance's order."""
    return list(_with_area(model))


def guidance_entry[Entry: GuidanceEntry](model: type[Entry], pk: object) -> Entry:
    """One entry of a kind (retired or not); 404 if there is none."""
    entry = _with_area(model).filter(pk=parse_pk(pk)).first()
    if entry is None:
        raise Http404
    return entry


def search_terms(query: str) -> list[str]:
    """The words of a query: cut to a sensible length, duplicates dropped."""
    words = re.findall(r"[\w'\u2019-]+", query[:MAX_QUERY_LENGTH].lower())
    terms: list[str] = []
    for word in words:
        word = word.strip("'\u2019-")
        if word and word not in terms:
            terms.append(word)
    return terms[:MAX_SEARCH_TERMS]


def _matching(fields: tuple[str, ...], terms: list[str]) -> Q:
    """Every term appears in at least one of the fields."""
    per_term = [reduce(lambda a, b: a | b, (Q(**{f"{f}__icontains": t}) for f in fields)) for t in terms]
    return reduce(and_, per_term)


@dataclass
class SearchResults:
    query: str
    terms: list[str]
    pages: list[GuidancePage] = field(default_factory=list)
    factors: list[VulnerabilityFactor] = field(default_factory=list)
    key_questions: list[KeyQuestion] = field(default_factory=list)
    influences: list[Influence] = field(default_factory=list)
    pyramid_levels: list[PyramidLevel] = field(default_factory=list)

    @property
    def count(self) -> int:
        return (
            len(self.pages)
            + len(self.factors)
            + len(self.key_questions)
            + len(self.influences)
            + len(self.pyramid_levels)
        )


def search(query: str) -> SearchResults:
    """Current guidance entries containing every word of the query (case
    does not matter): pages, vulnerability factors, key questions, influences
    and pyramid levels. At most five queries; none for an empty query."""
    terms = search_terms(query)
    results = SearchResults(query=query.strip()[:MAX_QUERY_LENGTH], terms=terms)
    if not terms:
        return results
    limit = MAX_RESULTS_PER_GROUP
    results.pages = list(
        GuidancePage.objects.current().filter(_matching(("title", "summary", "body"), terms))[:limit]
    )
    results.factors = list(
        VulnerabilityFactor.objects.current()
        .filter(area__retired_at__isnull=True)
        .filter(_matching(("text", "area__name"), terms))
        .select_related("area")
        .order_by("area__order", "area__pk", "order", "pk")[:limit]
    )
    results.key_questions = list(
        KeyQuestion.objects.current()
        .filter(area__retired_at__isnull=True)
        .filter(_matching(("text", "area__name"), terms))
        .select_related("area")
        .order_by("area__order", "area__pk", "order", "pk")[:limit]
    )
    results.influences = list(
        Influence.objects.current().filter(_matching(("name", "description"), terms))[:limit]
    )
    results.pyramid_levels = list(
        PyramidLevel.objects.filter(_matching(("title", "description", "response"), terms))[:limit]
    )
    return results


def entry_uses(entry: GuidanceEntry) -> int:
    """How many records point at this entry, through every relation to its
    model (hidden ones too: the concern's type of concern has no reverse
    name). A handful of COUNT queries, one per relation."""
    total = 0
    for relation in type(entry)._meta.get_fields(include_hidden=True):
        if relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one):
            related = relation.related_model._default_manager  # type: ignore[union-attr]
            total += related.filter(**{relation.field.name: entry}).count()  # type: ignore[union-attr]
    return total
