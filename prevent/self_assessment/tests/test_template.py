"""The template holds Appendix 1 word for word, and new versions leave old
assessments as they were."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.self_assessment import services
from prevent.self_assessment.models import TemplateVersion
from prevent.self_assessment.selectors import assessment_sections, current_template

from .conftest import answer_all

DATA_COPY = Path(__file__).parent / "data" / "prevent-practice-guidance-oxfordshire.txt"
SHARED = Path("/work/shared/seed/prevent-practice-guidance-oxfordshire.txt")


def guidance_text() -> str:
    text = DATA_COPY.read_text()
    if SHARED.exists():  # the copy kept with the tests must be the guidance itself
        assert SHARED.read_text() == text
    return text


def parse_appendix_1(text: str) -> list[tuple[str, list[str]]]:
    """Objectives and their evidence statements, as the guidance prints them."""
    start = text.index("PREVENT SELF ASSESSMENT")
    appendix = text[start : text.index("\nAppendix 2", start)]
    objectives: list[tuple[str, list[str]]] = []
    in_evidence = False
    for line in appendix.splitlines():
        first = line.split("\t")[0].strip()
        heading = re.match(r"^(\d)\. (.+)$", line.strip())
        if heading:
            objectives.append((heading.group(2).strip(), []))
        elif first == "Evidence":
            in_evidence = True
        elif first.startswith("Notes/Comments"):
            in_evidence = False
        elif in_evidence and first:
            objectives[-1][1].append(first)
    return objectives


def test_the_parser_finds_four_objectives() -> None:
    parsed = parse_appendix_1(guidance_text())
    assert [len(statements) for _, statements in parsed] == [6, 6, 5, 5]


@pytest.mark.django_db
def test_the_seeded_template_is_appendix_1_word_for_word() -> None:
    expected = parse_appendix_1(guidance_text())
    template = current_template()
    assert template.number == 1
    actual = [
        (objective.title, [s.text for s in objective.statements.all()])
        for objective in template.objectives.all()
    ]
    assert actual == expected


@pytest.mark.django_db
def test_the_rating_scale_is_the_guidance_scale() -> None:
    from prevent.self_assessment.models import RATING_DESCRIPTIONS

    text = guidance_text()
    for description in RATING_DESCRIPTIONS.values():
        # The flattened table keeps each phrase after its label.
        assert description.split(":")[1].strip().split()[-1] in text
    assert "Amber (A): evidence of some but not all" in text
    assert "Green (G): evidence of all and more" in text


@pytest.mark.django_db
def test_a_new_version_leaves_old_assessments_unchanged(coordinator: Any, spoc: Any, start: Any) -> None:
    old = start()
    answer_all(spoc, old)
    before = [
        (s.objective.number, [(r.statement.pk, r.statement.text, r.met, r.note) for r in s.rows])
        for s in assessment_sections(old)
    ]
    template = current_template()
    first = template.objectives.all()[0]
    statements = list(first.statements.all())
    version = services.template_publish(
        actor=coordinator,
        notes="Reword 1.1, retire 1.6, add one",
        rewordings={statements[0].pk: "There is a named strategic Prevent lead"},
        retired={statements[5].pk},
        additions={first.pk: ["The governing body receives a yearly Prevent report"]},
    )
    assert version.number == 2
    # The old assessment still shows version 1, every statement and answer as it was.
    old.refresh_from_db()
    assert old.template_version.number == 1
    after = [
        (s.objective.number, [(r.statement.pk, r.statement.text, r.met, r.note) for r in s.rows])
        for s in assessment_sections(old)
    ]
    assert after == before
    # A new assessment uses version 2.
    new_first = current_template().objectives.all()[0]
    texts = [s.text for s in new_first.statements.all()]
    assert texts[0] == "There is a named strategic Prevent lead"
    assert statements[5].text not in texts
    assert texts[-1] == "The governing body receives a yearly Prevent report"
    # The reworded statement keeps its key, so assessments can be compared.
    assert new_first.statements.all()[0].key == statements[0].key
    assert AuditEvent.objects.filter(action="self_assessment_template_published").count() == 1


@pytest.mark.django_db
def test_only_a_coordinator_publishes(make_user: Any) -> None:
    spoc = make_user(Role.SPOC)
    with pytest.raises(PermissionDenied):
        services.template_publish(actor=spoc, notes="x", rewordings={}, retired=set(), additions={})
    assert TemplateVersion.objects.count() == 1


@pytest.mark.django_db
def test_publishing_nothing_or_emptying_an_objective_is_refused(coordinator: Any) -> None:
    with pytest.raises(ValidationError, match="at least one change"):
        services.template_publish(actor=coordinator, notes="x", rewordings={}, retired=set(), additions={})
    fourth = current_template().objectives.all()[3]
    with pytest.raises(ValidationError, match="at least one statement"):
        services.template_publish(
            actor=coordinator,
            notes="x",
            rewordings={},
            retired={s.pk for s in fourth.statements.all()},
            additions={},
        )
    assert TemplateVersion.objects.count() == 1
