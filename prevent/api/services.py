"""Writes of the API app: tokens (issue, revoke), webhook endpoints
(register, turn off) and the audited reads the API makes.

Tokens: `ph_<prefix>_<secret>`; only SHA-256 of the whole token is kept.
The caller shows the token once. A token acts as its user, narrowed by its
scopes; it is refused once revoked, expired, or when the user is inactive or
no longer in the organisation it was issued for (authentication.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction

from prevent.accounts.models import User
from prevent.audit.services import record_event
from prevent.core import clock
from prevent.policy import Action, require

from .addresses import literal_address_problem
from .models import ApiToken, TokenScope, WebhookEndpoint

TOKEN_PREFIX = "ph"
MAX_TOKEN_DAYS = 365


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once, never stored


def api_token_issue(
    *, actor: User, user: User, name: str, scopes: Iterable[str], expires_on: dt.date
) -> IssuedToken:
    require(actor, Action.MANAGE_API_TOKENS)
    require(actor, Action.MANAGE_USERS, user, hide=True)
    chosen = sorted(set(scopes))
    errors: dict[str, str] = {}
    if not user.is_active or user.organisation_id is None:
        errors["user"] = "Select an active user who belongs to an organisation"
    if not chosen or any(s not in TokenScope.values for s in chosen):
        errors["scopes"] = "Select what the token may be used for"
    today = clock.today()
    if not today < expires_on <= today + dt.timedelta(days=MAX_TOKEN_DAYS):
        errors["expires_on"] = f"The expiry date must be in the next {MAX_TOKEN_DAYS} days"
    if not name.strip():
        errors["name"] = "Enter the name of the system that will use the token"
    if errors or user.organisation_id is None:
        raise ValidationError(errors)
    prefix = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    expires_at = dt.datetime.combine(expires_on, dt.time(23, 59, 59), tzinfo=clock.now().tzinfo)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            organisation_id=user.organisation_id,
            name=name.strip(),
            prefix=prefix,
            token_hash=hash_token(secret),
            scopes=chosen,
            created_by=actor,
            expires_at=expires_at,
        )
        record_event(
            actor=actor,
            action="api_token_issued",
            summary=(
                f"Issued API token {prefix} ({', '.join(chosen)}) to user {user.pk}, expiring {expires_on}"
            ),
            obj=token,
        )
    return IssuedToken(token=token, secret=secret)


def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    require(actor, Action.MANAGE_API_TOKENS, token, hide=True)
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is not None:
            raise ValidationError("This token has already been revoked")
        locked.revoked_at = clock.now()
        locked.revoked_by = actor
        locked.save(update_fields=["revoked_at", "revoked_by"])
        record_event(
            actor=actor,
            action="api_token_revoked",
            summary=f"Revoked API token {locked.prefix} of user {locked.user_id}",
            obj=locked,
        )
    return locked


def find_token(raw: str) -> ApiToken | None:
    """The token these characters are, whatever its state (the caller checks)."""
    if not raw.startswith(f"{TOKEN_PREFIX}_") or len(raw) > 100:
        return None
    return ApiToken.objects.select_related("user").filter(token_hash=hash_token(raw)).first()


def token_used(token: ApiToken) -> None:
    """Note when a token was last used (at most once a minute: not audited)."""
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


def webhook_register(*, actor: User, organisation_id: int, url: str) -> tuple[WebhookEndpoint, str]:
    """A new endpoint and its signing secret (shown once to the administrator)."""
    require(actor, Action.MANAGE_WEBHOOKS)
    if not url.startswith("https://"):
        raise ValidationError({"url": "Enter an address that starts with https://"})
    if problem := literal_address_problem(url):
        raise ValidationError({"url": problem})
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        endpoint = WebhookEndpoint.objects.create(
            organisation_id=organisation_id, url=url, secret=secret, created_by=actor
        )
        record_event(
            actor=actor,
            action="webhook_registered",
            summary=f"Registered webhook endpoint {endpoint.pk} for organisation {organisation_id}",
            obj=endpoint,
        )
    return endpoint, secret


def webhook_disable(*, actor: User, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    require(actor, Action.MANAGE_WEBHOOKS, endpoint, hide=True)
    with transaction.atomic():
        locked = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
        if locked.disabled_at is not None:
            raise ValidationError("This endpoint is already turned off")
        locked.disabled_at = clock.now()
        locked.disabled_by = actor
        locked.save(update_fields=["disabled_at", "disabled_by"])
        record_event(
            actor=actor,
            action="webhook_disabled",
            summary=f"Turned off webhook endpoint {locked.pk} of organisation {locked.organisation_id}",
            obj=locked,
        )
    return locked


def api_records_read(*, actor: User, action: Action, records: list[models.Model], operation: str) -> None:
    """A list read through the API that shows people's details: one audited
    event per request, naming the records by id (no personal data). The
    records come from `scoped(actor, action)`; `action` is named in the summary."""
    if not records:
        return
    label = records[0]._meta.label_lower
    with transaction.atomic():
        record_event(
            actor=actor,
            action="api_records_read",
            summary=f"Read {len(records)} record(s) through the API ({operation}; {action})",
            object_type=label,
            changes={"records_shown": {"before": None, "after": [r.pk for r in records]}},
        )
