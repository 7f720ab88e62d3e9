"""Referrer feedback (issue 10, item 5): the concern page shows what became
of each referral to police Prevent in words the referrer may see; the SPOC
adds information to a sent referral, police read it on the gateway record
and are told; and the emails of the referral's journey (links and
references only, after the commit)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404

from prevent.audit.models import AuditEvent
from prevent.channel.models import CaseStatus, ChannelCase
from prevent.concerns import services as concern_services
from prevent.concerns.models import ReferralInformation

from .conftest import open_case, police_referral
from .test_referral_history import assess

pytestmark = pytest.mark.django_db


def test_the_concern_page_says_channel_adopted_and_when_it_ended(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    case = open_case(people)
    referral = case.gateway_referral.referral
    assert referral is not None
    concern = referral.concern
    url = f"/concerns/{concern.pk}/"
    for who in ("practitioner", "spoc"):
        body = client_for(people[who]).get(url).content.decode()
        assert "Referred to Channel" in body
        assert "The Channel Panel is gathering information" in body
        assert "Vulnerable, ideology present" not in body  # the gateway's rationale is not theirs
    ChannelCase.objects.filter(pk=case.pk).update(status=CaseStatus.SUPPORT)  # arranged: adopted
    body = client_for(people["practitioner"]).get(url).content.decode()
    assert "Adopted by the Channel Panel" in body and "Open the Channel case" not in body
    assert "Open the Channel case" in client_for(people["coordinator"]).get(url).content.decode()


def test_a_gateway_outcome_without_channel_has_no_channel_row(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    referral = police_referral(people)
    assess(people, referral, "signposted")
    body = client_for(people["spoc"]).get(f"/concerns/{referral.concern_id}/").content.decode()
    assert "Signposted to other services" in body and "Channel Panel</dt>" not in body


def test_the_spoc_adds_information_and_police_are_told(
    people: dict[str, Any], client_for: Callable[..., Any], django_capture_on_commit_callbacks: Any
) -> None:
    referral = police_referral(people)
    mail.outbox.clear()
    spoc = client_for(people["spoc"])
    url = f"/concerns/referrals/{referral.pk}/information/"
    assert spoc.get(url).status_code == 200
    refused = spoc.post(url, {"text": ""})
    assert 'id="id_text-error"' in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = spoc.post(url, {"text": "He has since been excluded from school"})
    assert response.status_code == 302
    added = ReferralInformation.objects.get(referral=referral)
    assert added.added_by == people["spoc"]
    event = AuditEvent.objects.get(action="referral_information_added")
    assert event.actor_id == people["spoc"].pk and "excluded" not in event.summary
    [email] = [m for m in mail.outbox if str(people["police"].email) in list(m.to)]
    assert str(referral.concern.reference) in str(email.subject)
    assert f"/channel/gateway/from-referral/{referral.pk}/#further-information" in email.body
    assert "excluded" not in email.body and "Alex" not in email.body  # a link and a reference only

    police_page = client_for(people["police"]).get(f"/channel/gateway/from-referral/{referral.pk}/")
    assert "He has since been excluded from school" in police_page.content.decode()
    concern_page = spoc.get(f"/concerns/{referral.concern_id}/").content.decode()
    assert "He has since been excluded from school" in concern_page


def test_only_the_referring_organisations_spoc_may_add_information(people: dict[str, Any]) -> None:
    referral = police_referral(people)
    for who in ("practitioner", "police", "coordinator"):
        with pytest.raises(Http404):
            concern_services.referral_add_information(actor=people[who], referral=referral, text="More")
    with pytest.raises(ValidationError):
        concern_services.referral_add_information(actor=people["spoc"], referral=referral, text="  ")
    assert not ReferralInformation.objects.exists()


def test_police_officers_are_told_of_a_referral_to_police_prevent(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        referral = police_referral(people)
    [email] = [m for m in mail.outbox if str(people["police"].email) in list(m.to)]
    assert str(referral.concern.reference) in str(email.subject)
    assert f"/channel/gateway/from-referral/{referral.pk}/" in email.body
    assert "Alex" not in email.body


def test_the_referrers_spoc_is_told_the_gateway_outcome(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    referral = police_referral(people)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assess(people, referral, "signposted")
    [email] = [m for m in mail.outbox if str(people["spoc"].email) in list(m.to)]
    assert str(referral.concern.reference) in f"{email.subject} {email.body}"
    assert f"/concerns/{referral.concern_id}/#referral-{referral.pk}" in email.body
