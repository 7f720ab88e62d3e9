"""Walks the audit chain and names the first event that does not hold.

Events are numbered 1, 2, 3... with no gaps; each holds the hash of the one
before and its own hash over its contents; the chain head records the last
event written. So a changed event fails its own hash, a removed event leaves
a gap in the numbers, and events removed from the end leave the chain short
of the head. An event whose personal details were erased (decision 0015)
holds when the erasure event that erased it vouches for it
(prevent/audit/erasure.py).

At speed (decision 0029): the walk streams rows from one raw cursor in
batches (no model instances) and serialises each row exactly as
`AuditEvent.compute_hash` does, straight from the stored values. That fast
serialisation skips the canonicalising `compute_hash` applies (stored values
are canonical already: the service stores them so); when its hash does not
match, the event is loaded as a model and judged by `compute_hash` itself,
so the verdict is always the model's. Erased events are always judged by
the model. A walk that holds can leave a checkpoint (`AuditCheckpoint`);
`from_checkpoint=True` walks on from the newest one."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from django.db import connection

from prevent.core import clock

from .erasure import erased_event_problem
from .models import (
    CURRENT_HASH_VERSION,
    GENESIS_HASH,
    AuditChainHead,
    AuditCheckpoint,
    AuditEvent,
    canonical_time,
)

# The stored columns a hash covers, and those verification needs besides.
COLUMNS = (
    "id",
    "occurred_at",
    "actor_id",
    "actor_label",
    "actor_organisation_id",
    "actor_organisation_label",
    "actor_roles",
    "action",
    "object_type",
    "object_id",
    "summary",
    "changes",
    "request_id",
    "ip_address",
    "previous_hash",
    "hash",
    "hash_version",
    "personal_salt",
    "erased_at",
)
_dumps = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode
_loads = json.loads
_string = encode_basestring  # what json.dumps(ensure_ascii=False) writes for a str
_sha256 = hashlib.sha256


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    message: str
    broken_event_id: int | None = None
    # Measured by the walk (decision 0029).
    seconds: float = 0.0
    bytes_hashed: int = 0
    from_event_id: int = 0


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


def _time(value: Any) -> str:
    """canonical_time() of a stored occurred_at: PostgreSQL gives an aware
    datetime; SQLite a naive one in UTC (or the text Django stored, naive
    UTC "YYYY-MM-DD HH:MM:SS[.ffffff]")."""
    if isinstance(value, datetime):
        return canonical_time(value if value.tzinfo is not None else value.replace(tzinfo=UTC))
    text = str(value)
    micro = text[20:26] if len(text) > 19 else ""
    return f"{text[:10]}T{text[11:19]}.{micro.ljust(6, '0')}+00:00"


def _json(value: Any) -> Any:
    return _loads(value) if isinstance(value, (str, bytes)) else value


# Stored JSON repeats (the same roles, "{}" for most changes): each stored
# text is parsed and written back canonically once.
_canonical_texts: dict[Any, str] = {}


def _canonical_text(stored: Any, *, sort: bool = False) -> str:
    key = (stored, sort) if isinstance(stored, (str, bytes)) else None
    if key is not None and (known := _canonical_texts.get(key)) is not None:
        return known
    value = _json(stored)
    text = _dumps(sorted(str(item) for item in value) if sort else value)
    if key is not None:
        if len(_canonical_texts) > 50_000:
            _canonical_texts.clear()
        _canonical_texts[key] = text
    return text


def _int(value: Any) -> str:
    return "null" if value is None else str(int(value))


def row_bytes(row: tuple[Any, ...]) -> tuple[bytes, bytes]:
    """The bytes compute_hash() hashes for this stored row (not erased), and
    for version 2 the bytes of its personal digest (b"" for version 1):
    json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    of the payload, written out key by key in sorted order."""
    (pk, occurred_at, actor_id, actor_label, org_id, org_label, roles, action, object_type, object_id,
     summary, changes, request_id, ip, previous_hash, _hash, version, salt, _erased) = row  # fmt: skip
    ip_text = "null" if ip in (None, "") else _string(str(ip))
    head = (
        f'{{"action":{_string(action)},"actor_id":{_int(actor_id)},"actor_label":{_string(actor_label)},'
        f'"actor_organisation_id":{_int(org_id)},"actor_organisation_label":{_string(org_label)},'
        f'"actor_roles":{_canonical_text(roles, sort=True)},'
    )
    tail = (
        f'"object_id":{_string(object_id)},"object_type":{_string(object_type)},'
        f'"occurred_at":"{_time(occurred_at)}",'
    )
    if version == CURRENT_HASH_VERSION:
        inner = (
            f'{{"changes":{_canonical_text(changes)},"salt":{_string(salt or "")},'
            f'"summary":{_string(summary)}}}'
        ).encode()
        outer = (
            f'{head}"hash_version":{CURRENT_HASH_VERSION},"id":{_int(pk)},"ip_address":{ip_text},{tail}'
            f'"personal_digest":"{_sha256(inner).hexdigest()}","previous_hash":{_string(previous_hash)},'
            f'"request_id":{_string(request_id)}}}'
        )
        return outer.encode(), inner
    outer = (
        f'{head}"changes":{_canonical_text(changes)},"id":{_int(pk)},"ip_address":{ip_text},{tail}'
        f'"previous_hash":{_string(previous_hash)},"request_id":{_string(request_id)},'
        f'"summary":{_string(summary)}}}'
    )
    return outer.encode(), b""


def _select() -> str:
    """The walk's one query. On SQLite the two times are read as the text
    Django stored (naive UTC), not parsed into datetimes row by row."""
    quote = connection.ops.quote_name
    columns = [quote(column) for column in COLUMNS]
    if connection.vendor == "sqlite":
        columns[COLUMNS.index("occurred_at")] = f"CAST({quote('occurred_at')} AS TEXT)"
        columns[COLUMNS.index("erased_at")] = f"({quote('erased_at')} IS NOT NULL)"
    else:
        columns[COLUMNS.index("erased_at")] = f"CASE WHEN {quote('erased_at')} IS NULL THEN NULL ELSE 1 END"
    table = quote(AuditEvent._meta.db_table)
    return f"SELECT {', '.join(columns)} FROM {table} WHERE {quote('id')} > %s ORDER BY {quote('id')}"  # noqa: S608 # nosec B608


def _stream(after_id: int, batch_size: int) -> Iterator[tuple[Any, ...]]:
    """Every stored event after `after_id`, in id order, as raw rows, read
    from one cursor `batch_size` rows at a time."""
    with connection.cursor() as cursor:
        cursor.execute(_select(), [after_id])
        while rows := cursor.fetchmany(batch_size):
            yield from rows


def _model_problem(pk: int, vouchers: _Vouchers) -> str:
    """The model's verdict on one event ("" when it holds)."""
    event = AuditEvent.objects.filter(pk=pk).first()
    if event is None:  # pragma: no cover - it was just read
        return f"Event #{pk} is missing."
    if event.is_erased:
        return erased_event_problem(event, vouchers.get(event.erased_by_event_id))
    if event.compute_hash() != event.hash:
        return f"Event #{pk} has been altered: its contents no longer match its hash."
    return ""


