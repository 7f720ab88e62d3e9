"""The append-only, hash-chained audit log.

Each event stores the hash of the event before it and its own hash over a
canonical serialisation of its fields, so changing or deleting any stored
event breaks the chain at that point (`manage.py verify_audit` finds it).
A database trigger refuses UPDATE and DELETE on the table."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.db import models

GENESIS_HASH = "0" * 64


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

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action}: {self.summary}"

    def canonical_payload(self) -> dict[str, Any]:
        return {
            "id": self.pk,
            "occurred_at": self.occurred_at.isoformat(timespec="microseconds"),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "actor_organisation_id": self.actor_organisation_id,
            "actor_organisation_label": self.actor_organisation_label,
            "actor_roles": list(self.actor_roles),
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "summary": self.summary,
            "changes": self.changes,
            "request_id": self.request_id,
            "ip_address": self.ip_address,
            "previous_hash": self.previous_hash,
        }

    def compute_hash(self) -> str:
        canonical = json.dumps(
            self.canonical_payload(), sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
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
