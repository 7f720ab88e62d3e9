"""Organisations and the partnership's local-area settings."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from prevent.core import clock


class Sector(models.TextChoices):
    """The referring organisation's sector: the categories of the Home
    Office's official statistics ("Individuals referred to and supported
    through the Prevent programme"), in their order. The codes of earlier
    versions are kept where they map ("school" is Education); "voluntary"
    became "community" and "youth_justice" "local_authority" (core migration
    0005). `official_sector_label` gives the statistics' wording."""

    SCHOOL = "school", "Education (schools)"
    POLICE = "police", "Police"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    HEALTH = "health", "Health"
    COMMUNITY = "community", "Community (including family, friends and members of the public)"
    PRISONS = "prisons", "Prisons"
    PROBATION = "probation", "Probation"
    HIGHER_EDUCATION = "higher_education", "Higher education"
    FURTHER_EDUCATION = "further_education", "Further education"
    OTHER = "other", "Other"


# The official statistics' name of each sector (for tables and returns).
OFFICIAL_SECTOR_LABELS: dict[str, str] = {
    Sector.SCHOOL: "Education",
    Sector.POLICE: "Police",
    Sector.LOCAL_AUTHORITY: "Local authority",
    Sector.HEALTH: "Health",
    Sector.COMMUNITY: "Community",
    Sector.PRISONS: "Prisons",
    Sector.PROBATION: "Probation",
    Sector.HIGHER_EDUCATION: "Higher education",
    Sector.FURTHER_EDUCATION: "Further education",
    Sector.OTHER: "Other",
}


def official_sector_label(code: str) -> str:
    """The official statistics' category for a sector code; "Other" for a
    code it does not know (never an error in a table)."""
    return OFFICIAL_SECTOR_LABELS.get(code, OFFICIAL_SECTOR_LABELS[Sector.OTHER])


class District(models.TextChoices):
    CHERWELL = "cherwell", "Cherwell"
    OXFORD_CITY = "oxford_city", "Oxford City"
    SOUTH_OXFORDSHIRE = "south_oxfordshire", "South Oxfordshire"
    VALE_OF_WHITE_HORSE = "vale_of_white_horse", "Vale of White Horse"
    WEST_OXFORDSHIRE = "west_oxfordshire", "West Oxfordshire"
    COUNTY_WIDE = "county_wide", "County-wide"


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def active(self) -> OrganisationQuerySet:
        return self.filter(archived_at__isnull=True)


class Organisation(models.Model):
    """A member agency of the partnership. Never deleted: archived instead."""

    name = models.CharField(max_length=200, unique=True)
    sector = models.CharField(max_length=32, choices=Sector.choices)
    district = models.CharField(max_length=32, choices=District.choices)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    archived_at = models.DateTimeField(null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    archived_reason = models.TextField(blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.archived_at is None


class LocalAreaSettings(models.Model):
    """The partnership's own wording and contact points (one row).

    Everything that differs between partnerships lives here so that another
    area can run the same system by editing this page, not the code."""

    area_name = models.CharField(max_length=120, default="Oxfordshire")
    partnership_name = models.CharField(max_length=200, default="Safer Oxfordshire Partnership")
    emergency_guidance = models.TextField(
        default=(
            "If there is information that a violent act is imminent, or that weapons "
            "or other materials may be in the possession of the person, their family "
            "or the community, call 999 now."
        )
    )
    customer_resolution_centre_phone = models.CharField(
        "Customer Resolution Centre phone", max_length=40, blank=True
    )
    customer_resolution_centre_email = models.EmailField("Customer Resolution Centre email", blank=True)
    childrens_front_door_phone = models.CharField(
        "Children's social care front door phone", max_length=40, blank=True
    )
    childrens_front_door_email = models.EmailField("Children's social care front door email", blank=True)
    adults_front_door_phone = models.CharField(
        "Adults' social care front door phone", max_length=40, blank=True
    )
    adults_front_door_email = models.EmailField("Adults' social care front door email", blank=True)
    police_prevent_phone = models.CharField("Police Prevent team phone", max_length=40, blank=True)
    police_prevent_email = models.EmailField("Police Prevent team email", blank=True)
    childrens_out_of_hours_phone = models.CharField(
        "Children's out-of-hours phone", max_length=40, blank=True
    )
    adults_out_of_hours_phone = models.CharField("Adults' out-of-hours phone", max_length=40, blank=True)
    police_non_emergency_phone = models.CharField("Police non-emergency phone", max_length=40, default="101")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "local area settings"
        verbose_name_plural = "local area settings"

    def __str__(self) -> str:
        return f"Local area settings for {self.area_name}"

    @classmethod
    def load(cls) -> LocalAreaSettings:
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj


class SubmissionToken(models.Model):
    """A create form's one-time token, kept once the form has been sent.

    Every create form carries a fresh token (`{% once_token %}`); the
    `@once_per_submission` view decorator claims it before the view runs and
    keeps where the first submission led, so that a repeated POST of the same
    form (a double click, a browser resend) shows the record the first one
    made instead of creating another. Plumbing, not case content: it holds no
    personal data and is pruned after two days."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=500)
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["created_at"], name="core_subtoken_created")]

    def __str__(self) -> str:
        return f"submission token for {self.path}"


class ReferenceCounter(models.Model):
    """The last number given for a reference prefix in a year: PH-2026-00042,
    CH-2026-00007, GW-2026-00013. `prevent.core.references.next_reference`
    locks the row (SELECT ... FOR UPDATE) so two submissions never share a
    number."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="core_reference_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last_number}"


class FailedNotification(models.Model):
    """An email that could not be sent after every retry
    (`prevent.core.tasks.send_notification`). It holds what the email held:
    a subject, a link and a reference, never a person's details, so an
    administrator can see what was lost and send it again."""

    recipient = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    attempts = models.PositiveSmallIntegerField()
    error = models.TextField(blank=True)
    failed_at = models.DateTimeField()

    class Meta:
        ordering = ["-failed_at", "-pk"]
        indexes = [models.Index(fields=["failed_at"], name="core_failednotif_failed_at")]

    def __str__(self) -> str:
        return f"Failed email to {self.recipient}: {self.subject}"


class SentReminder(models.Model):
    """One reminder that `prevent.core.tasks.send_due_reminders` sent, by
    the reminder's name and its key, so no run sends it twice. The key says
    how often the reminder may repeat: `referral:42:2026-03-27` once a day,
    `review:7:2026-04-30` once for that review date."""

    name = models.CharField(max_length=60)
    key = models.CharField(max_length=200)
    recipients = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["name", "key"], name="core_sent_reminder_unique")]

    def __str__(self) -> str:
        return f"{self.name}: {self.key}"
