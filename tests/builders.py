"""One world of records in every state that matters to access, built through
the services, for the cross-cutting tests (tests/test_policy_scopes.py and
tests/test_role_matrix.py).

It starts from the person taken through the whole service by
tests/test_person_reads_audited.py (`Scenario`: a draft, submitted concerns,
police Prevent referrals, gateway referrals, Channel cases, a panel meeting
with the member on it, decisions, an information request to the member's
agency, an exit and its reviews) and adds what that walk does not need:

- a concern of the school awaiting triage, an attachment to the draft;
- a second organisation with its own practitioner, SPOC, a draft, a
  submitted concern and one referred to police Prevent, whose Channel case is
  on the agenda of a meeting the Channel member does not sit on, and
  recommended there for exit;
- an information request to another agency, still awaiting an answer;
- a superseded decision, a completed post-exit review;
- self-assessments of two organisations, one draft (unlocked, with an
  evidence file and an action) and one submitted (locked);
- a pending role grant request;
- users holding several roles, and an inactive user.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import time as dt_time
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from prevent.accounts.roles import Role
from tests.factories import OrganisationFactory, UserFactory, confirmed_totp_device
from tests.test_person_reads_audited import Scenario

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# The key of each single-role user of the world, by role.
ROLE_KEYS: dict[Role, str] = {
    Role.PRACTITIONER: "practitioner",
    Role.SPOC: "spoc",
    Role.PREVENT_COORDINATOR: "coordinator",
    Role.POLICE_PREVENT_OFFICER: "police",
    Role.CHANNEL_CHAIR: "chair",
    Role.CHANNEL_MEMBER: "member",
    Role.PARTNERSHIP_ANALYST: "analyst",
    Role.ADMINISTRATOR: "admin",
}


def make_user(*roles: str, **kwargs: Any) -> Any:
    return UserFactory(roles=list(roles), **kwargs)


def sign_in(user: Any, **client_options: Any) -> Client:
    """A client signed in as if the user had passed both factors."""
    client = Client(**client_options)
    device = confirmed_totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@contextmanager
def kept_for_the_module(django_db_blocker: Any) -> Iterator[None]:
    """For a module-scoped fixture: what is made inside stays for the
    module's tests (each test's own transaction nests inside) and is rolled
    back at the end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


