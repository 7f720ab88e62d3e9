"""The fixes a new user tripped on (issue 10, item 7): GOV.UK times, a
Change link on every row of check-your-answers, each key-question note
labelled with its question, the gateway's "Waiting" from the time sent."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.template import Context, Template
from django.utils import timezone

from prevent.concerns import services
from prevent.concerns.models import Referral, ReferralDestination

from .conftest import make_draft, make_submitted

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (10, 35, "10:35am"),
        (9, 0, "9am"),
        (12, 0, "midday"),
        (0, 0, "midnight"),
        (12, 30, "12:30pm"),
        (0, 5, "12:05am"),
        (23, 59, "11:59pm"),
    ],
)
def test_times_are_written_the_govuk_way(hour: int, minute: int, expected: str) -> None:
    when = timezone.make_aware(dt.datetime(2026, 3, 1, hour, minute))
    rendered = Template("{% load govuk_time %}{{ when|govuk_time }}|{{ when|govuk_datetime }}").render(
        Context({"when": when})
    )
    assert rendered == f"{expected}|1 March 2026, {expected}"


def test_the_concern_page_shows_govuk_times(practitioner: Any, spoc: Any, client_for: Any) -> None:
    with time_machine.travel(timezone.make_aware(dt.datetime(2026, 3, 2, 10, 35)), tick=False):
        concern = make_submitted(practitioner)
    body = client_for(spoc).get(f"/concerns/{concern.pk}/").content.decode()
    assert "2 March 2026, 10:35am" in body and "a.m." not in body


def test_every_row_of_check_your_answers_has_a_change_link(
    practitioner: Any, guidance: dict[str, Any], client_for: Any
) -> None:
    draft = make_draft(practitioner)
    body = client_for(practitioner).get(f"/concerns/{draft.pk}/check/").content.decode()
    rows = re.findall(r'<div class="govuk-summary-list__row">(.*?)</div>', body, re.S)
    assert len(rows) > 10
    for row in rows:
        assert ">Change<" in row, row
    assert 'class="govuk-summary-list__actions"></dd>' not in body


def test_each_key_question_note_is_labelled_with_its_question(
    practitioner: Any, guidance: dict[str, Any], client_for: Any
) -> None:
    draft = make_draft(practitioner)
    body = client_for(practitioner).get(f"/concerns/{draft.pk}/draft/factors/").content.decode()
    assert "Note about: Test question: a significant shift in behaviour? (optional)" in body
    assert ">Note (optional)<" not in body


def test_the_gateway_waits_from_the_time_sent(practitioner: Any, spoc: Any) -> None:
    concern = make_submitted(practitioner)
    sent = timezone.make_aware(dt.datetime(2026, 3, 2, 15, 0))
    with time_machine.travel(sent, tick=False):
        services.triage_record_decision(
            actor=spoc,
            concern=concern,
            pyramid_level=3,
            rationale="Refer",
            referrals=[
                services.ReferralInput(
                    destination=ReferralDestination.POLICE_PREVENT, sent_on=sent.date(), method="email"
                )
            ],
        )
    referral = Referral.objects.get(concern=concern)
    assert referral.sent_at == sent  # not midnight
    Referral.objects.filter(pk=referral.pk).update(
        sent_on=dt.date(2026, 3, 1)
    )  # arranged: sent the day before
    referral.refresh_from_db()
    assert timezone.localtime(referral.sent_at) == timezone.make_aware(dt.datetime(2026, 3, 1))


def test_add_another_referral_works_without_javascript(practitioner: Any, spoc: Any, client_for: Any) -> None:
    concern = make_submitted(practitioner)
    client = client_for(spoc)
    url = f"/concerns/{concern.pk}/decision/"
    first = client.get(url).content.decode()
    assert first.count('<fieldset class="govuk-fieldset govuk-!-margin-bottom-6"') == 1
    assert "Referral 1" not in first and "Add another referral" in first
    typed = {
        "pyramid_level": "2",
        "rationale": "Typed before adding",
        "referral_count": "1",
        "referral-1-destination": "childrens_social_care",
        "add_referral": "1",
    }
    added = client.post(url, typed)
    body = added.content.decode()
    assert added.status_code == 200
    assert body.count('<fieldset class="govuk-fieldset govuk-!-margin-bottom-6"') == 2
    assert "Typed before adding" in body and "govuk-error-message" not in body
    assert 'name="referral_count" value="2"' in body
    concern.refresh_from_db()
    assert concern.status == "submitted"  # nothing recorded by adding a block
