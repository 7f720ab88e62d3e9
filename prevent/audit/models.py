"""The append-only, hash-chained audit log.

Each event stores the hash of the event before it and its own hash over a
canonical serialisation of its fields, so changing or deleting any stored
event breaks the chain at that point (`manage.py verify_audit` finds it).
A database trigger refuses DELETE on the table, and every UPDATE but one:
erasing an event's personal fields (`summary`, `changes`) when the records
it is about are disposed of (decision 0015). Events written since then
(`hash_version` 2) hash a salted digest of those fields instead of the
fields, so erasing them keeps the digest and the hash holds; older events
(version 1) are sealed by the erasure event, which records their hash over
the same digest (prevent/audit/erasure.py)."""

from __future__ import annotations

import hashlib
import ipaddress
import json
import math
import secrets
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import models

from prevent.accounts.roles import Role

from . import actions

GENESIS_HASH = "0" * 64
# What an erased event's summary says, instead of what it said.
ERASED_SUMMARY = "Details erased when the records were disposed of"
# The hash of events written since decision 0015.
CURRENT_HASH_VERSION = 2


def new_salt() -> str:
    return secrets.token_hex(16)


def _digest(value: Any) -> str:
    canonical = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def action_label(action: str) -> str:
    """An action as words, from the registry (prevent/audit/actions.py)."""
    return actions.label(action)


def canonical_json(value: Any) -> Any:
    """`value` as plain JSON data that reads back unchanged from SQLite's
    text column and PostgreSQL's jsonb alike.

    Anything JSON cannot hold becomes its string form; NUL characters
    (refused by jsonb) are dropped; floats with a whole value become ints and
    non-finite floats strings, because jsonb keeps numbers as decimals and
    gives 1e16 back as 10000000000000000 and -0.0 as 0. Applying it twice
    changes nothing, so it serves both for storing and for hashing."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return str(value).replace("\x00", "")
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer():
            return int(value)
        return value
    if isinstance(value, dict):
        return {canonical_json(_key(k)): canonical_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [canonical_json(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((canonical_json(v) for v in value), key=repr)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).isoformat()
    return canonical_json(str(value))


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key
    return json.dumps(key) if isinstance(key, (int, float, bool)) or key is None else str(key)


def canonical_ip(value: Any) -> str | None:
    """An IP address in the one form both databases give back (compressed,
    lower case, no zone or mask); None for anything that is not one."""
    if value in (None, ""):
        return None
    try:
        return str(ipaddress.ip_address(str(value).strip()))
    except ValueError:
        return None


def canonical_time(value: datetime) -> str:
    """UTC with microseconds, whatever zone the datetime was made in."""
    return value.astimezone(UTC).isoformat(timespec="microseconds")


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    # Denormalised so the record stays true after the user or organisation changes.
    actor_label = models.CharField(max_length=300, blank=True)
    actor_organisation_id = models.BigIntegerField(null=True, blank=True)
    actor_organisation_label = models.CharField(max_length=300, blank=True)
    actor_roles = models.JSONField(default=list)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    summary = models.CharField(max_length=500)
    changes = models.JSONField(default=dict, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # Decision 0015. None: version 1 (the hash covers summary and changes
    # as they are); 2: the hash covers personal_digest_now() instead.
    hash_version = models.PositiveSmallIntegerField(null=True, blank=True)
    # Random, per event: the digest of the personal fields cannot be guessed
    # from a list of names. Erased with them.
    personal_salt = models.CharField(max_length=32, null=True, blank=True)
    # Set when the personal fields are erased: their digest as it was.
    personal_digest = models.CharField(max_length=64, null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    # The "audit_details_erased" event that erased (and vouches for) this one.
    erased_by_event_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            # The viewer's filters, newest first, without sorting (issue 16):
            # PostgreSQL reads these in order; SQLite's single-column indexes
            # already end in the rowid.
            models.Index(fields=["action", "-id"], name="audit_action_newest_idx"),
            models.Index(fields=["object_type", "object_id", "-id"], name="audit_object_newest_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action}: {self.summary}"

    @property
    def action_label(self) -> str:
        return action_label(self.action)

    @property
    def actor_role_labels(self) -> list[str]:
        labels = dict(Role.choices)
        return [str(labels.get(role, role)) for role in self.actor_roles]

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def personal_digest_now(self) -> str:
        """The digest of the personal fields: computed from them while they
        are held, the stored one once they are erased."""
        if self.erased_at is not None and self.personal_digest:
            return self.personal_digest
        return _digest(
            {
                "salt": self.personal_salt or "",
                "summary": self.summary,
                "changes": canonical_json(self.changes),
            }
        )

    def canonical_payload(self) -> dict[str, Any]:
        if self.hash_version == CURRENT_HASH_VERSION:
            return self.sealed_payload() | {"hash_version": CURRENT_HASH_VERSION}
        return self.v1_payload()

    def sealed_payload(self) -> dict[str, Any]:
        """Everything but the personal fields, which count by their digest."""
        payload = self.v1_payload()
        del payload["summary"], payload["changes"]
        payload["personal_digest"] = self.personal_digest_now()
        return payload

    def seal(self) -> str:
        """The hash of sealed_payload(): what an erasure records for a
        version 1 event, whose own hash needs the erased fields."""
        return _digest(self.sealed_payload())

    def v1_payload(self) -> dict[str, Any]:
        return {
            "id": self.pk,
            "occurred_at": canonical_time(self.occurred_at),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "actor_organisation_id": self.actor_organisation_id,
            "actor_organisation_label": self.actor_organisation_label,
            "actor_roles": sorted(str(role) for role in self.actor_roles),
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "summary": self.summary,
            "changes": canonical_json(self.changes),
            "request_id": self.request_id,
            "ip_address": canonical_ip(self.ip_address),
            "previous_hash": self.previous_hash,
        }

    def compute_hash(self) -> str:
        canonical = json.dumps(
            self.canonical_payload(),
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
            allow_nan=False,
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class AuditChainHead(models.Model):
    """One row pointing at the newest event. Taking a lock on it serialises
    writers so the chain never forks; it also lets verification notice
    events deleted from the end of the chain."""

    last_event_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)
    event_count = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Audit chain head at #{self.last_event_id}"


class AuditCheckpoint(models.Model):
    """A point up to which `manage.py verify_audit` found the chain intact:
    the last event it verified and that event's hash. `verify_audit
    --from-checkpoint` walks on from the newest one instead of from event #1
    (it checks that the checkpointed event still carries that hash, so the
    chain after it still hangs from what was verified). Written only by
    verification; not part of the chain (prevent/audit/verify.py)."""

    last_event_id = models.BigIntegerField()
    last_hash = models.CharField(max_length=64)
    events_checked = models.BigIntegerField(default=0)
    verified_at = models.DateTimeField()

    class Meta:
        ordering = ["-last_event_id"]

    def __str__(self) -> str:
        return f"Audit chain verified up to #{self.last_event_id}"
