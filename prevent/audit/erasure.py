"""Erasing the personal details an audit event holds (decision 0015).

When records about a person are disposed of, the events about them keep
everything but their `summary` and `changes`, which may name the person or
quote what was typed. `erase_personal_details` replaces those two fields
with fixed words and `{}`, and keeps a salted digest of what they held:

- an event of hash version 2 hashed that digest, not the fields, so its
  hash still holds;
- an event of version 1 (written before the change) hashed the fields
  themselves: its hash can no longer be recomputed, so the erasure event
  records each one's *seal* (the hash of everything else plus the digest)
  and verification checks the seal instead, and the chain links as before.

Every erased event names the erasure event that erased it, itself an event
in the chain (action `audit_details_erased`), which lists the events it
erased: verification refuses an erased event that no erasure vouches for.
The salt is erased too, so the digest left behind cannot be matched
against a guessed name."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from prevent.core import clock

from .models import CURRENT_HASH_VERSION, ERASED_SUMMARY, AuditEvent, new_salt
from .services import record_event

if TYPE_CHECKING:
    from prevent.accounts.models import User

ERASURE_ACTION = "audit_details_erased"


class AlteredEventError(RuntimeError):
    """An event to be erased no longer matches its hash: erasing it would
    hide the alteration, so it is refused (run verify_audit)."""


def erase_personal_details(*, actor: User | None, event_ids: Iterable[int], why: str) -> AuditEvent | None:
    """Erase the summary and changes of these events (those not erased
    already), inside the caller's transaction; returns the erasure event,
    or None when there was nothing to erase. `why` goes in the erasure
    event's summary and must hold no personal data."""
    ids = sorted({int(pk) for pk in event_ids})
    events = list(AuditEvent.objects.filter(pk__in=ids, erased_at__isnull=True).order_by("id"))
    if not events:
        return None
    digests: dict[int, str] = {}
    seals: dict[str, str] = {}
    for event in events:
        if event.compute_hash() != event.hash:
            raise AlteredEventError(f"Audit event #{event.pk} does not match its hash")
        if event.hash_version != CURRENT_HASH_VERSION:
            # Version 1 had no salt: give the digest one, erased with the rest.
            event.personal_salt = new_salt()
            seals[str(event.pk)] = event.seal()
        digests[event.pk] = event.personal_digest_now()
    erasure = record_event(
        actor=actor,
        action=ERASURE_ACTION,
        summary=f"Erased the personal details of {len(events)} audit event(s): {why}"[:500],
        object_type=AuditEvent._meta.label_lower,
        changes={
            "events erased": {"before": None, "after": [event.pk for event in events]},
            "seals": {"before": None, "after": seals},
        },
    )
    now = clock.now()
    for event in events:
        AuditEvent.objects.filter(pk=event.pk).update(
            summary=ERASED_SUMMARY,
            changes={},
            personal_salt=None,
            personal_digest=digests[event.pk],
            erased_at=now,
            erased_by_event_id=erasure.pk,
        )
    return erasure


def erased_event_problem(event: AuditEvent, voucher: AuditEvent | None) -> str:
    """Why an erased event does not hold ("" when it does), given the
    erasure event it names."""
    if voucher is None or voucher.action != ERASURE_ACTION or voucher.pk <= event.pk:
        return f"Event #{event.pk} was erased, but no erasure event in the chain erased it."
    changes = voucher.changes if isinstance(voucher.changes, dict) else {}
    erased = (changes.get("events erased") or {}).get("after") or []
    if event.pk not in erased:
        return f"Event #{event.pk} was erased, but erasure event #{voucher.pk} does not list it."
    if event.hash_version == CURRENT_HASH_VERSION:
        if event.compute_hash() != event.hash:
            return f"Event #{event.pk} has been altered: its contents no longer match its hash."
        return ""
    seals = (changes.get("seals") or {}).get("after") or {}
    if seals.get(str(event.pk)) != event.seal():
        return (
            f"Event #{event.pk} has been altered since it was erased: it no longer matches the seal "
            f"erasure event #{voucher.pk} recorded."
        )
    return ""
