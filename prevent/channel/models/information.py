"""Information requests to agencies and the files they answer with."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models

from prevent.core import clock

from .cases import ChannelCase

USER = settings.AUTH_USER_MODEL


class RequestStatus(models.TextChoices):
    SENT = "sent", "Awaiting an answer"
    ANSWERED = "answered", "Answered"


class RequestResponse(models.TextChoices):
    INFORMATION_PROVIDED = "information_provided", "Information provided"
    NOTHING_KNOWN = "nothing_known", "Nothing known"


class InformationRequest(models.Model):
    case = models.ForeignKey(ChannelCase, on_delete=models.PROTECT, related_name="information_requests")
    agency = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    question = models.TextField()
    due_on = models.DateField()
    sent_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=clock.now)
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.SENT)
    response = models.CharField(max_length=24, choices=RequestResponse.choices, blank=True)
    response_text = models.TextField(blank=True)
    answered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["agency", "status", "due_on"])]

    def __str__(self) -> str:
        return f"Information request {self.pk}"

    def is_overdue(self, today: date | None = None) -> bool:
        return self.status == RequestStatus.SENT and self.due_on < (today or clock.today())


def response_file_path(instance: ResponseFile, filename: str) -> str:
    return f"channel/{uuid.uuid4().hex}"


class ResponseFile(models.Model):
    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT, related_name="files")
    file = models.FileField(upload_to=response_file_path, max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name
