"""Retention, review and disposal (issue 14; docs/data-protection/retention.md).

- `RetentionRule`: a coordinator's change to the schedule's default for one
  record type and outcome (prevent/privacy/retention.py holds the defaults).
- `ReviewItem`: a person whose records are all past their disposal date,
  put in the review queue by the daily task; a coordinator disposes of the
  records or keeps them for a reason until a new date. A person with a
  Channel case needs two coordinators: one asks, another approves.
- `Disposal` and `DisposedRecord`: what disposal leaves behind, the
  tombstone: the type, dates and categories the statistics count, never who
  it was about."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from prevent.core import clock

USER = settings.AUTH_USER_MODEL


class RecordType(models.TextChoices):
    CONCERN = "concern", "Concern"
    GATEWAY_REFERRAL = "gateway_referral", "Referral to police Prevent (gateway)"
    CHANNEL_CASE = "channel_case", "Channel case"
    SELF_ASSESSMENT = "self_assessment", "Prevent duty self-assessment"
    TRAINING_RECORD = "training_record", "Training record"
    AUDIT_EVENT = "audit_event", "Audit event"


class RetentionRule(models.Model):
    record_type = models.CharField(max_length=24, choices=RecordType.choices)
    outcome = models.CharField(max_length=40)
    years = models.PositiveSmallIntegerField()
    changed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=clock.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record_type", "outcome"], name="privacy_rule_once"),
        ]

    def __str__(self) -> str:
        return f"{self.record_type}/{self.outcome}: {self.years} years"


class ReviewStatus(models.TextChoices):
    DUE = "due", "Due for review"
    AWAITING_APPROVAL = "awaiting_approval", "Disposal awaiting a second coordinator"
    KEPT = "kept", "Kept"
    DISPOSED = "disposed", "Disposed of"


OPEN_REVIEW = (ReviewStatus.DUE, ReviewStatus.AWAITING_APPROVAL)


class ReviewItem(models.Model):
    # Set to null when the person's records are disposed of; subject_id keeps
    # the number (not who it was) for the audit trail.
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject_id = models.BigIntegerField()
    due_on = models.DateField()
    has_channel_case = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DUE)
    created_at = models.DateTimeField(default=clock.now)
    kept_reason = models.TextField(blank=True)
    kept_until = models.DateField(null=True, blank=True)
    kept_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kept_at = models.DateTimeField(null=True, blank=True)
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    requested_at = models.DateTimeField(null=True, blank=True)
    disposal = models.OneToOneField(
        "privacy.Disposal", on_delete=models.PROTECT, null=True, blank=True, related_name="review"
    )

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return f"Review {self.pk} of person {self.subject_id}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REVIEW


class Disposal(models.Model):
    subject_id = models.BigIntegerField()
    disposed_at = models.DateTimeField(default=clock.now)
    disposed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    # The first coordinator, for a disposal that needed two.
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # {"concerns.concern": 2, ...}: how many rows of each table went.
    removed = models.JSONField(default=dict)
    files_removed = models.PositiveIntegerField(default=0)
    audit_events_erased = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-disposed_at", "-pk"]

    def __str__(self) -> str:
        return f"Disposal {self.pk}"


class DisposedRecord(models.Model):
    """The tombstone of one record: never who it was about."""

    disposal = models.ForeignKey(Disposal, on_delete=models.PROTECT, related_name="records")
    record_type = models.CharField(max_length=24, choices=RecordType.choices)
    record_id = models.BigIntegerField()
    created_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=40, blank=True)
    # The statistics' categories as they were (sector, age group, gender,
    # concern type, ...): prevent/privacy/tombstones.py.
    categories = models.JSONField(default=dict)

    class Meta:
        ordering = ["record_type", "created_on", "pk"]
        indexes = [models.Index(fields=["record_type", "created_on"])]

    def __str__(self) -> str:
        return f"Disposed {self.record_type} {self.record_id}"
