"""Walks the audit chain and names the first event that does not hold."""

from __future__ import annotations

from dataclasses import dataclass

from .models import GENESIS_HASH, AuditChainHead, AuditEvent


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    message: str
    broken_event_id: int | None = None


def verify_chain(batch_size: int = 2000) -> ChainReport:
    previous_hash = GENESIS_HASH
    previous_id = 0
    checked = 0
    last_id = 0
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            break
        for event in batch:
            if event.id != previous_id + 1:
                return ChainReport(
                    False,
                    checked,
                    f"Event #{previous_id + 1} is missing: the chain jumps from #{previous_id} "
                    f"to #{event.id} (deleted).",
                    previous_id + 1,
                )
            if event.previous_hash != previous_hash:
                return ChainReport(
                    False,
                    checked,
                    f"Event #{event.id} does not follow event #{previous_id}: its previous "
                    "hash does not match (an earlier event was changed or removed).",
                    event.id,
                )
            if event.compute_hash() != event.hash:
                return ChainReport(
                    False,
                    checked,
                    f"Event #{event.id} has been altered: its contents no longer match its hash.",
                    event.id,
                )
            previous_hash = event.hash
            previous_id = event.id
            checked += 1
        last_id = batch[-1].id
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_event_id != previous_id or head.last_hash != previous_hash):
        return ChainReport(
            False,
            checked,
            f"The chain ends at event #{previous_id} but the chain head records event "
            f"#{head.last_event_id}: events after #{previous_id} were deleted.",
            previous_id + 1,
        )
    return ChainReport(True, checked, f"Audit chain intact: {checked} events verified.")
