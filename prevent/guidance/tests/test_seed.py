"""The data migration holds the guidance: the six areas of section 8 with
every factor and key question word for word, the influences, the official
types of concern and the four pyramid levels, and the guidance pages."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

from prevent.guidance.models import (
    ConcernType,
    GuidancePage,
    Influence,
    KeyQuestion,
    PyramidLevel,
    VulnerabilityArea,
    VulnerabilityFactor,
)
from prevent.guidance.seed import load_guidance

pytestmark = pytest.mark.django_db

# The section 8 table, copied verbatim from the practice guidance
# (prevent-practice-guidance-oxfordshire.txt): area, factors, key questions.
TABLE = Path(__file__).with_name("section8_table.txt").read_text(encoding="utf-8").splitlines()[1:]
UNMET = "Unmet Aspirations such as: "


def squeeze(text: str) -> str:
    """The text without bullets or white space, to compare the words."""
    return re.sub(r"\s+", "", text.replace("•", ""))


def guidance_rows() -> dict[str, tuple[str, str]]:
    rows = {}
    for line in TABLE:
        area, factors, questions = line.split("\t")
        rows[area.strip()] = (factors, questions)
    return rows


def test_the_six_areas_of_section_8_in_order(guidance: None) -> None:
    names = list(VulnerabilityArea.objects.current().values_list("name", flat=True))
    assert names == ["Personal", "Family", "Religion", "Environmental", "Social", "Criminal"]
    assert names == list(guidance_rows())
    codes = set(VulnerabilityArea.objects.values_list("code", flat=True))
    assert codes == {"personal", "family", "religion", "environmental", "social", "criminal"}


def test_every_key_question_is_transcribed_word_for_word(guidance: None) -> None:
    expected_counts = {
        "Personal": 3,
        "Family": 1,
        "Religion": 2,
        "Environmental": 2,
        "Social": 3,
        "Criminal": 2,
    }
    for area_name, (_factors, questions) in guidance_rows().items():
        seeded = list(KeyQuestion.objects.filter(area__name=area_name).values_list("text", flat=True))
        assert len(seeded) == expected_counts[area_name], area_name
        # Together, in order, they are exactly the guidance's column ...
        assert squeeze("".join(seeded)) == squeeze(questions), area_name
        # ... and each is a question of its own.
        for text in seeded:
            assert text[0].isupper() and squeeze(text) in squeeze(questions)
    assert KeyQuestion.objects.count() == 13


def test_every_vulnerability_factor_is_its_own_row_word_for_word(guidance: None) -> None:
    for area_name, (factors, _questions) in guidance_rows().items():
        seeded = list(VulnerabilityFactor.objects.filter(area__name=area_name).values_list("text", flat=True))
        # "Unmet Aspirations such as:" introduces three sub-items: each row names it once.
        words = [seeded[0]] + [
            text.removeprefix(UNMET) if previous.startswith(UNMET) else text
            for previous, text in pairwise(seeded)
        ]
        assert squeeze("".join(words)) == squeeze(factors), area_name
    personal = list(VulnerabilityFactor.objects.filter(area__code="personal").values_list("text", flat=True))
    assert "A sense of isolation" in personal
    assert [t for t in personal if t.startswith(UNMET)] == [
        UNMET + "Perceptions of injustice",
        UNMET + "Feeling of failure",
        UNMET + "Rejection of civic life",
    ]
    assert len(personal) == 10
    assert VulnerabilityFactor.objects.count() == 10 + 3 + 3 + 4 + 5 + 3


def test_the_influences_of_sections_8_and_9(guidance: None) -> None:
    influences = {i.code: i for i in Influence.objects.current()}
    assert [i.name for i in Influence.objects.current()] == [
        "Online",
        "Peer interaction",
        "TV and media",
        "Family members",
        "Friends",
        "Direct contact with extremist groups and organisations",
    ]
    assert influences["online"].description.startswith("The internet provides entertainment")
    assert "online gaming chat rooms" in influences["online"].description
    assert "dress more modestly" in influences["peer-interaction"].description
    assert influences["tv-and-media"].description.startswith("The media provides a view on world affairs.")


def test_all_the_official_types_of_concern_and_not_known(guidance: None) -> None:
    assert list(ConcernType.objects.current().values_list("label", flat=True)) == [
        "Islamist",
        "Extreme right-wing",
        "Left-wing, anarchist or single-issue",
        "Conflicted (more than one ideology)",
        "School massacre",
        "Incel",
        "Vulnerability present but no ideology or counter-terrorism risk",
        "No ideology or counter-terrorism risk",
        "Other",
        "Not known",
    ]


def test_four_pyramid_levels(guidance: None) -> None:
    levels = {level.level: level for level in PyramidLevel.objects.all()}
    assert sorted(levels) == [1, 2, 3, 4]
    assert levels[1].title == "Universal needs"
    assert levels[2].title == "Early help and intervention"
    assert levels[3].title == "Moving towards extremism"
    assert levels[4].title == "Actively breaking the law"
    assert "specialist intervention" in levels[3].description
    assert "Customer Resolution Centre" in levels[2].response
    assert "a 999 call should be made" in levels[4].response


def test_the_guidance_pages(guidance: None) -> None:
    pages = {p.slug: p for p in GuidancePage.objects.current()}
    assert set(pages) == {
        "definitions",
        "risk-in-oxfordshire",
        "prevent-duty",
        "reducing-the-risk",
        "referral-and-intervention",
        "channel",
        "training-and-resources",
    }
    assert "vocal or active opposition to fundamental British values" in pages["definitions"].body
    assert "section 26 of the Counter-Terrorism and Security Act 2015" in pages["prevent-duty"].body
    assert "Vulnerability Assessment Framework (VAF) based on three dimensions" in pages["channel"].body
    assert "Workshop for Raising Awareness on Prevent (WRAP)" in pages["training-and-resources"].body


def test_the_seed_is_idempotent(guidance: None) -> None:
    counts = [
        model.objects.count()
        for model in (
            VulnerabilityArea,
            VulnerabilityFactor,
            KeyQuestion,
            Influence,
            ConcernType,
            PyramidLevel,
        )
    ]
    load_guidance()
    load_guidance()
    assert counts == [
        model.objects.count()
        for model in (
            VulnerabilityArea,
            VulnerabilityFactor,
            KeyQuestion,
            Influence,
            ConcernType,
            PyramidLevel,
        )
    ]
    assert GuidancePage.objects.count() == 7


def test_migrating_the_database_seeds_the_guidance(db: None) -> None:
    """No fixture reloads it here: the data comes from migration 0002."""
    assert VulnerabilityArea.objects.count() == 6
    assert KeyQuestion.objects.count() == 13
    assert ConcernType.objects.filter(code="not-known").exists()
    assert PyramidLevel.objects.count() == 4
