"""Fixtures for the self-assessment tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from prevent.accounts.roles import Role
from prevent.core.models import District, Sector
from prevent.self_assessment import services
from prevent.self_assessment.models import Assessment, ObjectiveRating
from prevent.self_assessment.selectors import assessment_sections
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def organisation(db: Any) -> Any:
    return OrganisationFactory(name="Cherwell Academy", sector=Sector.SCHOOL, district=District.CHERWELL)


@pytest.fixture
def spoc(organisation: Any) -> Any:
    return UserFactory(roles=[Role.SPOC], organisation=organisation, full_name="Sam Spoc")


@pytest.fixture
def coordinator(db: Any) -> Any:
    return UserFactory(
        roles=[Role.PREVENT_COORDINATOR],
        organisation=OrganisationFactory(name="Oxfordshire County Council", sector=Sector.LOCAL_AUTHORITY),
    )


def today() -> date:
    return timezone.localdate()


@pytest.fixture
def start(spoc: Any) -> Callable[..., Assessment]:
    def make(actor: Any = None, **kwargs: Any) -> Assessment:
        actor = actor or spoc
        values = {
            "organisation": actor.organisation,
            "assessor_names": "Sam Spoc, Alex Head",
            "assessed_on": today() - timedelta(days=1),
            "review_due_on": today() + timedelta(days=364),
        }
        values.update(kwargs)
        return services.assessment_start(actor=actor, **values)

    return make


def answer_all(
    actor: Any, assessment: Assessment, *, met: bool = True, note: str = "Seen in the policy"
) -> None:
    """Answer every statement of every objective the same way."""
    for section in assessment_sections(assessment):
        services.assessment_save_objective(
            actor=actor,
            assessment=assessment,
            objective=section.objective,
            answers={row.statement.pk: (met, note) for row in section.rows},
        )


def ratings(assessment: Assessment) -> dict[int, str]:
    return {
        r.objective.number: r.rating
        for r in ObjectiveRating.objects.filter(assessment=assessment).select_related("objective")
    }
