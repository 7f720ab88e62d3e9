"""Every page that shows a person's identity records an audited read.

One person with a distinctive name is taken through the whole service: a
draft and submitted concerns, a SPOC's triage with police Prevent referrals,
gateway referrals, Channel cases with a VAF, a panel meeting, decisions,
consent, an intervention, an information request answered with a file, an
exit and its reviews. Then every named route is opened with GET (its ids
filled from that data) by each role; whenever a page shows the person's name
the same request must have recorded at least one audit event, by that user,
with no personal data in its summary.

A new route with ids must be listed in FILL (how to fill them) or in
NOT_ABOUT_A_PERSON (why it cannot show one), or the walk fails."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from typing import Any, cast

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.channel import services as C
from prevent.channel.models import (
    ChannelCase,
    DecisionOutcome,
    Intervention,
    PostExitReview,
    ResponseFile,
)
from prevent.channel.tests.conftest import consent_given, decide, meeting_today, seed_vaf
from prevent.concerns import services as concern_services
from prevent.concerns import steps as S
from prevent.concerns.models import Concern, Referral, ReferralDestination
from prevent.concerns.tests.conftest import make_draft, make_submitted
from prevent.core.models import Organisation
from prevent.people.models import PersonMerge
from tests.factories import OrganisationFactory

NAME = "Zebedee Quillfeather-Okonkwo"
BORN = dt.date(2010, 5, 4)
PERSON = {"person_name": NAME, "person_date_of_birth": BORN}

# Routes whose ids name things that are not about a person: staff accounts,
# organisations, guidance, self-assessments. Walked with placeholder ids
# (their pages are still checked when they open).
NOT_ABOUT_A_PERSON = {
    "core:kept-input",  # a one-time token: what this user typed, shown back to them once
    "accounts:password-reset-confirm",  # a token, before sign-in
    "accounts:role-request-approve",  # staff asking for a role
    "accounts:role-request-detail",
    "accounts:role-request-refuse",
    "accounts:role-request-withdraw",
    "guidance:manage-change",
    "guidance:concern-type-delete",
    "notifications:read",  # a staff member's own notification (links and references)
    "notifications:failed-retry",  # an email that failed (links and references)
    "guidance:manage-list",
    "guidance:manage-restore",
    "guidance:manage-retire",
    "guidance:page",
    # The retention schedule's rows and review items (numbered, never named).
    "privacy:rule-change",
    "privacy:review",
    "privacy:review-dispose",
    "privacy:review-keep",
    "organisations:archive",
    "organisations:change",
    "organisations:detail",
    "organisations:restore",
    "users:change",
    "users:deactivate",
    "users:detail",
    "users:reactivate",
    "users:resend-invitation",
    "users:reset-second-factor",
    "users:unlock",
    "users:roles",
    "self_assessment:action-add",
    "self_assessment:action-change",
    "self_assessment:action-remove",
    "self_assessment:check",
    "self_assessment:compare",
    "self_assessment:detail",
    "self_assessment:details",
    "self_assessment:export-csv",
    "self_assessment:export-pdf",
    "self_assessment:file",
    "self_assessment:history",
    "self_assessment:objective",
    "self_assessment:submit",
    # Training records of staff (prevent/training), never about a person referred.
    "training:certificate",
    "training:completion-detail",
    "training:compliance",
    "training:compliance-csv",
    "training:course-change",
    "training:course-restore",
    "training:course-retire",
    "training:plan",
    "training:session-attendance",
    "training:session-book",
    "training:session-calendar",
    "training:session-cancel",
    "training:session-cascade",
    "training:session-detail",
    "training:import-confirm",
    "training:import-progress",
    "training:trainer-retire",
    # The API's records of organisations and staff, its tokens and webhooks.
    "api:self-assessment-detail",
    "api:training-completion-detail",
    "api:token-detail",
    "api:token-revoke",
    "api:webhook-detail",
    "api:webhook-disable",
}
# GET would end the session the walk is using.
SKIP = {"accounts:sign-out"}

# Pages known to show the person's name: the walk must see each of them do
# so, or the data it built is not what this test thinks it is.
MUST_SHOW_THE_NAME = {
    "concerns:step",
    "channel:case-detail",
    "channel:case-list",
    "channel:gateway-assess",
    "channel:gateway-assess-concern",
    "concerns:check",
    "concerns:detail",
    "concerns:link-person",
    "concerns:person",
    "home:person-chronology",
    "people:list",
    "people:duplicates",
    "people:merge",
}


def _routes(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


ROUTES = sorted({name: p for name, p in _routes(get_resolver().url_patterns)}.items())
APPS = sorted({name.split(":")[0] for name, _ in ROUTES})


def _placeholder(pattern: URLPattern) -> list[dict[str, Any]]:
    converters = pattern.pattern.converters  # type: ignore[attr-defined]
    return [{k: 1 if type(c).__name__ == "IntConverter" else "x" for k, c in converters.items()}]


class Scenario:
    """The person's records, built through the services."""

    def __init__(self, make_user: Callable[..., Any]) -> None:
        school = OrganisationFactory(name="Banbury School")
        council = OrganisationFactory(name="Oxfordshire County Council")
        police = OrganisationFactory(name="Thames Valley Police")
        health = cast(Organisation, OrganisationFactory(name="Oxford Health"))
        self.people = p = {
            "health": health,
            "practitioner": make_user(Role.PRACTITIONER, organisation=school, full_name="Pat Practitioner"),
            "spoc": make_user(Role.SPOC, organisation=school, full_name="Sam Spoc"),
            "police": make_user(Role.POLICE_PREVENT_OFFICER, organisation=police, full_name="Paula Police"),
            "coordinator": make_user(
                Role.PREVENT_COORDINATOR, organisation=council, full_name="Cora Coordinator"
            ),
            "chair": make_user(Role.CHANNEL_CHAIR, organisation=council, full_name="Chris Chair"),
            "member": make_user(Role.CHANNEL_MEMBER, organisation=health, full_name="Mo Member"),
            "analyst": make_user(Role.PARTNERSHIP_ANALYST, organisation=council, full_name="Ann Analyst"),
            "admin": make_user(Role.ADMINISTRATOR, organisation=council, full_name="Adi Admin"),
        }
        today = timezone.localdate()
        framework = seed_vaf()
        provider = C.provider_add(
            actor=p["coordinator"], name="Youth Mentoring Ltd", is_home_office_intervention_provider=True
        )

        # Concerns: a draft, one that went to Channel, one waiting at the
        # gateway (a second person record of the same name: a possible
        # match), and one the SPOC asked more about.
        self.draft = make_draft(p["practitioner"], person=PERSON)
        self.to_channel = self._triaged(make_submitted(p["practitioner"], person=PERSON))
        self.waiting = self._triaged(make_submitted(p["practitioner"], person=PERSON))
        self.asked = make_submitted(p["practitioner"], person=PERSON)
        concern_services.triage_request_more_information(
            actor=p["spoc"], concern=self.asked, question="Anything else?"
        )
        self.addendum = concern_services.concern_add_addendum(
            actor=p["practitioner"],
            concern=self.to_channel.concern,
            section="concern",
            text="More",
            reason="r",
        )

        # The gateway: the concern's referral to Channel; an outside
        # referral awaiting; another outside referral to Channel, for exit.
        gateway = C.gateway_referral_from_concern(actor=p["police"], referral=self.to_channel)
        self._assess(gateway)
        self.case = ChannelCase.objects.get(gateway_referral=gateway)
        self.external = self._external()
        exiting = self._external()
        self._assess(exiting)
        self.exited = ChannelCase.objects.get(gateway_referral=exiting)

        # The panel.
        self.meeting = meeting_today(p)
        self.case = decide(p, self.meeting, self.case, DecisionOutcome.ADOPT)
        self.decision = self.case.decisions.get()
        self.item = self.decision.agenda_item
        C.attendance_record(
            actor=p["coordinator"],
            meeting=self.meeting,
            agency=health,
            representative="Mo Member",
            status="present",
        )
        # Minutes recorded, so "Download the minutes" is there (issue 11).
        C.meeting_record_minutes(actor=p["coordinator"], meeting=self.meeting, minutes="Agreed the plan")
        self.action = C.action_add(
            actor=p["coordinator"],
            meeting=self.meeting,
            case=self.case,
            description="Speak to the school",
            owner=p["member"],
            due_on=today,
        )
        dims = list(framework.dimensions.prefetch_related("factors"))
        self.assessment = C.vaf_record_assessment(
            actor=p["coordinator"],
            case=self.case,
            framework=framework,
            ratings={f.pk: ("present", "e") for d in dims for f in d.factors.all()},
            summaries={d.pk: "s" for d in dims},
            overall_judgement="j",
        )
        consent_given(p, self.case)
        self.case.refresh_from_db()
        self.intervention = C.intervention_add(
            actor=p["coordinator"],
            case=self.case,
            type="diversionary",
            provider=provider,
            description="Boxing club",
            start_on=today,
            review_on=None,
            end_on=None,
        )
        self.request = C.information_request_send(
            actor=p["coordinator"],
            case=self.case,
            agency=health,
            question="Known to you?",
            due_on=today,
        )
        C.information_request_answer(
            actor=p["member"],
            request=self.request,
            response="information_provided",
            text="Seen twice",
            uploads=[SimpleUploadedFile("notes.txt", b"Seen twice at the clinic.\n")],
        )
        self.file = ResponseFile.objects.get(request=self.request)
        self.pending_decision = C.decision_record(
            actor=p["coordinator"],
            meeting=self.meeting,
            case=self.case,
            outcome=DecisionOutcome.CONTINUE,
            other_mechanism="",
            rationale="Keep under review",
        )

        # A case that exited, with its reviews.
        self.exited = decide(p, self.meeting, self.exited, DecisionOutcome.EXIT)
        C.closing_report_complete(actor=p["chair"], case=self.exited, evidence="Risk managed")
        C.case_exit(actor=p["coordinator"], case=self.exited)
        self.review = PostExitReview.objects.filter(case=self.exited).order_by("months")[0]

    def _triaged(self, concern: Concern) -> Referral:
        concern_services.triage_record_decision(
            actor=self.people["spoc"],
            concern=concern,
            pyramid_level=3,
            rationale="Clear concern",
            referrals=[
                concern_services.ReferralInput(
                    destination=ReferralDestination.POLICE_PREVENT,
                    sent_on=timezone.localdate(),
                    method="email",
                )
            ],
        )
        return Referral.objects.get(concern=concern, destination=ReferralDestination.POLICE_PREVENT)

    def _external(self) -> Any:
        return C.gateway_log_external_referral(
            actor=self.people["police"],
            person=C.ExternalPerson(NAME, BORN),
            external_source="public",
            external_detail="",
            summary="Worrying posts",
            received_on=timezone.localdate(),
        )

    def _assess(self, gateway: Any) -> None:
        C.gateway_record_assessment(
            actor=self.people["police"],
            gateway_referral=gateway,
            checks=["police_systems"],
            checks_notes="",
            outcome="channel",
            signposted_to="",
            rationale="Vulnerable, ideology present",
            case_officer=self.people["coordinator"],
        )

    def fill(self) -> dict[str, list[dict[str, Any]]]:
        """The ids of each route about a person (several ways when useful)."""
        case, meeting = self.case.pk, self.meeting.pk
        drafts = [{"pk": self.draft.pk, "step": step.slug} for step in S.steps_for(self.draft)]
        concerns = [self.to_channel.concern_id, self.waiting.concern_id, self.asked.pk]
        each_concern = [{"pk": pk} for pk in concerns]
        return {
            "audit:event-detail": [{"id": _last_event_id()}],
            "channel:action-done": [{"pk": meeting, "action_pk": self.action.pk}],
            "channel:action-add": [{"pk": meeting}],
            "channel:agenda-add": [{"pk": meeting}],
            "channel:agenda-notes": [{"pk": meeting, "item_pk": self.item.pk}],
            "channel:agenda-remove": [{"pk": meeting, "item_pk": self.item.pk}],
            "channel:attendance": [{"pk": meeting}],
            "channel:case-detail": [{"pk": case}, {"pk": self.exited.pk}],
            "channel:case-exit": [{"pk": self.exited.pk}, {"pk": case}],
            "channel:case-information-request": [{"pk": case}],
            "channel:case-safeguarding-link": [{"pk": case}],
            "channel:closing-report": [{"pk": self.exited.pk}],
            "channel:consent": [{"pk": case}],
            "channel:decision": [{"pk": meeting, "item_pk": self.item.pk}],
            "channel:decision-confirm": [{"pk": self.pending_decision.pk}],
            "channel:decision-supersede": [{"pk": self.pending_decision.pk}],
            "channel:gateway-assess": [
                {"pk": self.external.pk},
                {"pk": self.case.gateway_referral_id},
            ],
            "channel:gateway-assess-concern": [{"referral_pk": self.waiting.pk}],
            "channel:information-request": [{"pk": self.request.pk}],
            "channel:intervention-end": [{"pk": case, "intervention_pk": self.intervention.pk}],
            "channel:intervention-change": [{"pk": case, "intervention_pk": self.intervention.pk}],
            "channel:intervention-progress": [{"pk": case, "intervention_pk": self.intervention.pk}],
            "channel:intervention-add": [{"pk": case}],
            "channel:minutes": [{"pk": meeting}],
            "channel:minutes-pdf": [{"pk": meeting}],
            "channel:panel-build-agenda": [{"pk": meeting}],
            "channel:panel-detail": [{"pk": meeting}],
            "channel:panel-details": [{"pk": meeting}],
            "channel:panel-invitation": [{"pk": meeting}],
            "channel:panel-members": [{"pk": meeting}],
            "channel:provider-archive": [{"pk": Intervention.objects.get().provider_id}],
            "channel:response-file": [{"pk": self.request.pk, "file_pk": self.file.pk}],
            "channel:review-record": [{"pk": self.exited.pk, "review_pk": self.review.pk}],
            "channel:vaf-detail": [{"pk": case, "assessment_pk": self.assessment.pk}],
            "channel:vaf-new": [{"pk": case}],
            "concerns:addendum": each_concern,
            "concerns:answer": [{"pk": self.asked.pk}],
            "concerns:attachment": [{"pk": self.draft.pk, "attachment_pk": 1}],
            "concerns:attachment-remove": [{"pk": self.draft.pk, "attachment_pk": 1}],
            "concerns:check": [{"pk": self.draft.pk}],
            "concerns:close": each_concern,
            "concerns:decision": each_concern,
            "concerns:detail": each_concern,
            "concerns:draft": [{"pk": self.draft.pk}],
            "concerns:link-person": each_concern,
            "concerns:person": [
                {"pk": pk}
                for pk in Concern.objects.filter(person__isnull=False).values_list("person_id", flat=True)
            ],
            "concerns:referral-update": [{"pk": self.to_channel.pk}, {"pk": self.waiting.pk}],
            "concerns:referral-information": [{"pk": self.to_channel.pk}, {"pk": self.waiting.pk}],
            # Two of the person's records (each concern made its own), and any merge.
            "people:merge": [
                {"keep_pk": a, "merge_pk": b}
                for a, b in itertools.pairwise(
                    sorted(
                        set(Concern.objects.filter(person__isnull=False).values_list("person_id", flat=True))
                    )
                )
            ][:2],
            "people:merge-detail": [{"pk": pk} for pk in PersonMerge.objects.values_list("pk", flat=True)],
            # Restricted records (issue 14): the person, not restricted here.
            "people:restrict": [{"pk": self.to_channel.concern.person_id}],
            "people:unrestrict": [{"pk": self.to_channel.concern.person_id}],
            "people:break-glass": [{"pk": self.to_channel.concern.person_id}],
            "home:person-chronology": [
                {"pk": pk}
                for pk in Concern.objects.filter(person__isnull=False).values_list("person_id", flat=True)
            ],
            "home:person-chronology-pdf": [{"pk": self.to_channel.concern.person_id}],
            # The API (prevent/api) answers JSON naming the person: audited as the pages.
            "api:concern-detail": each_concern,
            "api:gateway-referral-detail": [{"pk": self.external.pk}, {"pk": self.case.gateway_referral_id}],
            "api:channel-case-detail": [{"pk": case}, {"pk": self.exited.pk}],
            "privacy:subject-access": [{"pk": self.to_channel.concern.person_id}],
            "privacy:subject-access-download": [
                {"pk": self.to_channel.concern.person_id, "kind": kind} for kind in ("json", "pdf")
            ],
            "privacy:who-looked": [{"pk": self.to_channel.concern.person_id}],
            "concerns:request-information": each_concern,
            "concerns:step": drafts,
            "concerns:submitted": each_concern,
        }


