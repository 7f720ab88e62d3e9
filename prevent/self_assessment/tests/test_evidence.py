"""Suggestions from the system's own records, shown but never ticked."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from prevent.accounts.roles import Role
from prevent.audit.services import record_event
from prevent.self_assessment import evidence
from prevent.self_assessment.models import Answer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_has_spoc_names_the_active_spocs(organisation: Any, spoc: Any) -> None:
    UserFactory(roles=[Role.SPOC], organisation=organisation, full_name="Gone Away", is_active=False)
    UserFactory(roles=[Role.PRACTITIONER], organisation=organisation, full_name="Pat Practitioner")
    text = evidence.has_spoc(organisation)
    assert text == "The organisation has 1 active SPOC in this system: Sam Spoc."


def test_has_spoc_says_nothing_without_one(organisation: Any) -> None:
    assert evidence.has_spoc(organisation) is None


def test_audit_trail_counts_this_years_events_by_the_organisations_users(
    organisation: Any, spoc: Any
) -> None:
    assert evidence.audit_trail(organisation) is None
    with transaction.atomic():
        record_event(actor=spoc, action="signed_in", summary="one")
        other: Any = UserFactory()
        record_event(actor=other, action="signed_in", summary="another organisation")
    text = evidence.audit_trail(organisation)
    assert text is not None and "1 recorded action by the organisation's users" in text


def test_training_has_no_records_yet(organisation: Any) -> None:
    assert evidence.training(organisation) is None


def test_referrals_counts_this_years_concerns_and_referrals(organisation: Any, spoc: Any) -> None:
    from django.utils import timezone

    from prevent.concerns import services as concern_services
    from prevent.concerns.models import ReferralDestination
    from prevent.concerns.tests.conftest import make_submitted

    assert evidence.referrals(organisation) is None
    practitioner: Any = UserFactory(roles=[Role.PRACTITIONER], organisation=organisation)
    make_submitted(practitioner)
    concern = make_submitted(practitioner)
    assert evidence.referrals(organisation) == (
        f"Since 1 January {timezone.localdate().year} the organisation has recorded 2 concerns "
        "in this system and made 0 referrals, each with an audit trail."
    )
    concern_services.triage_record_decision(
        actor=spoc,
        concern=concern,
        pyramid_level=3,
        rationale="Moving towards extremism",
        referrals=[
            concern_services.ReferralInput(
                destination=ReferralDestination.POLICE_PREVENT, sent_on=timezone.localdate(), method="email"
            )
        ],
    )
    assert "made 1 referral," in (evidence.referrals(organisation) or "")
    other: Any = UserFactory(roles=[Role.PRACTITIONER])
    make_submitted(other)
    assert "2 concerns" in (evidence.referrals(organisation) or "")


def test_suggestions_are_shown_but_nothing_is_ticked(spoc: Any, start: Any, client_for: Any) -> None:
    assessment = start()
    page = client_for(spoc).get(reverse("self_assessment:objective", args=[assessment.pk, 3]))
    assert "Suggested evidence from this system" in page.text
    assert "The organisation has 1 active SPOC in this system: Sam Spoc." in page.text
    assert "recorded action" in page.text  # starting the assessment was audited
    assert " checked" not in page.text.split("Self-assessed rating")[0]
    assert not Answer.objects.filter(assessment=assessment, met=True).exists()
