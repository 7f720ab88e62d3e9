"""Two people changing the same action of a self-assessment cannot
overwrite each other (issue 14 part 6, prevent/core/versioning.py, ADR 0018)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse

from prevent.core.versioning import EditConflict
from prevent.self_assessment import services
from prevent.self_assessment.models import Assessment, AssessmentAction
from prevent.self_assessment.selectors import assessment_sections
from tests.builders import sign_in

from .conftest import today

pytestmark = pytest.mark.django_db


def test_a_stale_action_is_not_saved_and_the_page_shows_both(
    spoc: Any, start: Callable[..., Assessment]
) -> None:
    assessment = start()
    objective = assessment_sections(assessment)[0].objective
    due = today() + timedelta(days=30)
    action = services.action_save(
        actor=spoc,
        assessment=assessment,
        objective=objective,
        description="Train the new staff",
        owner="Sam Spoc",
        due_on=due,
        status="not_started",
    )
    assert action.version == 1
    services.action_save(
        actor=spoc,
        assessment=assessment,
        objective=objective,
        action=AssessmentAction.objects.get(pk=action.pk),
        description="Train the new staff by July",
        owner="Sam Spoc",
        due_on=due,
        status="in_progress",
        version=1,
    )
    with pytest.raises(EditConflict) as conflict:
        services.action_save(
            actor=spoc,
            assessment=assessment,
            objective=objective,
            action=AssessmentAction.objects.get(pk=action.pk),
            description="Train every member of staff",
            owner="Sam Spoc",
            due_on=due,
            status="not_started",
            version=1,
        )
    assert {d.name for d in conflict.value.differences} == {"description", "status"}
    url = reverse("self_assessment:action-change", args=[assessment.pk, objective.number, action.pk])
    client = sign_in(spoc)
    page = client.get(url).content.decode()
    assert 'name="version" value="2"' in page
    data = {
        "description": "Train every member of staff",
        "owner": "Sam Spoc",
        "due_on_day": str(due.day),
        "due_on_month": str(due.month),
        "due_on_year": str(due.year),
        "status": "not_started",
        "version": "1",
    }
    token = page.split('name="once_token" value="')[1].split('"')[0]
    shown = client.post(url, {**data, "once_token": token}).content.decode()
    assert "Someone else saved changes" in shown
    assert "Train the new staff by July" in shown and "Train every member of staff" in shown
    saved = AssessmentAction.objects.get(pk=action.pk)
    assert (saved.description, saved.status, saved.version) == (
        "Train the new staff by July",
        "in_progress",
        2,
    )
