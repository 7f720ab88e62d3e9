"""Fixtures for the concerns tests: the guidance rows the form asks about,
an organisation with a practitioner and a SPOC, and a quick way to make a
submitted concern through the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from prevent.accounts.roles import Role
from prevent.concerns import services
from prevent.concerns import steps as S
from prevent.concerns.models import Concern
from prevent.guidance.models import (
    ConcernType,
    Influence,
    KeyQuestion,
    VulnerabilityArea,
    VulnerabilityFactor,
)
from tests.browser.conftest import (  # noqa: F401  (the browser fixtures, for test_browser_journey)
    _flush_past_audit_triggers,
    axe,
    browser,
    context,
    live_server,
    make_context,
    page,
    playwright_instance,
)
from tests.factories import OrganisationFactory


@pytest.fixture
def guidance(db: Any) -> dict[str, Any]:
    """Rows of our own (the seed data may exist too: these are added beside it)."""
    personal, _ = VulnerabilityArea.objects.get_or_create(
        code="personal", defaults={"name": "Personal", "order": 1}
    )
    family, _ = VulnerabilityArea.objects.get_or_create(
        code="family", defaults={"name": "Family", "order": 2}
    )

    def influence(code: str, name: str, order: int) -> Influence:
        return Influence.objects.get_or_create(code=code, defaults={"name": name, "order": order})[0]

    def concern_type(code: str, label: str, order: int) -> ConcernType:
        return ConcernType.objects.get_or_create(code=code, defaults={"label": label, "order": order})[0]

    return {
        "areas": [personal, family],
        "isolation": VulnerabilityFactor.objects.create(
            area=personal, text="Test factor: a sense of isolation"
        ),
        "esteem": VulnerabilityFactor.objects.create(area=personal, text="Test factor: low self-esteem"),
        "tension": VulnerabilityFactor.objects.create(area=family, text="Test factor: family tensions"),
        "shift": KeyQuestion.objects.create(
            area=personal, text="Test question: a significant shift in behaviour?"
        ),
        "conflict": KeyQuestion.objects.create(area=family, text="Test question: conflict with family?"),
        "online": influence("online", "Online", 1),
        "peers": influence("peer-interaction", "Peer interaction", 2),
        "ewr": concern_type("extreme-right-wing", "Extreme right-wing", 1),
        "not_known": concern_type("not-known", "Not known", 9),
    }


@pytest.fixture
def org(db: Any) -> Any:
    return OrganisationFactory(name="Cherwell Academy")


@pytest.fixture
def practitioner(make_user: Callable[..., Any], org: Any) -> Any:
    return make_user(Role.PRACTITIONER, organisation=org, full_name="Pat Practitioner")


@pytest.fixture
def spoc(make_user: Callable[..., Any], org: Any) -> Any:
    return make_user(Role.SPOC, organisation=org, full_name="Sam Spoc")


PERSON = {
    "person_name": "Alex Example",
    "person_other_names": "Lex",
    "person_date_of_birth": dt.date(2010, 5, 4),
    "person_approximate_age": None,
    "person_gender": "male",
    "person_address": "1 High Street, Banbury",
    "person_postcode": "OX16 1AA",
    "person_district": "cherwell",
    "person_school_or_employer": "Cherwell Academy",
}


def make_draft(user: Any, *, person: dict[str, Any] | None = None, emergency: str = "no") -> Concern:
    concern = services.concern_create_draft(actor=user, emergency=emergency)
    if emergency == "yes":
        cleaned_call = {
            "emergency_call_made": "yes",
            "emergency_call_time": "10:00",
            "emergency_police_reference": "",
        }
        concern = services.concern_save_step(
            actor=user, concern=concern, step=S.EMERGENCY_CALL, answers={}, cleaned=cleaned_call
        )
    concern = services.concern_save_step(
        actor=user, concern=concern, step=S.PERSON, answers={}, cleaned={**PERSON, **(person or {})}
    )
    concern = services.concern_save_step(
        actor=user,
        concern=concern,
        step=S.SUPPORT,
        answers={},
        cleaned={"care_needs": ["social_isolation"], "services_involved": [], "person_aware": "no"},
    )
    return services.concern_save_step(
        actor=user,
        concern=concern,
        step=S.CONCERN,
        answers={},
        cleaned={
            "what_happened": "Shared extremist videos in class.",
            "observed_on": dt.date(2026, 1, 12),
            "location": "Classroom 4",
            "how_came_to_notice": "I saw it.",
        },
    )


def make_submitted(user: Any, **kwargs: Any) -> Concern:
    return services.concern_submit(actor=user, concern=make_draft(user, **kwargs))


@pytest.fixture
def submitted_concern(practitioner: Any, spoc: Any) -> Concern:
    return make_submitted(practitioner)
