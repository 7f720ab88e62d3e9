"""A Channel case and the other safeguarding processes it is linked to."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from prevent.core import clock

from .gateway import GatewayReferral

USER = settings.AUTH_USER_MODEL


class CaseStatus(models.TextChoices):
    PRELIMINARY = "preliminary", "Information gathering"
    NOT_ADOPTED = "not_adopted", "Not adopted: referred to other support"
    AWAITING_CONSENT = "awaiting_consent", "Adopted: awaiting consent"
    CONSENT_REFUSED = "consent_refused", "Consent refused: risk management plan"
    SUPPORT = "support", "Receiving support"
    EXIT_RECOMMENDED = "exit_recommended", "Exit recommended"
    EXITED = "exited", "Exited"


OPEN_STATUSES = (
    CaseStatus.PRELIMINARY,
    CaseStatus.AWAITING_CONSENT,
    CaseStatus.CONSENT_REFUSED,
    CaseStatus.SUPPORT,
    CaseStatus.EXIT_RECOMMENDED,
)


class ChannelCase(models.Model):
    reference = models.CharField(max_length=20, unique=True)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="channel_cases")
    gateway_referral = models.OneToOneField(
        GatewayReferral, on_delete=models.PROTECT, related_name="channel_case"
    )
    case_officer = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="channel_cases_led")
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.PRELIMINARY)
    opened_at = models.DateTimeField(default=clock.now)
    opened_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    exited_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["status", "opened_at"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class SafeguardingProcess(models.TextChoices):
    MAPPA = "mappa", "MAPPA"
    MARAC = "marac", "MARAC"
    CHILD_PROTECTION = "child_protection", "Child protection"
    ADULT_SAFEGUARDING = "adult_safeguarding", "Adult safeguarding"
    EARLY_HELP = "early_help", "Early help"


class SafeguardingLink(models.Model):
    case = models.ForeignKey(ChannelCase, on_delete=models.PROTECT, related_name="safeguarding_links")
    process = models.CharField(max_length=24, choices=SafeguardingProcess.choices)
    reference = models.CharField(max_length=100)
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_process_display()} {self.reference}"
