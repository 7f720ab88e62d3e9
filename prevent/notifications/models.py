"""In-service notifications and each user's choice of how to be emailed.

A notification holds what the email held: the kind (its template name), a
sentence saying what to do (the email's subject), a reference and a link on
this site. Never a person's details."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=100)
    text = models.CharField(max_length=300)
    reference = models.CharField(max_length=40, blank=True)
    link_path = models.CharField(max_length=500)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    # For a user who chose the daily digest: waiting for it (True) until the
    # digest that lists it is sent.
    in_digest = models.BooleanField(default=False)
    digested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notif_recipient_read"),
            models.Index(fields=["in_digest", "digested_at"], name="notif_digest_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.text} ({self.reference})" if self.reference else self.text


class EmailFrequency(models.TextChoices):
    EACH = "each", "An email for each notification"
    DIGEST = "digest", "One email a day listing them (a daily digest)"


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_frequency = models.CharField(
        max_length=10, choices=EmailFrequency.choices, default=EmailFrequency.EACH
    )
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user_id}: {self.email_frequency}"