class World(Scenario):
    """Scenario's records plus the other states listed in the module docstring."""

    def __init__(self, make: Callable[..., Any] = make_user) -> None:
        super().__init__(make)
        # Imported here: these modules are being moved by their owners; only
        # the builder (not the generic tests) depends on where they live.
        from prevent.accounts.services.roles import user_set_roles
        from prevent.channel import services as C
        from prevent.channel.models import ChannelCase, DecisionOutcome, PanelMeeting
        from prevent.channel.tests.conftest import decide
        from prevent.concerns import services as concern_services
        from prevent.concerns.tests.conftest import make_draft, make_submitted
        from prevent.self_assessment import services as SA
        from prevent.self_assessment.forms import check_evidence_file
        from prevent.self_assessment.selectors import assessment_sections
        from prevent.self_assessment.tests.conftest import answer_all

        p = self.people
        today = timezone.localdate()
        school = p["practitioner"].organisation
        self.school = school
        self.council = p["coordinator"].organisation
        other_school: Any = OrganisationFactory(name="Witney College")
        probation: Any = OrganisationFactory(name="Probation Service")
        self.other_school = other_school
        p["other_practitioner"] = make(Role.PRACTITIONER, organisation=other_school, full_name="Olu Other")
        p["other_spoc"] = make(Role.SPOC, organisation=other_school, full_name="Sid Otherspoc")
        p["outsider"] = make(
            Role.PRACTITIONER,
            Role.SPOC,
            Role.CHANNEL_MEMBER,
            organisation=probation,
            full_name="Olly Outsider",
        )
        p["spoc_member"] = make(Role.SPOC, Role.CHANNEL_MEMBER, organisation=school, full_name="Sue Both")
        p["coordinator_police"] = make(
            Role.PREVENT_COORDINATOR,
            Role.POLICE_PREVENT_OFFICER,
            organisation=self.council,
            full_name="Cy Both",
        )
        p["no_roles"] = make(organisation=school, full_name="Nat Noroles")
        p["inactive"] = make(*Role.values, organisation=school, full_name="Ina Inactive", is_active=False)

        self.attachment = concern_services.concern_add_attachment(
            actor=p["practitioner"],
            concern=self.draft,
            upload=SimpleUploadedFile("note.pdf", PDF_BYTES, content_type="application/pdf"),
        )

        # The other organisation's concerns, one referred to police Prevent
        # and taken to a Channel case on a meeting the member does not sit on.
        self.other_draft = make_draft(p["other_practitioner"])
        self.other_submitted = make_submitted(p["other_practitioner"])
        spoc = p["spoc"]
        p["spoc"] = p["other_spoc"]
        try:
            self.other_referral = self._triaged(make_submitted(p["other_practitioner"]))
        finally:
            p["spoc"] = spoc
        gateway = C.gateway_referral_from_concern(actor=p["police"], referral=self.other_referral)
        self._assess(gateway)
        self.other_case = ChannelCase.objects.get(gateway_referral=gateway)
        self.other_meeting = PanelMeeting.objects.create(
            meeting_on=today - timedelta(days=7), created_by=p["coordinator"]
        )
        C.panel_set_members(actor=p["coordinator"], meeting=self.other_meeting, members=[p["chair"]])
        C.agenda_add_case(
            actor=p["coordinator"], meeting=self.other_meeting, case=self.other_case, kind="new_case"
        )

        # A concern of the school awaiting triage.
        self.awaiting = make_submitted(p["practitioner"])

        # Two person records of one person, merged by the SPOC (issue 10).
        from prevent.people.services import person_merge

        twin = {"person_name": "Merrin Twofold", "person_other_names": ""}
        self.twin = make_submitted(p["practitioner"], person=twin)
        self.twin_again = make_submitted(p["practitioner"], person=twin)
        twins: list[Any] = [self.twin.person, self.twin_again.person]
        self.person_merge = person_merge(
            actor=p["spoc"], keep=twins[0], merge=twins[1], reason="The same pupil"
        )

        # Information requests awaiting an answer: to the member's agency
        # (about the other case) and to another agency; the first is answered.
        self.request.refresh_from_db()
        self.request_to_answer = C.information_request_send(
            actor=p["coordinator"],
            case=self.other_case,
            agency=self.people["health"],
            question="Known to you at all?",
            due_on=today,
        )
        self.other_request = C.information_request_send(
            actor=p["coordinator"],
            case=self.case,
            agency=probation,
            question="Known to probation?",
            due_on=today,
        )

        # The other case recommended for exit (closing report still to do),
        # decided at the meeting the member does not sit on.
        self.other_case = decide(p, self.other_meeting, self.other_case, DecisionOutcome.EXIT)

        # A superseded decision (the pending one replaced) and a new pending one.
        self.superseded_decision = self.pending_decision
        self.pending_decision = C.decision_supersede(
            actor=p["coordinator"],
            decision=self.superseded_decision,
            reason="New information",
            outcome=DecisionOutcome.CONTINUE,
            other_mechanism="",
            rationale="Keep under review, again",
        )
        self.superseded_decision.refresh_from_db()

        # One post-exit review completed, the other still due.
        reviews = list(self.exited.post_exit_reviews.order_by("months"))
        self.completed_review = C.post_exit_review_record(
            actor=p["coordinator"], review=reviews[-1], outcome="no_further_concerns", notes="All well"
        )
        self.review = reviews[0]

        # Self-assessments: the school's draft (unlocked, with a file and an
        # action) and the other school's, submitted (locked).
        dates: dict[str, Any] = {
            "assessor_names": "Sam Spoc",
            "assessed_on": today - timedelta(days=1),
            "review_due_on": today + timedelta(days=364),
        }
        self.assessment_draft = SA.assessment_start(actor=p["spoc"], organisation=school, **dates)
        section = assessment_sections(self.assessment_draft)[0]
        self.objective = section.objective
        statement = section.rows[0].statement
        upload = SimpleUploadedFile("policy.pdf", PDF_BYTES)
        SA.assessment_save_objective(
            actor=p["spoc"],
            assessment=self.assessment_draft,
            objective=self.objective,
            answers={statement.pk: (True, "In the policy")},
            uploads={statement.pk: SA.Upload(upload, check_evidence_file(upload))},
        )
        self.evidence = self.assessment_draft.answers.get(statement=statement).files.get()
        self.assessment_action = SA.action_save(
            actor=p["spoc"],
            assessment=self.assessment_draft,
            objective=self.objective,
            description="Train the new staff",
            owner="Sam Spoc",
            due_on=today + timedelta(days=30),
            status="not_started",
        )
        self.assessment_locked = SA.assessment_start(
            actor=p["other_spoc"], organisation=other_school, **dates
        )
        answer_all(p["other_spoc"], self.assessment_locked)
        SA.assessment_submit(actor=p["other_spoc"], assessment=self.assessment_locked)
        self.assessment_locked.refresh_from_db()

        # A pending request, by an administrator, to make the practitioner a SPOC.
        user_set_roles(actor=p["admin"], user=p["practitioner"], roles=[Role.PRACTITIONER, Role.SPOC])
        self.grant_request = p["practitioner"].role_grant_requests.get()

        # A restricted person (issue 14) with a concern, a referral and a
        # Channel case: named to the school's SPOC (and the coordinator who
        # restricted it); the police officer broke glass to see it.
        self._restricted(p, make_submitted)

        # Training (prevent/training): the police officer is an accredited
        # trainer; a WRAP session open to all (the practitioner booked) and
        # one open to the other school only; the practitioner's declared
        # completion (pending) and the other practitioner's (confirmed).
        self._training(p, today)

        # The API (prevent/api): a token the administrator issued to the
        # school's SPOC, a revoked one, a webhook endpoint of the school and
        # one turned off.
        self._api(p, today)

    def _restricted(self, p: dict[str, Any], make_submitted: Callable[..., Any]) -> None:
        from prevent.channel import services as C
        from prevent.channel.models import ChannelCase
        from prevent.people.restricted import break_glass, person_restrict

        referral = self._triaged(
            make_submitted(
                p["practitioner"], person={"person_name": "Rhea Restricted", "person_other_names": ""}
            )
        )
        gateway = C.gateway_referral_from_concern(actor=p["police"], referral=referral)
        self._assess(gateway)
        self.restricted_case = ChannelCase.objects.get(gateway_referral=gateway)
        self.restriction = person_restrict(
            actor=p["coordinator"],
            person=self.restricted_case.person,
            reason="Staff member",
            users=[p["spoc"]],
        )
        self.break_glass = break_glass(actor=p["police"], restriction=self.restriction, reason="Urgent risk")

    def _api(self, p: dict[str, Any], today: Any) -> None:
        from prevent.api import services as API

        API.api_token_issue(
            actor=p["admin"],
            user=p["other_spoc"],
            name="Revoked",
            scopes=["concerns:read"],
            expires_on=today + timedelta(days=5),
        )
        API.api_token_revoke(actor=p["admin"], token=p["other_spoc"].api_tokens.get())
        self.api_token = API.api_token_issue(
            actor=p["admin"],
            user=p["spoc"],
            name="School log",
            scopes=["concerns:read"],
            expires_on=today + timedelta(days=30),
        ).token
        self.webhook, _ = API.webhook_register(
            actor=p["admin"], organisation_id=self.school.pk, url="https://school.example/hook"
        )
        off, _ = API.webhook_register(
            actor=p["admin"], organisation_id=self.other_school.pk, url="https://other.example/hook"
        )
        API.webhook_disable(actor=p["admin"], endpoint=off)

    def _training(self, p: dict[str, Any], today: Any) -> None:
        from prevent.training import services as T
        from prevent.training.models import AccreditedTrainer, Course, CourseKind, Requirement

        AccreditedTrainer.objects.create(user=p["police"], accredited_by=p["coordinator"])
        self.course = Course.objects.get(kind=CourseKind.WRAP)
        times: dict[str, Any] = {"start_time": dt_time(9, 30), "end_time": dt_time(12), "venue": "Hall"}
        self.training_session = T.session_schedule(
            actor=p["coordinator"], course=self.course, date=today, trainer=p["police"], capacity=2, **times
        )
        T.session_schedule(
            actor=p["police"],
            course=self.course,
            date=today,
            trainer=p["police"],
            capacity=2,
            open_to=self.other_school,
            **times,
        )
        T.session_book(actor=p["practitioner"], session=self.training_session)
        self.completion = T.completion_declare(
            actor=p["practitioner"],
            course=self.course,
            completed_on=today,
            certificate=SimpleUploadedFile("certificate.pdf", PDF_BYTES),
        )
        confirmed = T.completion_declare(
            actor=p["other_practitioner"],
            course=self.course,
            completed_on=today,
            certificate=SimpleUploadedFile("certificate.pdf", PDF_BYTES),
        )
        T.completion_decide(actor=p["other_spoc"], completion=confirmed, confirm=True)
        Requirement.objects.create(organisation=self.school, job_group="all_staff", course=self.course)
        # The SPOC's staff import, checked and waiting for them to confirm.
        from prevent.training.import_services import staff_import_check

        self.staff_import = T.staff_import_start(
            actor=p["spoc"],
            organisation=self.school,
            file_name="staff.csv",
            cells=[["New Starter", "new.starter@school.example", "all staff"]],
            request_practitioner=False,
            base_url="http://testserver/",
        )
        staff_import_check(staff_import_id=self.staff_import.pk)

    def users(self) -> dict[str, Any]:
        return {key: u for key, u in self.people.items() if key != "health"}
