from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from prevent.guidance import selectors
from prevent.guidance.models import KeyQuestion, VulnerabilityArea, VulnerabilityFactor

pytestmark = pytest.mark.django_db


def test_areas_with_factors_and_questions_in_three_queries(
    guidance: None, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(3):
        areas: list[Any] = list(selectors.areas_with_factors_and_questions())
        personal = areas[0]
        assert personal.code == "personal"
        assert personal.current_factors[0].text == "A sense of isolation"
        assert len(personal.current_key_questions) == 3
        assert sum(len(a.current_factors) for a in areas) == 28


def test_retired_entries_are_left_out(guidance: None) -> None:
    factor = VulnerabilityFactor.objects.get(text="Adolescence")
    factor.retired_at = timezone.now()
    factor.save()
    KeyQuestion.objects.filter(area__code="family").update(retired_at=timezone.now())
    VulnerabilityArea.objects.filter(code="criminal").update(retired_at=timezone.now())
    areas: dict[str, Any] = {a.code: a for a in selectors.areas_with_factors_and_questions()}
    assert "criminal" not in areas
    assert "Adolescence" not in [f.text for f in areas["personal"].current_factors]
    assert areas["family"].current_key_questions == []
    assert "adolescence" not in [f.text.lower() for f in selectors.search("adolescence").factors]


def test_current_lists(guidance: None) -> None:
    assert [i.code for i in selectors.current_influences()][:3] == [
        "online",
        "peer-interaction",
        "tv-and-media",
    ]
    assert [t.label for t in selectors.current_concern_types()][-1] == "Not known"
    assert [level.level for level in selectors.pyramid_levels()] == [1, 2, 3, 4]


def test_search_finds_a_factor_and_a_page(guidance: None) -> None:
    results = selectors.search("Isolation")
    assert "A sense of isolation" in [f.text for f in results.factors]
    # Section 4 speaks of social isolation too.
    assert "risk-in-oxfordshire" in [p.slug for p in results.pages]
    channel = selectors.search("channel panel")
    assert "channel" in [p.slug for p in channel.pages]
    assert channel.factors == []


def test_search_finds_key_questions_influences_and_levels(guidance: None) -> None:
    assert selectors.search("tattoos").key_questions[0].area.code == "personal"
    assert [i.code for i in selectors.search("gaming").influences] == ["online"]
    assert [level.level for level in selectors.search("specialist intervention").pyramid_levels] == [3]


def test_search_with_no_results(guidance: None) -> None:
    results = selectors.search("xylophone")
    assert results.count == 0
    assert results.terms == ["xylophone"]


def test_an_empty_query_runs_no_queries(guidance: None, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        assert selectors.search("   ").count == 0


def test_search_every_word_must_match(guidance: None) -> None:
    assert selectors.search("isolation xylophone").count == 0
    assert selectors.search_terms("A  a b " + "word " * 10) == ["a", "b", "word"]
