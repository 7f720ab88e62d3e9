"""`referral_record_outcome`: how another domain (the police gateway)
records a referral's outcome, through the concerns transition table."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.concerns import services
from prevent.concerns.models import Concern, Referral, ReferralDestination, ReferralStatus

pytestmark = pytest.mark.django_db


def _referral(spoc: Any, concern: Concern, destination: str = ReferralDestination.POLICE_PREVENT) -> Referral:
    decision = services.triage_record_decision(
        actor=spoc,
        concern=concern,
        pyramid_level=3 if destination == ReferralDestination.POLICE_PREVENT else 2,
        rationale="Needs the gateway",
        referrals=[
            services.ReferralInput(destination=destination, sent_on=timezone.localdate(), method="email")
        ],
    )
    return decision.referrals.get()


def test_the_gateway_records_the_outcome_with_the_concerns_audit_event(
    submitted_concern: Concern, spoc: Any, make_user: Any
) -> None:
    officer = make_user(Role.POLICE_PREVENT_OFFICER)
    referral = _referral(spoc, submitted_concern)
    recorded = services.referral_record_outcome(
        actor=officer, referral=referral, outcome="Police Prevent gateway outcome: Referred to Channel"
    )
    assert recorded.status == ReferralStatus.OUTCOME_RECEIVED
    assert recorded.outcome_received_on == timezone.localdate()
    update = recorded.updates.get()
    assert (update.from_status, update.to_status, update.changed_by) == (
        ReferralStatus.SENT,
        ReferralStatus.OUTCOME_RECEIVED,
        officer,
    )
    event = AuditEvent.objects.get(action="referral_status_changed", object_id=str(referral.pk))
    assert event.actor == officer
    assert event.changes == {"status": {"before": "sent", "after": "outcome_received"}}


def test_an_outcome_is_recorded_once(submitted_concern: Concern, spoc: Any, make_user: Any) -> None:
    officer = make_user(Role.POLICE_PREVENT_OFFICER)
    referral = _referral(spoc, submitted_concern)
    services.referral_record_outcome(actor=officer, referral=referral, outcome="Signposted")
    with pytest.raises(ValidationError, match="already has its outcome"):
        services.referral_record_outcome(actor=officer, referral=referral, outcome="Again")
    referral.refresh_from_db()
    assert referral.outcome == "Signposted" and referral.updates.count() == 1


def test_the_officer_may_not_record_the_outcome_of_another_kind_of_referral(
    submitted_concern: Concern, spoc: Any, practitioner: Any, make_user: Any
) -> None:
    officer = make_user(Role.POLICE_PREVENT_OFFICER)
    referral = _referral(spoc, submitted_concern, ReferralDestination.CHILDRENS_SOCIAL_CARE)
    for someone in (officer, practitioner):
        with pytest.raises(Http404):
            services.referral_record_outcome(actor=someone, referral=referral, outcome="Closed")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
    assert not AuditEvent.objects.filter(action="referral_status_changed").exists()
    # The SPOC who sent it may.
    services.referral_record_outcome(actor=spoc, referral=referral, outcome="Closed by social care")
