"""Webhooks: a partner system hears that a referral's outcome changed.

When a referral's outcome is recorded (by the SPOC, or by the police
gateway through `referral_record_outcome`), the concerns app calls its
`hooks.referral_outcome_changed`; this module is registered there. Inside
that transaction it makes one `WebhookDelivery` for each active endpoint of
the concern's organisation, and after the commit queues `deliver_webhook`.

The body is JSON `{event, reference, link, occurred_at}`: the concern's
reference and the API address of the concern, never personal data. It is
signed with the endpoint's secret, HMAC-SHA256 over
`<timestamp>.<body>`, sent as

    Prevent-Hub-Timestamp: 1764608400
    Prevent-Hub-Signature: v1=<hex digest>

(`verify_signature` shows the receiver's check; reject a timestamp more
than five minutes old). A failed attempt is retried with back-off
(RETRY_DELAYS, when the task backend can defer); after MAX_ATTEMPTS the
delivery is marked failed, audited, and every active administrator is
told (a link and the reference only)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import urllib.request
from functools import partial

from django.db import transaction
from django.tasks import task
from django.urls import reverse

from prevent.accounts.roles import Role
from prevent.audit.services import record_event
from prevent.concerns.hooks import on_referral_outcome_changed
from prevent.concerns.models import Referral
from prevent.core import clock
from prevent.core.notify import absolute_url, active_users_with_role, notify

from .addresses import resolved_address_problem
from .models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

EVENT_OUTCOME = "referral.outcome_recorded"
MAX_ATTEMPTS = 5
RETRY_DELAYS = (60, 5 * 60, 30 * 60, 2 * 60 * 60)
TIMEOUT_SECONDS = 10
TOLERANCE_SECONDS = 5 * 60
TIMESTAMP_HEADER = "Prevent-Hub-Timestamp"
SIGNATURE_HEADER = "Prevent-Hub-Signature"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"v1={mac.hexdigest()}"


def verify_signature(
    *, secret: str, body: bytes, timestamp: str, signature_header: str, now: dt.datetime | None = None
) -> bool:
    """What a receiver checks: the signature over its timestamp and body,
    and a timestamp within five minutes."""
    if not timestamp.isdigit():
        return False
    moment = int(timestamp)
    current = int((now or clock.now()).timestamp())
    if abs(current - moment) > TOLERANCE_SECONDS:
        return False
    return hmac.compare_digest(signature(secret, moment, body), signature_header)


@on_referral_outcome_changed
def _queue_deliveries(referral: Referral) -> None:
    """In the caller's transaction: one delivery per active endpoint of the
    concern's organisation; each sent after the commit."""
    concern = referral.concern
    endpoints = WebhookEndpoint.objects.filter(
        organisation_id=concern.organisation_id, disabled_at__isnull=True
    )
    for endpoint in endpoints:
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint,
            event=EVENT_OUTCOME,
            reference=concern.reference or "",
            link=absolute_url(reverse("api:concern-detail", args=[concern.pk])),
            occurred_at=clock.now(),
        )
        transaction.on_commit(partial(_enqueue, delivery.pk), robust=True)


def _enqueue(delivery_id: int, attempt: int = 1) -> None:
    job = deliver_webhook
    if attempt > 1 and deliver_webhook.get_backend().supports_defer:
        delay = RETRY_DELAYS[min(attempt - 2, len(RETRY_DELAYS) - 1)]
        job = deliver_webhook.using(run_after=clock.now() + dt.timedelta(seconds=delay))
    job.enqueue(delivery_id=delivery_id, attempt=attempt)


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST and return the status (raises on a network error or an address
    that is not on the internet: prevent/api/addresses.py). Tests replace it."""
    if problem := resolved_address_problem(url):
        raise ValueError(problem)
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310  (https only)
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310  # nosec B310  # https:// only (form, service)
        return int(response.status)


def retry_delay(attempt: int) -> int:
    """Seconds before attempt `attempt` (2, 3, ...)."""
    return RETRY_DELAYS[min(attempt - 2, len(RETRY_DELAYS) - 1)]


@task
def deliver_webhook(*, delivery_id: int, attempt: int = 1) -> str:
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != DeliveryStatus.PENDING:
        return "nothing to do"
    body = json.dumps(delivery.payload(), separators=(",", ":"), sort_keys=True).encode("utf-8")
    timestamp = int(clock.now().timestamp())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "PreventHub-Webhooks/1",
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature(delivery.endpoint.secret, timestamp, body),
    }
    error = ""
    try:
        code = post(delivery.endpoint.url, body, headers)
        if not 200 <= code < 300:
            error = f"The receiver answered {code}"
    except Exception as failure:  # any failure to deliver is retried
        error = f"{type(failure).__name__}: {failure}"[:2000]
    now = clock.now()
    if not error:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.DELIVERED, attempts=attempt, delivered_at=now, last_error=""
        )
        return "delivered"
    if attempt < MAX_ATTEMPTS:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            attempts=attempt,
            last_error=error,
            next_attempt_at=now + dt.timedelta(seconds=retry_delay(attempt + 1)),
        )
        logger.warning("Webhook delivery %s failed (attempt %d); retrying", delivery.pk, attempt)
        _enqueue(delivery.pk, attempt + 1)
        return "retrying"
    _report_failure(delivery, attempt, error)
    return "failed"


def _report_failure(delivery: WebhookDelivery, attempt: int, error: str) -> None:
    with transaction.atomic():
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.FAILED,
            attempts=attempt,
            last_error=error,
            failed_at=clock.now(),
            next_attempt_at=None,
        )
        record_event(
            actor=None,
            actor_label="Webhook delivery",
            action="webhook_delivery_failed",
            summary=(
                f"Webhook {delivery.event} for {delivery.reference} to endpoint {delivery.endpoint_id} "
                f"failed {attempt} times"
            ),
            obj=delivery,
        )
        notify(
            recipients=active_users_with_role(Role.ADMINISTRATOR),
            template="api/email/webhook_failed",
            reference=delivery.reference,
            link_path=reverse("api:webhook-list"),
        )
    logger.error("Webhook delivery %s failed %d times; administrators told", delivery.pk, attempt)
