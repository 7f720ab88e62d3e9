"""Reads of training records, scoped to the user, each a bounded number of
queries whatever the number of staff."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from prevent.core import clock
from prevent.core.models import Organisation
from prevent.policy import Action, scoped

from .models import (
    AccreditedTrainer,
    Booking,
    BookingStatus,
    Completion,
    CompletionStatus,
    Course,
    CourseKind,
    JobGroup,
    Requirement,
    SessionCascade,
    StaffProfile,
    TrainingSession,
)

if TYPE_CHECKING:
    from prevent.accounts.models import User

EXPIRING_WITHIN = dt.timedelta(days=60)
NAMES_SHOWN = 50


def courses(*, include_retired: bool = False) -> QuerySet[Course]:
    qs = Course.objects.all()
    return qs if include_retired else qs.filter(retired_at__isnull=True)


def trainers() -> QuerySet[AccreditedTrainer]:
    return AccreditedTrainer.objects.select_related("user", "user__organisation").order_by(
        "retired_at", "user__full_name"
    )


def job_group_of(user: User) -> str:
    profile = StaffProfile.objects.filter(user_id=user.pk).first()
    return profile.job_group if profile else JobGroup.ALL_STAFF


@dataclass
class OwnTraining:
    completions: list[Completion]
    due: list[Course]
    expiring: list[Completion]
    bookings: list[Booking]
    sessions: list[TrainingSession]


def own_training(user: User) -> OwnTraining:
    today = clock.today()
    completions = list(Completion.objects.filter(user_id=user.pk).select_related("course"))
    group = job_group_of(user)
    required = Course.objects.filter(
        requirements__organisation_id=user.organisation_id or 0,
        requirements__job_group__in=[JobGroup.ALL_STAFF, group],
        retired_at__isnull=True,
    ).distinct()
    current = {c.course_id for c in completions if c.is_current(today)}
    due = [course for course in required if course.pk not in current]
    expiring = [
        c
        for c in completions
        if c.is_current(today) and c.valid_until and c.valid_until <= today + EXPIRING_WITHIN
    ]
    bookings = list(
        Booking.objects.filter(user_id=user.pk, session__date__gte=today)
        .exclude(status=BookingStatus.CANCELLED)
        .select_related("session", "session__course")
    )
    booked = {b.session_id for b in bookings}
    sessions = [s for s in upcoming_sessions(user) if s.pk not in booked][:10]
    return OwnTraining(completions, due, expiring, bookings, sessions)


def upcoming_sessions(user: User) -> QuerySet[TrainingSession]:
    qs: QuerySet[TrainingSession] = TrainingSession.objects.filter(
        date__gte=clock.today(), attendance_recorded_at__isnull=True
    )
    return scoped(user, Action.VIEW_TRAINING_SESSION, qs).select_related("course", "open_to")


def sessions_for(user: User) -> QuerySet[TrainingSession]:
    """Every session the user may see, with the places taken and waiting."""
    qs = scoped(user, Action.VIEW_TRAINING_SESSION, TrainingSession.objects.all())
    qs = qs.select_related("course", "open_to", "trainer")
    return qs.annotate(
        booked=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)),
        waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
    ).order_by("-date", "start_time")


def session_bookings(session: TrainingSession) -> list[Booking]:
    return list(
        session.bookings.exclude(status=BookingStatus.CANCELLED)
        .select_related("user")
        .order_by("booked_at", "pk")
    )


def own_booking(user: User, session: TrainingSession) -> Booking | None:
    return (
        Booking.objects.filter(session=session, user_id=user.pk)
        .exclude(status=BookingStatus.CANCELLED)
        .first()
    )


def completions_to_confirm(user: User) -> QuerySet[Completion]:
    return scoped(user, Action.CONFIRM_TRAINING_COMPLETION).select_related("user", "course", "organisation")


def plan_of(organisation: Organisation) -> dict[str, list[int]]:
    plan: dict[str, list[int]] = {}
    for job_group, course_id in Requirement.objects.filter(organisation=organisation).values_list(
        "job_group", "course_id"
    ):
        plan.setdefault(job_group, []).append(course_id)
    return plan


# Compliance -----------------------------------------------------------------------------


@dataclass
class CourseCompliance:
    course: Course
    required: int = 0
    current: int = 0
    missing: list[str] = field(default_factory=list)
    expiring: list[tuple[str, dt.date]] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.current / self.required) if self.required else 0


@dataclass
class Compliance:
    organisation: Organisation | None
    staff: int
    rows: list[CourseCompliance]

    def for_kind(self, kind: str) -> CourseCompliance | None:
        return next((row for row in self.rows if row.course.kind == kind), None)


def compliance(organisation: Organisation | None, *, today: dt.date | None = None) -> Compliance:
    """For each required course: how many staff need it, how many are
    current, who is missing, who expires within 60 days. Four queries,
    whatever the number of staff (organisation None: the partnership)."""
    from prevent.accounts.models import User

    today = today or clock.today()
    staff_qs = User.objects.filter(is_active=True, organisation__isnull=False)
    requirement_qs = Requirement.objects.filter(course__retired_at__isnull=True)
    if organisation is not None:
        staff_qs = staff_qs.filter(organisation=organisation)
        requirement_qs = requirement_qs.filter(organisation=organisation)
    staff = list(
        staff_qs.order_by("full_name", "pk").values_list(
            "pk", "full_name", "organisation_id", "training_profile__job_group"
        )
    )
    requirements = list(requirement_qs.select_related("course"))
    by_org_group: dict[tuple[int, str], set[int]] = {}
    courses_by_pk: dict[int, Course] = {}
    for r in requirements:
        by_org_group.setdefault((r.organisation_id, r.job_group), set()).add(r.course_id)
        courses_by_pk[r.course_id] = r.course
    best: dict[tuple[int, int], dt.date | None] = {}
    completions = Completion.objects.filter(
        status=CompletionStatus.CONFIRMED, completed_on__lte=today, course_id__in=list(courses_by_pk)
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    if organisation is not None:
        completions = completions.filter(user__organisation=organisation)
    for user_id, course_id, valid_until in completions.values_list("user_id", "course_id", "valid_until"):
        key = (user_id, course_id)
        if key not in best:
            best[key] = valid_until
            continue
        held = best[key]
        if held is not None and (valid_until is None or valid_until > held):
            best[key] = valid_until
    rows = {pk: CourseCompliance(course) for pk, course in courses_by_pk.items()}
    for user_id, name, organisation_id, group in staff:
        needed = by_org_group.get((organisation_id, JobGroup.ALL_STAFF), set()) | by_org_group.get(
            (organisation_id, group or JobGroup.ALL_STAFF), set()
        )
        for course_id in needed:
            row = rows[course_id]
            row.required += 1
            if (user_id, course_id) not in best:
                row.missing.append(name or "Unnamed user")
                continue
            row.current += 1
            until = best[(user_id, course_id)]
            if until is not None and until <= today + EXPIRING_WITHIN:
                row.expiring.append((name or "Unnamed user", until))
    ordered = sorted(rows.values(), key=lambda r: r.course.title)
    return Compliance(organisation=organisation, staff=len(staff), rows=ordered)


def chart(result: Compliance) -> dict[str, object]:
    """Bar geometry for the SVG chart (400 pixels is 100%)."""
    bars = [
        {
            "label": row.course.title[:38] + ("…" if len(row.course.title) > 38 else ""),
            "percent": row.percent,
            "width": row.percent * 4,
            "y": 10 + 30 * i,
            "text_y": 25 + 30 * i,
        }
        for i, row in enumerate(result.rows)
    ]
    return {"bars": bars, "height": 20 + 30 * len(bars)}


def compliance_organisations(user: User) -> QuerySet[Organisation]:
    return scoped(user, Action.VIEW_TRAINING_COMPLIANCE, Organisation.objects.active()).order_by("name")


# For the self-assessment (objective 2) ----------------------------------------------------


def objective_two_figures(organisation: Organisation) -> list[str]:
    """Sentences of evidence from the training records (empty: nothing to say)."""
    today = clock.today()
    found: list[str] = []
    plan = Requirement.objects.filter(organisation=organisation, course__retired_at__isnull=True)
    count = plan.count()
    if count:
        plural = "s" if count != 1 else ""
        found.append(f"A training plan is in place in this system: {count} course requirement{plural}.")
    result = compliance(organisation, today=today)
    for kind, label in (
        (CourseKind.WRAP, "WRAP"),
        (CourseKind.CHANNEL_PACKAGE, "the Channel awareness package"),
    ):
        row = result.for_kind(kind)
        if row and row.required:
            share = f"{row.percent}% of staff ({row.current} of {row.required})"
            found.append(f"{share} have current training on {label}.")
    start = today.replace(month=1, day=1)
    cascaded = SessionCascade.objects.filter(organisation=organisation, sent_at__date__gte=start).count()
    if cascaded:
        times = "time" if cascaded == 1 else "times"
        found.append(
            f"WRAP session details were cascaded to staff {cascaded} {times} since 1 January {start.year}."
        )
    leads = (
        Completion.objects.filter(
            organisation=organisation, course__kind=CourseKind.LEAD, status=CompletionStatus.CONFIRMED
        )
        .values("user_id")
        .distinct()
        .count()
    )
    if leads:
        who = "lead has" if leads == 1 else "leads have"
        found.append(f"{leads} {who} completed further training recorded in this system.")
    return found


def trainer_choices() -> QuerySet[User]:
    """Who may run a session: active accredited trainers and coordinators."""
    from prevent.accounts.models import User
    from prevent.accounts.roles import Role

    trainers = User.objects.filter(is_active=True, trainer__retired_at__isnull=True, trainer__isnull=False)
    coordinators = User.objects.filter(is_active=True, role_assignments__role=Role.PREVENT_COORDINATOR)
    return (trainers | coordinators).distinct().order_by("full_name")


def active_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.active().order_by("name")


def organisations_to_import_for(user: User) -> QuerySet[Organisation]:
    """The organisations whose staff list the user may import: all for an
    administrator, their own for a SPOC."""
    return scoped(user, Action.IMPORT_TRAINING_STAFF, Organisation.objects.all()).order_by("name")


def existing_emails(emails: set[str]) -> set[str]:
    """Which of these e-mail addresses already have an account (lower case)."""
    from prevent.accounts.models import User

    return {e.lower() for e in User.objects.filter(email__in=emails).values_list("email", flat=True)}