def _named(values: dict[str, Any], converters: dict[str, Any]) -> dict[str, Any]:
    """FILL names the ids as the routes do; "id" stands for a route's only id."""
    if list(values) == ["id"] and len(converters) == 1:
        return {next(iter(converters)): values["id"]}
    return values


def _events_after(last: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(id__gt=last).order_by("id"))


def _last_event_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.mark.django_db
@pytest.mark.parametrize("app", APPS)
def test_every_page_showing_a_person_records_a_read(
    make_user: Callable[..., Any], client_for: Callable[[Any], Client], app: str
) -> None:
    scenario = Scenario(make_user)
    fill = scenario.fill()
    users = {key: u for key, u in scenario.people.items() if key != "health"}
    clients = {key: client_for(u) for key, u in users.items()}
    # The draft's person step saved through its page, as the practitioner would.
    clients["practitioner"].post(
        reverse("concerns:step", args=[scenario.draft.pk, S.PERSON]),
        {
            "person_name": NAME,
            "person_date_of_birth_day": str(BORN.day),
            "person_date_of_birth_month": str(BORN.month),
            "person_date_of_birth_year": str(BORN.year),
        },
    )
    unfilled: list[str] = []
    silent: list[str] = []
    leaky: list[str] = []
    shown: set[str] = set()
    for name, pattern in ROUTES:
        if name.split(":")[0] != app or name in SKIP:
            continue
        converters = pattern.pattern.converters  # type: ignore[attr-defined]
        if converters and name not in fill and name not in NOT_ABOUT_A_PERSON:
            unfilled.append(name)
            continue
        for values in fill.get(name) or _placeholder(pattern):
            url = reverse(name, kwargs=_named(values, converters) or None)
            for key, client in clients.items():
                last = _last_event_id()
                response = client.get(url)
                if response.status_code != 200 or response.streaming:
                    continue
                if NAME not in response.content.decode(errors="replace"):
                    continue
                shown.add(name)
                events = _events_after(last)
                mine = [e for e in events if e.actor_id == users[key].pk]
                if not mine:
                    silent.append(f"{name} {url} as {key}")
                leaky.extend(f"{name} {url} as {key}: {e.summary}" for e in events if NAME in e.summary)
    assert not unfilled, f"Routes with ids that this test does not know how to fill: {unfilled}"
    assert not silent, "Pages that show the person's name without an audited read:\n" + "\n".join(silent)
    assert not leaky, "Read events that name the person:\n" + "\n".join(leaky)
    expected = {n for n in MUST_SHOW_THE_NAME if n.startswith(f"{app}:")}
    assert expected <= shown, f"These pages should show the person's name: {sorted(expected - shown)}"