def latest_checkpoint() -> AuditCheckpoint | None:
    return AuditCheckpoint.objects.order_by("-last_event_id", "-id").first()


def verify_chain(
    batch_size: int = 5000, *, from_checkpoint: bool = False, write_checkpoint: bool = False
) -> ChainReport:
    """Walk the chain (from event #1, or on from the newest checkpoint) and
    check the head; with `write_checkpoint`, record where a walk that held
    ended."""
    started = time.perf_counter()
    vouchers = _Vouchers()
    previous_hash = GENESIS_HASH
    previous_id = 0
    checked = 0
    hashed = 0
    if from_checkpoint and (checkpoint := latest_checkpoint()) is not None:
        anchor = AuditEvent.objects.filter(pk=checkpoint.last_event_id).first()
        if anchor is None or anchor.hash != checkpoint.last_hash or not event_holds(anchor):
            return ChainReport(
                False,
                0,
                f"Event #{checkpoint.last_event_id} is not the event last verified: it is missing or "
                "altered since the checkpoint (run verify_audit without --from-checkpoint).",
                checkpoint.last_event_id,
            )
        previous_hash, previous_id = checkpoint.last_hash, checkpoint.last_event_id
    start_id = previous_id

    def broken(message: str, pk: int) -> ChainReport:
        return ChainReport(False, checked, message, pk, time.perf_counter() - started, hashed, start_id)

    while True:
        # Walk to the end of what is stored now...
        for row in _stream(previous_id, batch_size):
            pk = row[0]
            if pk != previous_id + 1:
                return broken(
                    f"Event #{previous_id + 1} is missing: the chain jumps from #{previous_id} "
                    f"to #{pk} (deleted).",
                    previous_id + 1,
                )
            if row[14] != previous_hash:
                return broken(
                    f"Event #{pk} does not follow event #{previous_id}: the previous hash "
                    f"it records is not event #{previous_id}'s hash (one of the two was changed).",
                    pk,
                )
            if row[18]:  # erased: the model and its erasure judge
                problem = _model_problem(pk, vouchers)
            else:
                try:
                    outer, inner = row_bytes(row)
                    fast = _sha256(outer).hexdigest() == row[15]
                    hashed += len(outer) + len(inner)
                except (TypeError, ValueError):
                    fast = False
                problem = "" if fast else _model_problem(pk, vouchers)
            if problem:
                return broken(problem, pk)
            previous_hash = row[15]
            previous_id = pk
            checked += 1
        # ...then compare with the head. The head and each event commit
        # together, so a head ahead of the walk means either events written
        # while we walked (carry on) or events deleted from the end.
        head = AuditChainHead.objects.filter(pk=1).first()
        if head is None:
            if previous_id:
                return broken(
                    f"The chain head is missing, so deletions after event #{previous_id} "
                    "cannot be ruled out.",
                    previous_id + 1,
                )
            break
        if head.last_event_id > previous_id:
            if AuditEvent.objects.filter(id__gt=previous_id).exists():
                continue
            return broken(
                f"Event #{previous_id + 1} is missing: the chain ends at event #{previous_id} but the "
                f"chain head records event #{head.last_event_id} (events deleted from the end).",
                previous_id + 1,
            )
        if head.last_event_id < previous_id:
            return broken(
                f"Event #{head.last_event_id + 1} was not written through the audit service: the "
                f"chain head records event #{head.last_event_id} as the last.",
                head.last_event_id + 1,
            )
        if head.last_hash != previous_hash:
            return broken(
                f"Event #{previous_id} has been altered: its hash differs from the one the chain "
                "head recorded.",
                previous_id,
            )
        break
    if write_checkpoint and previous_id:
        AuditCheckpoint.objects.create(
            last_event_id=previous_id,
            last_hash=previous_hash,
            events_checked=checked,
            verified_at=clock.now(),
        )
    if start_id:
        message = f"Audit chain intact: {checked} events verified after the checkpoint at event #{start_id}."
    else:
        message = f"Audit chain intact: {checked} events verified."
    return ChainReport(True, checked, message, None, time.perf_counter() - started, hashed, start_id)


