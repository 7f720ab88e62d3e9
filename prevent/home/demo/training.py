"""The demo's training records (issue 12), seeded through the training
services as the demo user who would act, events of the past run as of their
day (`prevent.core.clock.as_of`). The courses exist already (a migration
seeds them).

What it seeds, relative to the day it runs: the police Prevent officer as an
accredited WRAP trainer; the training plan of Banbury Meadows Academy (its
sector's defaults, set by its SPOC) and of Oxford Health; three staff of the
academy imported by the SPOC (role-less, training-only accounts); a WRAP
session at the academy almost three years ago, whose attendance became
completions that expire within 60 days now (the practitioner's among them);
declared completions with a certificate: the SPOC's own, confirmed by the
coordinator and expiring within 60 days, one confirmed by the SPOC, and one
waiting for the SPOC to confirm; a WRAP session in three weeks with its two
places taken and two people on the waiting list; and a session at the
academy in six weeks, cascaded to its staff, that the practitioner can book.

Idempotent: seeded only when the academy's coming session (the marker) is
missing, all in one transaction. Every name is invented."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from prevent.accounts.models import User
from prevent.core import clock
from prevent.core.models import Organisation
from prevent.training import services as T
from prevent.training.importing import StaffRow
from prevent.training.models import (
    AccreditedTrainer,
    Course,
    CourseKind,
    TrainingSession,
    add_months,
)

from . import partnership as P
from .cast import COORDINATOR, POLICE, PRACTITIONER, PRACTITIONER_HEALTH, SPOC, SPOC_HEALTH, SPOC_SCHOOL_B

MARKER_VENUE = "Banbury Meadows Academy, main hall"
PAST_VENUE = "Banbury Meadows Academy, library"
COUNTY_VENUE = "County Hall, New Road, Oxford"
STAFF = [
    StaffRow(2, "Lee Morris", f"lee.morris@{P.DEMO_DOMAIN}", "all_staff"),
    StaffRow(3, "Kim Adeyemi", f"kim.adeyemi@{P.DEMO_DOMAIN}", "managers"),
    StaffRow(4, "Noor Haddad", f"noor.haddad@{P.DEMO_DOMAIN}", "safeguarding_leads"),
]
# A made-up certificate (a minimal PDF) for the declared completions.
CERTIFICATE = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MORNING, NOON = dt.time(9, 30), dt.time(12, 30)


def _weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0))


def _certificate() -> SimpleUploadedFile:
    return SimpleUploadedFile("certificate.pdf", CERTIFICATE, content_type="application/pdf")


class Training:
    def __init__(self, users: dict[str, User], organisations: dict[str, Organisation]) -> None:
        self.u = users
        self.orgs = organisations
        self.today = clock.today()

    def load(self) -> list[str]:
        """Seed the training records if the marker is missing; what was seeded."""
        if TrainingSession.objects.filter(venue=MARKER_VENUE).exists():
            return []
        with transaction.atomic():
            self._seed()
        return ["training records"]

    def _course(self, kind: str, title: str = "") -> Course:
        courses = Course.objects.filter(kind=kind, retired_at__isnull=True).order_by("pk")
        return (courses.filter(title=title).first() if title else None) or courses[0]

    def _seed(self) -> None:
        u, today = self.u, self.today
        coordinator, police, spoc = u[COORDINATOR], u[POLICE], u[SPOC]
        academy = self.orgs[P.SCHOOL_A]
        wrap = self._course(CourseKind.WRAP)
        if not AccreditedTrainer.objects.filter(user=police, retired_at__isnull=True).exists():
            with clock.as_of(add_months(today, -40)):
                T.trainer_accredit(actor=coordinator, email=police.email)
        # Plans: the academy's and the trust's, each from its sector's defaults.
        T.plan_set(actor=spoc, organisation=academy, plan=T.default_plan(academy))
        health = self.orgs[P.OXFORD_HEALTH]
        T.plan_set(actor=u[SPOC_HEALTH], organisation=health, plan=T.default_plan(health))
        # The SPOC imports three of the academy's staff (training-only accounts).
        staff = T.staff_import(
            actor=spoc,
            organisation=academy,
            rows=STAFF,
            base_url=P.BASE_URL,
            send_invitations=False,
        )
        lee, kim, noor = staff

        # WRAP at the academy almost three years ago: attended, expiring soon.
        held = _weekday(add_months(today, -36) + dt.timedelta(days=25))
        with clock.as_of(held - dt.timedelta(days=28)):
            past = T.session_schedule(
                actor=police,
                course=wrap,
                date=held,
                start_time=MORNING,
                end_time=NOON,
                trainer=police,
                capacity=12,
                venue=PAST_VENUE,
                open_to=academy,
            )
        with clock.as_of(held - dt.timedelta(days=14)):
            for person in (u[PRACTITIONER], lee, kim, noor):
                T.session_book(actor=person, session=past)
        with clock.as_of(_at(held, 15)):
            T.session_record_attendance(
                actor=police, session=past, attended=[u[PRACTITIONER].pk, lee.pk, kim.pk]
            )

        # Declared completions, each with its certificate.
        lead = self._course(CourseKind.LEAD, "Designated safeguarding lead and SPOC training")
        done_on = add_months(today, -24) + dt.timedelta(days=40)  # current until about 40 days from now
        with clock.as_of(done_on + dt.timedelta(days=2)):
            own = T.completion_declare(
                actor=spoc, course=lead, completed_on=done_on, certificate=_certificate()
            )
        with clock.as_of(done_on + dt.timedelta(days=5)):
            # The SPOC's own: confirmed by a coordinator, never by themselves.
            T.completion_decide(actor=coordinator, completion=own, confirm=True)
        awareness = self._course(CourseKind.NATIONAL, "Prevent awareness")
        with clock.as_of(today - dt.timedelta(days=200)):
            declared = T.completion_declare(
                actor=lee,
                course=awareness,
                completed_on=today - dt.timedelta(days=201),
                certificate=_certificate(),
            )
        with clock.as_of(today - dt.timedelta(days=198)):
            T.completion_decide(actor=spoc, completion=declared, confirm=True)
        with clock.as_of(today - dt.timedelta(days=3)):
            T.completion_declare(
                actor=noor,
                course=self._course(CourseKind.CHANNEL_PACKAGE),
                completed_on=today - dt.timedelta(days=4),
                certificate=_certificate(),
            )  # waits for the SPOC

        # WRAP in three weeks, open to all: full, with a waiting list.
        with clock.as_of(today - dt.timedelta(days=12)):
            county = T.session_schedule(
                actor=coordinator,
                course=wrap,
                date=_weekday(today + dt.timedelta(days=21)),
                start_time=MORNING,
                end_time=NOON,
                trainer=police,
                capacity=2,
                venue=COUNTY_VENUE,
            )
        for days_ago, email in enumerate(
            (SPOC_SCHOOL_B, SPOC_HEALTH, PRACTITIONER_HEALTH, P._email("spoc.district"))
        ):
            with clock.as_of(today - dt.timedelta(days=10 - days_ago)):
                T.session_book(actor=u[email], session=county)

        # The academy's own session in six weeks, cascaded to its staff.
        with clock.as_of(today - dt.timedelta(days=5)):
            coming = T.session_schedule(
                actor=police,
                course=wrap,
                date=_weekday(today + dt.timedelta(days=42)),
                start_time=dt.time(13, 30),
                end_time=dt.time(16, 30),
                trainer=police,
                capacity=20,
                venue=MARKER_VENUE,
                open_to=academy,
            )
        with clock.as_of(today - dt.timedelta(days=4)):
            T.session_cascade(actor=spoc, session=coming)
            T.session_book(actor=kim, session=coming)
