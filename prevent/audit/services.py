"""Recording audit events. `record_event` is the one way to write one."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone

from . import context
from .models import GENESIS_HASH, AuditChainHead, AuditEvent

if TYPE_CHECKING:
    from prevent.accounts.models import User


class AuditOutsideTransactionError(RuntimeError):
    """record_event was called outside the service's transaction."""


def _jsonable(value: Any) -> Any:
    """What a JSON column will give back, so the stored hash stays true."""
    return json.loads(json.dumps(value, default=str))


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{"field": {"before": x, "after": y}} for the fields that differ."""
    keys = sorted(set(before) | set(after))
    return {
        k: {"before": before.get(k), "after": after.get(k)} for k in keys if before.get(k) != after.get(k)
    }


def record_event(
    *,
    actor: User | None,
    action: str,
    summary: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    changes: dict[str, Any] | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Append one event to the chain.

    Must run inside the calling service's transaction, so the event and the
    change it describes commit or roll back together; it refuses otherwise.
    """
    if not transaction.get_connection().in_atomic_block:
        raise AuditOutsideTransactionError(
            "record_event must be called inside the service's transaction.atomic() block"
        )
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    ctx = context.current()
    actor_user = actor if actor is not None and actor.is_authenticated else None
    organisation = getattr(actor_user, "organisation", None) if actor_user else None

    head, _ = AuditChainHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"last_event_id": 0, "last_hash": GENESIS_HASH}
    )
    event = AuditEvent(
        id=head.last_event_id + 1,
        occurred_at=timezone.now(),
        actor=actor_user,
        actor_label=actor_label or (f"{actor_user.full_name} <{actor_user.email}>" if actor_user else ""),
        actor_organisation_id=organisation.pk if organisation else None,
        actor_organisation_label=organisation.name if organisation else "",
        actor_roles=sorted(actor_user.roles) if actor_user else [],
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        summary=summary[:500],
        changes=_jsonable(changes or {}),
        request_id=ctx.request_id,
        ip_address=ctx.ip_address,
        previous_hash=head.last_hash,
    )
    event.hash = event.compute_hash()
    event.save(force_insert=True)
    head.last_event_id = event.id
    head.last_hash = event.hash
    head.event_count += 1
    head.save(update_fields=["last_event_id", "last_hash", "event_count"])
    return event
