"""API tokens, webhook endpoints and their deliveries.

A token's secret is never stored: only its SHA-256 (the secret is 32 random
bytes, so a fast hash is enough, ADR 0019) and a short prefix to tell tokens
apart. A webhook endpoint's signing secret must be stored to sign with it:
it is shown once, to the administrator who registers the endpoint."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from prevent.core import clock

USER = settings.AUTH_USER_MODEL


class TokenScope(models.TextChoices):
    """What a token may be used for, on top of its user's own rights."""

    CONCERNS_READ = "concerns:read", "Read concerns and their referral outcomes"
    CONCERNS_WRITE = "concerns:write", "Record concerns"
    GATEWAY_READ = "gateway:read", "Read gateway referrals and their outcomes (police Prevent)"
    CHANNEL_READ = "channel:read", "Read Channel cases"
    SELF_ASSESSMENT_READ = "self_assessment:read", "Read self-assessments"
    TRAINING_READ = "training:read", "Read training completions"
    STATISTICS_READ = "statistics:read", "Read the partnership's statistics (suppressed)"


class ApiToken(models.Model):
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="api_tokens")
    # The user's organisation when issued: the token stops if the user moves.
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    token_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=clock.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > clock.now()

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "Revoked"
        if self.expires_at <= clock.now():
            return "Expired"
        return "Active"

    def scope_labels(self) -> list[str]:
        labels = dict(TokenScope.choices)
        return [labels.get(s, s) for s in self.scopes]


class WebhookEndpoint(models.Model):
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    url = models.URLField(max_length=500)
    secret = models.CharField(max_length=100)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=clock.now)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["organisation__name", "-created_at", "-pk"]

    def __str__(self) -> str:
        return self.url

    @property
    def is_active(self) -> bool:
        return self.disabled_at is None


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed"


class WebhookDelivery(models.Model):
    """One event for one endpoint: a reference and a link, never personal data."""

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.PROTECT, related_name="deliveries")
    event = models.CharField(max_length=60)
    reference = models.CharField(max_length=40)
    link = models.CharField(max_length=500)
    occurred_at = models.DateTimeField()
    status = models.CharField(max_length=12, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event} {self.reference} to {self.endpoint_id}"

    def payload(self) -> dict[str, str]:
        return {
            "event": self.event,
            "reference": self.reference,
            "link": self.link,
            "occurred_at": self.occurred_at.isoformat(),
        }


class CacheEntry(models.Model):
    """The table of Django's database cache (CACHES in settings), as a model
    so that `migrate` makes it on a fresh clone and test flushes empty it.
    Its columns are the ones `createcachetable` makes; only the cache uses it."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "prevent_cache"

    def __str__(self) -> str:
        return self.cache_key
