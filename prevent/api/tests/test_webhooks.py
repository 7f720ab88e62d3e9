"""Webhooks: a partner system hears that a referral's outcome changed,
signed with HMAC-SHA256, with a reference and a link only; a failing
receiver is retried with back-off and then reported to administrators."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.urls import reverse

from prevent.api import webhooks
from prevent.api.models import DeliveryStatus, WebhookDelivery
from prevent.api.services import webhook_register
from prevent.audit.models import AuditEvent
from prevent.concerns.models import ReferralStatus
from prevent.concerns.services import referral_update_status
from prevent.concerns.tests.conftest import make_submitted
from prevent.core import clock

from .test_concerns_api import _refer

pytestmark = pytest.mark.django_db


class Receiver:
    """Stands in for the partner system: records each POST, answers `codes`."""

    def __init__(self, *codes: int) -> None:
        self.codes = list(codes)
        self.calls: list[tuple[str, bytes, dict[str, str]]] = []

    def __call__(self, url: str, body: bytes, headers: dict[str, str]) -> int:
        self.calls.append((url, body, headers))
        code = self.codes.pop(0) if self.codes else 200
        if code == 0:
            raise ConnectionError("connection refused")
        return code


def _endpoint(admin: Any, org: Any) -> tuple[Any, str]:
    return webhook_register(actor=admin, organisation_id=org.pk, url="https://school.example/hook")


def _outcome(practitioner: Any, spoc: Any, django_capture_on_commit_callbacks: Any) -> Any:
    concern = make_submitted(practitioner)
    referral = _refer(spoc, concern)
    with django_capture_on_commit_callbacks(execute=True):
        referral_update_status(
            actor=spoc, referral=referral, status=ReferralStatus.OUTCOME_RECEIVED, outcome="Support offered"
        )
    return concern


def test_the_signature_verifies_and_the_body_holds_no_personal_data(
    admin: Any,
    org: Any,
    practitioner: Any,
    spoc: Any,
    monkeypatch: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    _, secret = _endpoint(admin, org)
    receiver = Receiver(200)
    monkeypatch.setattr(webhooks, "post", receiver)
    concern = _outcome(practitioner, spoc, django_capture_on_commit_callbacks)

    [(url, body, headers)] = receiver.calls
    assert url == "https://school.example/hook"
    payload = json.loads(body)
    assert set(payload) == {"event", "reference", "link", "occurred_at"}
    assert payload["event"] == "referral.outcome_recorded" and payload["reference"] == concern.reference
    assert payload["link"].endswith(reverse("api:concern-detail", args=[concern.pk]))
    assert concern.person.full_name not in body.decode() and "Support offered" not in body.decode()
    timestamp, signature = headers["Prevent-Hub-Timestamp"], headers["Prevent-Hub-Signature"]
    assert webhooks.verify_signature(
        secret=secret, body=body, timestamp=timestamp, signature_header=signature
    )
    # Tampering, another secret or an old timestamp fail.
    assert not webhooks.verify_signature(
        secret=secret, body=body + b" ", timestamp=timestamp, signature_header=signature
    )
    assert not webhooks.verify_signature(
        secret="other", body=body, timestamp=timestamp, signature_header=signature
    )
    later = clock.now() + dt.timedelta(minutes=6)
    assert not webhooks.verify_signature(
        secret=secret, body=body, timestamp=timestamp, signature_header=signature, now=later
    )
    assert WebhookDelivery.objects.get().status == DeliveryStatus.DELIVERED


def test_only_the_concerns_organisation_is_told(
    admin: Any,
    org: Any,
    practitioner: Any,
    spoc: Any,
    monkeypatch: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from tests.factories import OrganisationFactory

    _endpoint(admin, OrganisationFactory(name="Another school"))
    receiver = Receiver()
    monkeypatch.setattr(webhooks, "post", receiver)
    _outcome(practitioner, spoc, django_capture_on_commit_callbacks)
    assert receiver.calls == [] and not WebhookDelivery.objects.exists()


class DeferringBackend:
    """The test backend, saying it can run tasks later (as the database
    backend can), so the delivery asks for a wait before each retry."""

    supports_defer = True

    def __init__(self, real: Any) -> None:
        self.real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def test_a_failing_receiver_is_retried_with_back_off_then_reported(
    admin: Any,
    org: Any,
    practitioner: Any,
    spoc: Any,
    monkeypatch: Any,
    django_capture_on_commit_callbacks: Any,
    make_user: Any,
) -> None:
    other_admin = make_user("administrator", full_name="Other Admin")
    _endpoint(admin, org)
    receiver = Receiver(500, 0, 503, 500, 502)
    monkeypatch.setattr(webhooks, "post", receiver)
    waits: list[float] = []
    real_task = webhooks.deliver_webhook

    class Deferred:
        def __init__(self, run_after: dt.datetime) -> None:
            waits.append((run_after - clock.now()).total_seconds())

        def enqueue(self, **kwargs: Any) -> None:
            real_task.call(**kwargs)

    backend = DeferringBackend(real_task.get_backend())
    monkeypatch.setattr(type(real_task), "get_backend", lambda self: backend)
    monkeypatch.setattr(type(real_task), "using", lambda self, run_after: Deferred(run_after))

    with django_capture_on_commit_callbacks(execute=True):
        concern = _outcome(practitioner, spoc, django_capture_on_commit_callbacks)

    assert len(receiver.calls) == webhooks.MAX_ATTEMPTS == 5
    assert [round(w / 60) for w in waits] == [1, 5, 30, 120]  # minutes before attempts 2 to 5
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 5
    assert "502" in delivery.last_error
    event = AuditEvent.objects.get(action="webhook_delivery_failed")
    assert concern.reference in event.summary
    for user in (admin, other_admin):
        notice = user.notifications.get()
        assert notice.reference == concern.reference
    assert not spoc.notifications.filter(reference=concern.reference, link_path__contains="webhooks").exists()


def test_the_administrator_sees_failed_deliveries_and_registers_endpoints(
    admin: Any, org: Any, client_for: Any
) -> None:
    client = client_for(admin)
    response = client.post(
        reverse("api:webhook-new"), {"organisation": org.pk, "url": "http://insecure.example/hook"}
    )
    assert "Enter an address that starts with https://" in response.content.decode()
    response = client.post(
        reverse("api:webhook-new"), {"organisation": org.pk, "url": "https://school.example/hook"}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'id="webhook-secret"' in page
    assert 'id="webhook-secret"' not in client.get(response["Location"]).content.decode()
    assert "https://school.example/hook" in client.get(reverse("api:webhook-list")).content.decode()
    assert AuditEvent.objects.filter(action="webhook_registered").exists()


def test_the_gateways_outcome_through_referral_record_outcome_is_sent_too(
    admin: Any,
    org: Any,
    practitioner: Any,
    spoc: Any,
    make_user: Any,
    monkeypatch: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """The police gateway records the outcome of a referral to police
    Prevent with the one service another domain uses."""
    from prevent.concerns.services import ReferralInput, referral_record_outcome, triage_record_decision

    _endpoint(admin, org)
    receiver = Receiver(200)
    monkeypatch.setattr(webhooks, "post", receiver)
    concern = make_submitted(practitioner)
    to_police = ReferralInput(destination="police_prevent", sent_on=clock.today(), method="email")
    triage_record_decision(
        actor=spoc, concern=concern, pyramid_level=3, rationale="Risk", referrals=[to_police]
    )
    officer = make_user("police_prevent_officer", full_name="Pip Police")
    with django_capture_on_commit_callbacks(execute=True):
        referral_record_outcome(
            actor=officer, referral=concern.referrals.get(), outcome="Referred to Channel"
        )
    [(_, body, _)] = receiver.calls
    assert json.loads(body)["reference"] == concern.reference
