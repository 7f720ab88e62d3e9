"""Training and awareness records (guidance section 13, self-assessment
objective 2): the course catalogue, accredited trainers, completions (from
attendance, or declared with a certificate and confirmed by the SPOC) and
WRAP sessions with their bookings. Staff are the organisation's users."""

from __future__ import annotations

import calendar
import datetime as dt
import uuid

from django.conf import settings
from django.db import models

from prevent.core import clock


class CourseMode(models.TextChoices):
    FACE_TO_FACE = "face_to_face", "Face to face"
    ONLINE = "online", "Online"
    EITHER = "either", "Face to face or online"


class CourseKind(models.TextChoices):
    """What the self-assessment (objective 2) looks for."""

    WRAP = "wrap", "WRAP"
    CHANNEL_PACKAGE = "channel_package", "Channel awareness package"
    NATIONAL = "national", "National Prevent duty training"
    LEAD = "lead", "Further training for leads"
    OTHER = "other", "Other"


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole months; a day the month lacks becomes its last day
    (29 February 2024 + 36 months = 28 February 2027)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Course(models.Model):
    """A course in the catalogue. Retired, never deleted."""

    title = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=CourseKind.choices, default=CourseKind.OTHER)
    mode = models.CharField(max_length=20, choices=CourseMode.choices)
    refresher_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Empty: the course does not need refreshing"
    )
    link = models.URLField(blank=True, max_length=500)
    description = models.TextField(blank=True, max_length=2000)
    retired_at = models.DateTimeField(null=True, blank=True)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def valid_until(self, completed_on: dt.date) -> dt.date | None:
        """The last day a completion on `completed_on` is current (expired the
        day after); None: it never expires."""
        if self.refresher_months is None:
            return None
        return add_months(completed_on, self.refresher_months)


class AccreditedTrainer(models.Model):
    """A user accredited to deliver WRAP (ADR 0008: a record, not a role)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="trainer")
    accredited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    accredited_at = models.DateTimeField(default=clock.now, editable=False)
    retired_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return str(self.user)


class CompletionStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the SPOC to confirm"
    CONFIRMED = "confirmed", "Confirmed"
    REFUSED = "refused", "Not confirmed"


class CompletionSource(models.TextChoices):
    ATTENDANCE = "attendance", "Attended a session"
    DECLARED = "declared", "Declared with a certificate"


def certificate_upload_to(instance: Completion, filename: str) -> str:
    return f"training/{uuid.uuid4().hex}"


class Completion(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="completions")
    # The user's organisation when recorded: the SPOC who confirms, the compliance it counts in.
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions")
    completed_on = models.DateField()
    valid_until = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=20, choices=CompletionSource.choices)
    status = models.CharField(max_length=20, choices=CompletionStatus.choices)
    session = models.ForeignKey(
        "TrainingSession", null=True, blank=True, on_delete=models.PROTECT, related_name="completions"
    )
    certificate = models.FileField(upload_to=certificate_upload_to, max_length=200, blank=True)
    certificate_name = models.CharField(max_length=200, blank=True)
    certificate_type = models.CharField(max_length=120, blank=True)
    certificate_sha256 = models.CharField(max_length=64, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=clock.now, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-completed_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "course", "status"])]

    def __str__(self) -> str:
        return f"{self.course} on {self.completed_on}"

    def is_current(self, on: dt.date) -> bool:
        if self.status != CompletionStatus.CONFIRMED or self.completed_on > on:
            return False
        return self.valid_until is None or on <= self.valid_until


class TrainingSession(models.Model):
    """A scheduled session of a face-to-face course (WRAP)."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField()
    venue = models.CharField(max_length=300, blank=True)
    online_link = models.URLField(max_length=500, blank=True)
    trainer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    capacity = models.PositiveSmallIntegerField()
    # Empty: staff of every organisation may book.
    open_to = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=clock.now, editable=False)
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["date", "start_time", "pk"]

    def __str__(self) -> str:
        return f"{self.course} on {self.date:%d %B %Y}"


class BookingStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"
    ATTENDED = "attended", "Attended"
    ABSENT = "absent", "Did not attend"


class Booking(models.Model):
    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="bookings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings")
    status = models.CharField(max_length=20, choices=BookingStatus.choices)
    booked_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["booked_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=~models.Q(status="cancelled"),
                name="training_one_live_booking_per_session",
            )
        ]

    def __str__(self) -> str:
        return f"Booking {self.pk}"


class SessionCascade(models.Model):
    """A SPOC sent a session's details to their organisation's staff."""

    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="cascades")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=clock.now, editable=False)
    recipients = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"Cascade of {self.session}"


class JobGroup(models.TextChoices):
    ALL_STAFF = "all_staff", "All staff"
    MANAGERS = "managers", "Managers"
    SPOC = "spoc", "SPOC"
    SAFEGUARDING_LEADS = "safeguarding_leads", "Safeguarding leads"
    PANEL_MEMBERS = "panel_members", "Panel members"


class StaffProfile(models.Model):
    """A user's job group for the training plan (every user is in all staff)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_profile"
    )
    job_group = models.CharField(max_length=20, choices=JobGroup.choices, default=JobGroup.ALL_STAFF)

    def __str__(self) -> str:
        return self.get_job_group_display()


class Requirement(models.Model):
    """The training plan: a course a job group of an organisation needs."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    job_group = models.CharField(max_length=20, choices=JobGroup.choices)
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="requirements")

    class Meta:
        ordering = ["job_group", "course__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "job_group", "course"], name="training_one_requirement"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_job_group_display()}: {self.course}"


class ImportStatus(models.TextChoices):
    CHECKING = "checking", "Checking the file"
    CHECKED = "checked", "Checked"
    IMPORTING = "importing", "Creating the accounts"
    DONE = "done", "Imported"
    FAILED = "failed", "Nothing was imported"


class StaffImport(models.Model):
    """One upload of a staff list and its progress (ADR 0026). A background
    task checks the rows (progress committed as it goes), the person who
    uploaded it confirms the preview, and a second task creates every account
    in one transaction. The rows are kept only until it ends: then `rows` is
    emptied and only the counts stay."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=clock.now)
    file_name = models.CharField(max_length=200)
    request_practitioner = models.BooleanField(default=False)
    base_url = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=ImportStatus.choices, default=ImportStatus.CHECKING)
    total = models.PositiveIntegerField(default=0)
    checked = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    # [name, email, job group] as read, then the valid rows as StaffRow dicts.
    rows = models.JSONField(default=list, blank=True)
    # [row, field, message] for each problem found.
    problems = models.JSONField(default=list, blank=True)
    message = models.CharField(max_length=500, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Staff list {self.file_name} for {self.organisation}"

    @property
    def in_progress(self) -> bool:
        return self.status in (ImportStatus.CHECKING, ImportStatus.IMPORTING)
