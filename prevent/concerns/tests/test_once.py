"""Every concerns form that creates a record, sent twice with the same
one-time token, makes one record and sends the second POST to it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from prevent.accounts.roles import Role
from prevent.concerns import services
from prevent.concerns.models import (
    Concern,
    ConcernAddendum,
    ConcernAttachment,
    InformationRequest,
    ReferralDestination,
    ReferralUpdate,
    TriageDecision,
)

from .conftest import make_draft

pytestmark = pytest.mark.django_db


def _token(client: Any, url: str) -> str:
    page = client.get(url).content.decode()
    match = re.search(r'name="once_token" value="([^"]+)"', page)
    assert match, f"no one-time token on {url}"
    return match.group(1)


def _twice(
    client: Any,
    url: str,
    data: dict[str, Any],
    model: type[Model],
    files: Callable[[], dict[str, Any]] | None = None,
) -> tuple[Any, Any]:
    token = _token(client, url)
    before = model._default_manager.count()
    first = client.post(url, {**data, **(files() if files else {}), "once_token": token})
    second = client.post(url, {**data, **(files() if files else {}), "once_token": token})
    assert first.status_code == 302, first.content.decode()[:2000]
    assert model._default_manager.count() == before + 1
    assert second.status_code == 302 and second["Location"] == first["Location"]
    return first, second


def test_a_new_concern_sent_twice_is_started_once(practitioner: Any, client_for: Any) -> None:
    _twice(client_for(practitioner), reverse("concerns:new"), {"emergency": "no"}, Concern)


def test_an_attachment_sent_twice_is_uploaded_once(practitioner: Any, client_for: Any) -> None:
    draft = make_draft(practitioner)
    url = reverse("concerns:step", args=[draft.pk, "attachments"])
    _twice(
        client_for(practitioner),
        url,
        {"action": "upload"},
        ConcernAttachment,
        files=lambda: {"file": SimpleUploadedFile("notes.txt", b"Plain text")},
    )


def test_an_addendum_sent_twice_is_added_once(
    submitted_concern: Concern, practitioner: Any, client_for: Any
) -> None:
    url = reverse("concerns:addendum", args=[submitted_concern.pk])
    _twice(
        client_for(practitioner),
        url,
        {"section": "other", "text": "Room 5", "reason": "Typo"},
        ConcernAddendum,
    )


def test_a_decision_sent_twice_is_recorded_once(
    submitted_concern: Concern, spoc: Any, client_for: Any
) -> None:
    today = timezone.localdate()
    data = {
        "pyramid_level": "2",
        "rationale": "Early help",
        "referral-1-destination": ReferralDestination.CHILDRENS_SOCIAL_CARE,
        "referral-1-method": "email",
        "referral-1-sent_on_day": today.day,
        "referral-1-sent_on_month": today.month,
        "referral-1-sent_on_year": today.year,
    }
    first, _ = _twice(
        client_for(spoc), reverse("concerns:decision", args=[submitted_concern.pk]), data, TriageDecision
    )
    assert first["Location"] == reverse("concerns:detail", args=[submitted_concern.pk])


def test_a_question_sent_twice_is_asked_once(submitted_concern: Concern, spoc: Any, client_for: Any) -> None:
    url = reverse("concerns:request-information", args=[submitted_concern.pk])
    _twice(client_for(spoc), url, {"question": "Which class?"}, InformationRequest)


def test_an_answer_sent_twice_is_given_once(
    submitted_concern: Concern, spoc: Any, practitioner: Any, client_for: Any
) -> None:
    services.triage_request_more_information(actor=spoc, concern=submitted_concern, question="Which class?")
    client = client_for(practitioner)
    url = reverse("concerns:answer", args=[submitted_concern.pk])
    token = _token(client, url)
    first = client.post(url, {"answer": "10B", "once_token": token})
    second = client.post(url, {"answer": "10B", "once_token": token})
    assert first.status_code == 302 and second["Location"] == first["Location"]
    answered = InformationRequest.objects.get(concern=submitted_concern)
    assert answered.answer == "10B"
    submitted_concern.refresh_from_db()
    assert submitted_concern.status == "submitted"


def test_a_referral_update_sent_twice_is_recorded_once(
    submitted_concern: Concern, spoc: Any, client_for: Any
) -> None:
    decision = services.triage_record_decision(
        actor=spoc,
        concern=submitted_concern,
        pyramid_level=2,
        rationale="r",
        referrals=[
            services.ReferralInput(
                destination=ReferralDestination.CHILDRENS_SOCIAL_CARE,
                sent_on=timezone.localdate(),
                method="email",
            )
        ],
    )
    referral = decision.referrals.get()
    url = reverse("concerns:referral-update", args=[referral.pk])
    first, _ = _twice(client_for(spoc), url, {"status": "chased", "note": "Phoned"}, ReferralUpdate)
    assert first["Location"].endswith(f"#referral-{referral.pk}")


def test_someone_else_may_not_reuse_a_token(
    practitioner: Any, make_user: Any, client_for: Any, org: Any
) -> None:
    token = _token(client_for(practitioner), reverse("concerns:new"))
    client_for(practitioner).post(reverse("concerns:new"), {"emergency": "no", "once_token": token})
    other = make_user(Role.PRACTITIONER, organisation=org)
    response = client_for(other).post(reverse("concerns:new"), {"emergency": "no", "once_token": token})
    assert response.status_code == 400
    assert Concern.objects.filter(raised_by=other).count() == 0
