"""Walks the audit chain and names the first event that does not hold.

Events are numbered 1, 2, 3... with no gaps; each holds the hash of the one
before and its own hash over its contents; the chain head records the last
event written. So a changed event fails its own hash, a removed event leaves
a gap in the numbers, and events removed from the end leave the chain short
of the head. An event whose personal details were erased (decision 0015)
holds when the erasure event that erased it vouches for it
(prevent/audit/erasure.py)."""

from __future__ import annotations

from dataclasses import dataclass

from .erasure import erased_event_problem
from .models import GENESIS_HASH, AuditChainHead, AuditEvent


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    message: str
    broken_event_id: int | None = None


class _Vouchers:
    """The erasure events named by erased events, each read once."""

    def __init__(self) -> None:
        self._seen: dict[int, AuditEvent | None] = {}

    def get(self, pk: int | None) -> AuditEvent | None:
        if pk is None:
            return None
        if pk not in self._seen:
            self._seen[pk] = AuditEvent.objects.filter(pk=pk).first()
        return self._seen[pk]


def event_holds(event: AuditEvent) -> bool:
    """One event's own check (its hash, or for an erased event its erasure)."""
    if event.is_erased:
        return not erased_event_problem(event, _Vouchers().get(event.erased_by_event_id))
    return event.compute_hash() == event.hash


def verify_chain(batch_size: int = 2000) -> ChainReport:
    vouchers = _Vouchers()
    previous_hash = GENESIS_HASH
    previous_id = 0
    checked = 0
    while True:
        # Walk to the end of what is stored now...
        while batch := list(AuditEvent.objects.filter(id__gt=previous_id).order_by("id")[:batch_size]):
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
                        f"Event #{event.id} does not follow event #{previous_id}: the previous hash "
                        f"it records is not event #{previous_id}'s hash (one of the two was changed).",
                        event.id,
                    )
                if event.is_erased:
                    problem = erased_event_problem(event, vouchers.get(event.erased_by_event_id))
                    if problem:
                        return ChainReport(False, checked, problem, event.id)
                elif event.compute_hash() != event.hash:
                    return ChainReport(
                        False,
                        checked,
                        f"Event #{event.id} has been altered: its contents no longer match its hash.",
                        event.id,
                    )
                previous_hash = event.hash
                previous_id = event.id
                checked += 1
        # ...then compare with the head. The head and each event commit
        # together, so a head ahead of the walk means either events written
        # while we walked (carry on) or events deleted from the end.
        head = AuditChainHead.objects.filter(pk=1).first()
        if head is None:
            if checked:
                return ChainReport(
                    False,
                    checked,
                    f"The chain head is missing, so deletions after event #{previous_id} "
                    "cannot be ruled out.",
                    previous_id + 1,
                )
            break
        if head.last_event_id > previous_id:
            if AuditEvent.objects.filter(id__gt=previous_id).exists():
                continue
            return ChainReport(
                False,
                checked,
                f"Event #{previous_id + 1} is missing: the chain ends at event #{previous_id} but the "
                f"chain head records event #{head.last_event_id} (events deleted from the end).",
                previous_id + 1,
            )
        if head.last_event_id < previous_id:
            return ChainReport(
                False,
                checked,
                f"Event #{head.last_event_id + 1} was not written through the audit service: the "
                f"chain head records event #{head.last_event_id} as the last.",
                head.last_event_id + 1,
            )
        if head.last_hash != previous_hash:
            return ChainReport(
                False,
                checked,
                f"Event #{previous_id} has been altered: its hash differs from the one the chain "
                "head recorded.",
                previous_id,
            )
        break
    return ChainReport(True, checked, f"Audit chain intact: {checked} events verified.")