@dataclass(frozen=True)
class BareSha256:
    """The same rows and the same bytes with nothing but reading and SHA-256."""

    events: int
    bytes: int
    read_seconds: float  # fetching the rows from the database
    hash_seconds: float  # SHA-256 alone over the bytes the walk hashes

    @property
    def floor_seconds(self) -> float:
        """What any verifier must spend: read every row, hash its bytes."""
        return self.read_seconds + self.hash_seconds


def bare_sha256(batch_size: int = 5000, after_id: int = 0) -> BareSha256:
    """Measure the floor under the walk, in the same run: read the same rows
    through the same query, `batch_size` at a time, and SHA-256 the same
    bytes (built by the walk's serialiser, outside the timing), with no
    parsing, chain links, comparison or fallback inside it."""
    events = size = 0
    read = hashing = 0.0
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(_select(), [after_id])
        while True:
            rows = cursor.fetchmany(batch_size)
            read += time.perf_counter() - started
            if not rows:
                break
            blobs = [blob for row in rows if not row[18] for blob in row_bytes(row) if blob]
            started = time.perf_counter()
            for blob in blobs:
                _sha256(blob).hexdigest()
            hashing += time.perf_counter() - started
            events += len(rows)
            size += sum(len(blob) for blob in blobs)
            started = time.perf_counter()
    return BareSha256(events, size, read, hashing)
