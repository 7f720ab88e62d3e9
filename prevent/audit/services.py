"""Recording audit events. `record_event` is the one way to write one.

Also the audit log's own audited read: opening the audit viewer records an
event too (one per page view)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from prevent.core import clock
from prevent.policy import Action, require

from . import actions, context
from .models import (
    CURRENT_HASH_VERSION,
    GENESIS_HASH,
    AuditChainHead,
    AuditEvent,
    canonical_ip,
    canonical_json,
    new_salt,
)

if TYPE_CHECKING:
    from prevent.accounts.models import User


def _max_length(field: str) -> int:
    model_field = AuditEvent._meta.get_field(field)
    if not (isinstance(model_field, models.CharField) and model_field.max_length):
        raise ImproperlyConfigured(f"AuditEvent.{field} must be a CharField with a max_length")
    return model_field.max_length


_ACTION_MAX = _max_length("action")


class AuditOutsideTransactionError(RuntimeError):
    """record_event was called outside the service's transaction."""


def _jsonable(value: Any) -> Any:
    """What a JSON column will give back, so the stored hash stays true."""
    return canonical_json(value)


def _text(value: object, field: str) -> str:
    """Plain text that fits its column and that both databases store as given
    (PostgreSQL refuses NUL characters and over-long values)."""
    return str(value or "").replace("\x00", "")[: _max_length(field)]


def _in_service_transaction(connection: BaseDatabaseWrapper) -> bool:
    """True inside a `transaction.atomic()` block the code opened. The block
    a test case wraps each test in does not count, so tests catch a service
    that forgot its transaction."""
    if not connection.in_atomic_block:
        return False
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


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
    `action` must be registered in prevent/audit/actions.py.
    """
    if not _in_service_transaction(transaction.get_connection()):
        raise AuditOutsideTransactionError(
            "record_event must be called inside the service's transaction.atomic() block"
        )
    if not action or len(action) > _ACTION_MAX:
        raise ValueError(f"An audit action must be 1 to {_ACTION_MAX} characters: {action!r}")
    actions.get(action)  # UnknownAuditAction for a name not in prevent/audit/actions.py
    if obj is not None:
        if obj.pk is None:
            raise ValueError("record_event needs a saved object: save it before recording the event")
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    ctx = context.current()
    actor_user = actor if actor is not None and actor.is_authenticated else None
    organisation = getattr(actor_user, "organisation", None) if actor_user else None

    # The lock on the one head row serialises writers: each event follows the
    # one committed before it, so the chain never forks.
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"last_event_id": 0, "last_hash": GENESIS_HASH}
    )
    event = AuditEvent(
        id=head.last_event_id + 1,
        occurred_at=clock.now(),
        actor=actor_user,
        actor_label=_text(
            actor_label or (f"{actor_user.full_name} <{actor_user.email}>" if actor_user else ""),
            "actor_label",
        ),
        actor_organisation_id=organisation.pk if organisation else None,
        actor_organisation_label=_text(organisation.name if organisation else "", "actor_organisation_label"),
        actor_roles=sorted(str(role) for role in actor_user.roles) if actor_user else [],
        action=action,
        object_type=_text(object_type, "object_type"),
        object_id=_text(object_id, "object_id"),
        summary=_text(summary, "summary"),
        changes=_jsonable(changes or {}),
        request_id=_text(ctx.request_id, "request_id"),
        ip_address=canonical_ip(ctx.ip_address),
        previous_hash=head.last_hash,
        hash_version=CURRENT_HASH_VERSION,
        personal_salt=new_salt(),
    )
    event.hash = event.compute_hash()
    event.save(force_insert=True)
    head.last_event_id = event.id
    head.last_hash = event.hash
    head.event_count += 1
    head.save(update_fields=["last_event_id", "last_hash", "event_count"])
    return event


def audit_log_view(*, actor: User, filters: list[str], page_number: int) -> AuditEvent:
    """Record that `actor` opened a page of the audit log, with the filters
    they used ("action is Signed in", ...). One event per page view."""
    require(actor, Action.VIEW_AUDIT_LOG)
    described = "; ".join(filters) if filters else "no filters"
    with transaction.atomic():
        return record_event(
            actor=actor,
            action="audit_log_viewed",
            summary=f"Viewed the audit log, page {page_number} ({described})",
            object_type=AuditEvent._meta.label_lower,
        )


def audit_event_view(*, actor: User, event: AuditEvent) -> AuditEvent:
    """Record that `actor` opened one audit event's details."""
    require(actor, Action.VIEW_AUDIT_LOG)
    with transaction.atomic():
        return record_event(
            actor=actor,
            action="audit_log_viewed",
            summary=f"Viewed audit event #{event.pk} ({event.action})",
            obj=event,
        )
