"""Channel Panel meetings: members, attendance, agenda, decisions and actions."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models

from prevent.core import clock
from prevent.core.versioning import version_field

from .cases import CaseStatus, ChannelCase

USER = settings.AUTH_USER_MODEL


MEETING_TIME_ZONE = ZoneInfo("Europe/London")


class PanelMeeting(models.Model):
    meeting_on = models.DateField(unique=True)
    starts_at = models.TimeField(null=True, blank=True)
    ends_at = models.TimeField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    online_link = models.URLField(max_length=500, blank=True)
    # The iCalendar SEQUENCE: raised each time the time or place changes, so
    # calendars replace the invitation they hold (same UID).
    calendar_sequence = models.PositiveIntegerField(default=0)
    members: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        USER, related_name="channel_panels", blank=True
    )
    minutes = models.TextField(blank=True)
    minutes_recorded_at = models.DateTimeField(null=True, blank=True)
    # No lost update (prevent/core/versioning.py): raised on every save of
    # the minutes.
    version = version_field()
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["meeting_on"]

    def __str__(self) -> str:
        return f"Channel Panel {self.meeting_on:%-d %B %Y}"

    def has_taken_place(self, today: date | None = None) -> bool:
        return self.meeting_on <= (today or clock.today())

    @property
    def calendar_uid(self) -> str:
        return f"channel-panel-meeting-{self.pk}@prevent-hub"

    def start(self) -> datetime:
        """When it starts, in the meeting's time zone (Europe/London); 10am
        when no time is set."""
        return datetime.combine(self.meeting_on, self.starts_at or time(10, 0), MEETING_TIME_ZONE)

    def end(self) -> datetime:
        """When it ends; two hours after the start when no end is set."""
        if self.ends_at is not None:
            return datetime.combine(self.meeting_on, self.ends_at, MEETING_TIME_ZONE)
        return self.start() + timedelta(hours=2)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"


class Attendance(models.Model):
    meeting = models.ForeignKey(PanelMeeting, on_delete=models.PROTECT, related_name="attendance")
    agency = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    representative = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=AttendanceStatus.choices)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["agency__name", "pk"]

    def __str__(self) -> str:
        return f"{self.representative} ({self.status})"


class AgendaKind(models.TextChoices):
    NEW_CASE = "new_case", "New case"
    REVIEW = "review", "Review of an open case"
    PROPOSED_EXIT = "proposed_exit", "Proposed exit"
    POST_EXIT_REVIEW = "post_exit_review", "Post-exit review due"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(PanelMeeting, on_delete=models.PROTECT, related_name="agenda_items")
    case = models.ForeignKey(ChannelCase, on_delete=models.PROTECT, related_name="agenda_items")
    kind = models.CharField(max_length=20, choices=AgendaKind.choices)
    notes = models.TextField(blank=True)
    notes_recorded_at = models.DateTimeField(null=True, blank=True)
    # No lost update: raised on every save of the notes.
    version = version_field()
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["kind", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "case"], name="channel_agenda_case_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: case {self.case_id}"


class DecisionOutcome(models.TextChoices):
    ADOPT = "adopt", "Adopt as a Channel case"
    NOT_ADOPT = "not_adopt", "Not adopt: refer to a different support mechanism"
    EXIT = "exit", "Exit the process"
    CONTINUE = "continue", "Continue: keep the case open and under review"


class PanelDecision(models.Model):
    """Recorded at a meeting, confirmed by the chair (only then does the case
    move). Never edited: a new decision supersedes it with a reason."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="decisions")
    case = models.ForeignKey(ChannelCase, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(max_length=12, choices=DecisionOutcome.choices)
    other_mechanism = models.CharField(max_length=200, blank=True)
    rationale = models.TextField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=clock.now)
    confirmed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    status_before = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    status_after = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    superseded_at = models.DateTimeField(null=True, blank=True)
    superseded_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} (case {self.case_id})"

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None


class PanelAction(models.Model):
    meeting = models.ForeignKey(PanelMeeting, on_delete=models.PROTECT, related_name="actions")
    case = models.ForeignKey(
        ChannelCase, on_delete=models.PROTECT, related_name="actions", null=True, blank=True
    )
    description = models.TextField()
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="channel_actions")
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"Action {self.pk}"

    def is_overdue(self, today: date | None = None) -> bool:
        return self.done_at is None and self.due_on < (today or clock.today())
