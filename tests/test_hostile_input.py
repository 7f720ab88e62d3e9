"""Hostile input to every form of the service (issue 8).

Every role (and an anonymous visitor, and a user half way through signing
in) walks the service from its start pages, following links, so that every
route of the URL map is opened with real ids. Every form found on those
pages (GET or POST, whatever its action) is then sent, in each of its text
inputs at once, each hostile value: a NUL, a lone surrogate, a right-to-left
override, and 100,000 characters. Choice fields get a valid choice so that
the text fields are reached. For every response:

- it is not a server error (5xx);
- when the form came back with an error, nothing new was stored (row counts
  of every table but the audit log, sessions and sign-in attempts);
- a value the form must refuse is never stored anywhere: each value carries
  a unique marker, and every text and JSON column of every table is
  searched for it.

A lone surrogate cannot be sent as UTF-8: its bytes (ED A0 80) arrive as
three U+FFFD replacement characters, which are ordinary text. So for that
value the test asserts no server error and that a refused form stored
nothing; those posts run last, since a form may accept them.

A route the walk does not reach must be listed in NOT_REACHED with the
reason, so a new route fails this test until it is walked or explained."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote_plus, urlsplit

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from prevent.accounts.roles import Role
from prevent.accounts.services import users as user_services
from prevent.channel import services as C
from prevent.channel.models import ChannelCase, DecisionOutcome
from prevent.channel.tests.conftest import consent_given, decide, meeting_today, seed_vaf
from prevent.concerns import services as concern_services
from prevent.concerns.models import Referral, ReferralDestination
from prevent.concerns.tests.conftest import make_draft, make_submitted
from prevent.core import services as core_services
from prevent.core.models import Organisation
from prevent.guidance import services as guidance_services
from prevent.guidance.models import VulnerabilityFactor
from prevent.self_assessment import services as sa_services
from prevent.self_assessment.selectors import assessment_sections
from prevent.self_assessment.tests.conftest import answer_all
from tests.factories import OrganisationFactory, confirmed_totp_device

pytestmark = pytest.mark.django_db

LONG = "Z" * 100_000
# name -> the characters after the marker (str), or the raw bytes (the surrogate).
HOSTILE: dict[str, str | bytes] = {
    "nul": "\x00",
    "rtl-override": "\u202e",
    "long": LONG,
    "lone-surrogate": "\ud800".encode("utf-8", "surrogatepass"),
}
MUST_REFUSE = {"nul", "rtl-override", "long"}

# Routes the walk does not open as a page, and why. Their forms, if any, are
# on other pages and are still sent (a form's action is checked wherever it
# points).
NOT_REACHED = {
    "privacy:review": "no review item in the World: records fall due years after closure (prevent/privacy)",
    "privacy:review-dispose": "no review item in the World (prevent/privacy/tests/test_views.py posts)",
    "privacy:review-keep": "no review item in the World (prevent/privacy/tests/test_views.py: bad input)",
    "accounts:sign-out": "ends the session the walk uses (its form has no text input)",
    "accounts:sign-out-everywhere": "POST only; ends every session (no text input)",
    "accounts:recovery-codes": "shown once, straight after setting up a second factor",
    "accounts:password-reset-done": "shown after a reset email is sent",
    "accounts:password-reset-complete": "shown after a password is reset",
    "core:healthz": "not a page",
    # Passkeys: JSON ceremony endpoints the page script calls (prevent/accounts/tests/test_passkeys.py).
    "otp_webauthn:credential-registration-begin": "a JSON endpoint of the passkey script, not a page",
    "otp_webauthn:credential-registration-complete": "a JSON endpoint of the passkey script, not a page",
    "otp_webauthn:credential-authentication-begin": "a JSON endpoint of the passkey script, not a page",
    "otp_webauthn:credential-authentication-complete": "a JSON endpoint of the passkey script, not a page",
    "otp_webauthn:js-i18n-catalog": "the passkey script's message catalogue (JavaScript), not a page",
    "core:kept-input": "exists only after a timed-out POST (prevent/channel/tests/test_kept_input.py)",
    "notifications:failed-retry": "POST only (a button, no text input); no email has failed in the walk",
    "core:home": "the old name of home:home: the same path, '/', which the walk starts from",
    "home:person-chronology": "a read with no form, linked from the person page",
    "home:person-chronology-pdf": "a PDF (slow to make), no form",
    "channel:minutes-pdf": "a PDF (slow to make), no form",
    "self_assessment:export-pdf": "a PDF (slow to make), no form",
    "reporting:board-report": "a PDF (slow to make); its GET form is the statistics page's, walked there",
    "self_assessment:file": "a file download, no form",
    "concerns:attachment": "a file download, no form",
    "people:merge-detail": "exists only after a merge; its undo form: prevent/people/tests/test_merge.py",
    "people:restrict": "linked from a coordinator's person page (prevent/people/tests/test_restricted.py)",
    "people:unrestrict": "exists only for a restricted record (prevent/people/tests/test_restricted.py)",
    "people:break-glass": "exists only for a restricted record (prevent/people/tests/test_restricted.py)",
    "people:break-glass-report": "a read with no form (prevent/people/tests/test_restricted.py)",
    "guidance:concern-type-delete": "linked only for a local type of concern (none in the walk); no text",
    "training:import-progress": "exists only after an upload; no text input (training/tests/test_import.py)",
    "training:import-confirm": "POST only, after an upload; a button, no text input",
    # The API (prevent/api): JSON operations, not pages; fuzzed from its
    # OpenAPI schema by prevent/api/tests/test_schemathesis.py.
    **{
        f"api:{name}": "a JSON operation of the API (prevent/api/tests/test_schemathesis.py)"
        for name in (
            "concern-list",
            "concern-detail",
            "gateway-referral-list",
            "gateway-referral-detail",
            "channel-case-list",
            "channel-case-detail",
            "self-assessment-list",
            "self-assessment-detail",
            "training-completion-list",
            "training-completion-detail",
        )
    },
    "api:token-detail": "exists only after a token is issued (prevent/api/tests/test_tokens.py)",
    "api:token-revoke": "exists only after a token is issued; no text input",
    "api:webhook-detail": "exists only after an endpoint is registered (prevent/api/tests/test_webhooks.py)",
    "api:webhook-disable": "exists only after an endpoint is registered; no text input",
}
# Links not to follow: files and exports (not pages) and the way out.
NOT_FOLLOWED_SUFFIXES = (".pdf",)
# Pages opened per route (and per text argument such as a step): records in
# different states show different forms.
PAGES_PER_ROUTE = 4
NOT_FOLLOWED = {"accounts:sign-out", "accounts:sign-out-everywhere"}
# Tables a refused form may still write to: the audit log (reads and "saved
# with errors" events), sessions, sign-in attempts and second-factor devices
# that a setup page prepares when it is shown.
UNCOUNTED = {
    "audit.auditevent",
    "sessions.session",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "otp_totp.totpdevice",
    "otp_static.staticdevice",
    "otp_static.statictoken",
    # The shared cache (prevent/api): rate-limit counters count refused attempts too.
    "api.cacheentry",
}
# Pages (in each app) whose forms the walk must have sent: if one is missing,
# the world this test builds is not what it thinks.
MUST_SEND = {
    "accounts:sign-in",
    "accounts:password-reset",
    "accounts:two-factor-setup",
    "audit:event-list",
    "channel:gateway-external",
    "channel:consent",
    "channel:vaf-new",
    "concerns:step",
    "concerns:decision",
    "concerns:close",
    "concerns:addendum",
    "guidance:manage-change",
    "local-area:change",
    "organisations:add",
    "self_assessment:details",
    "self_assessment:objective",
    "users:add",
}


# The world: a record of every kind, made through the services.


def _world(make_user: Callable[..., Any]) -> dict[str, Any]:
    school = _organisation("Banbury School")
    council = _organisation("Oxfordshire County Council")
    police = _organisation("Thames Valley Police")
    health = _organisation("Oxford Health")
    p: dict[str, Any] = {
        "school": school,
        "council": council,
        "health": health,
        "practitioner": make_user(Role.PRACTITIONER, organisation=school, full_name="Pat Practitioner"),
        "spoc": make_user(Role.SPOC, organisation=school, full_name="Sam Spoc"),
        "police": make_user(Role.POLICE_PREVENT_OFFICER, organisation=police, full_name="Paula Police"),
        "coordinator": make_user(Role.PREVENT_COORDINATOR, organisation=council, full_name="Cora Coord"),
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
    # Concerns: a draft with an attachment, one waiting for triage, one the
    # SPOC asked about, and two referred to police Prevent.
    draft = make_draft(p["practitioner"], emergency="yes")
    concern_services.concern_add_attachment(
        actor=p["practitioner"], concern=draft, upload=SimpleUploadedFile("notes.txt", b"Notes\n")
    )
    make_submitted(p["practitioner"])
    asked = make_submitted(p["practitioner"], person={"person_name": "Alexander Example"})
    concern_services.triage_request_more_information(
        actor=p["spoc"], concern=asked, question="Anything else?"
    )
    to_channel = _triaged(p, make_submitted(p["practitioner"]))
    _triaged(p, make_submitted(p["practitioner"]))  # waits at the gateway
    # The gateway and Channel: a case adopted at a panel, with a VAF, consent,
    # an intervention, an information request to the health member.
    gateway = C.gateway_referral_from_concern(actor=p["police"], referral=to_channel)
    _assess(p, gateway)
    case = ChannelCase.objects.get(gateway_referral=gateway)
    C.gateway_log_external_referral(
        actor=p["police"],
        person=C.ExternalPerson("Jo External", today.replace(year=today.year - 15)),
        external_source="public",
        external_detail="",
        summary="Worrying posts",
        received_on=today,
    )
    meeting = meeting_today(p)
    case = decide(p, meeting, case, DecisionOutcome.ADOPT)
    C.decision_record(
        actor=p["coordinator"],
        meeting=meeting,
        case=case,
        outcome=DecisionOutcome.CONTINUE,
        other_mechanism="",
        rationale="Keep under review",
    )
    C.action_add(
        actor=p["coordinator"],
        meeting=meeting,
        case=case,
        description="Speak to the school",
        owner=p["member"],
        due_on=today,
    )
    dims = list(framework.dimensions.prefetch_related("factors"))
    C.vaf_record_assessment(
        actor=p["coordinator"],
        case=case,
        framework=framework,
        ratings={f.pk: ("present", "e") for d in dims for f in d.factors.all()},
        summaries={d.pk: "s" for d in dims},
        overall_judgement="j",
    )
    consent_given(p, case)
    case.refresh_from_db()
    C.intervention_add(
        actor=p["coordinator"],
        case=case,
        type="diversionary",
        provider=provider,
        description="Boxing club",
        start_on=today,
        review_on=None,
        end_on=None,
    )
    C.information_request_send(
        actor=p["coordinator"],
        case=case,
        agency=health,
        question="Known to you?",
        due_on=today,
    )
    answered = C.information_request_send(
        actor=p["coordinator"],
        case=case,
        agency=health,
        question="Seen at the clinic?",
        due_on=today,
    )
    C.information_request_answer(
        actor=p["member"],
        request=answered,
        response="information_provided",
        text="Seen twice",
        uploads=[SimpleUploadedFile("notes.txt", b"Seen twice at the clinic.\n")],
    )
    # Two outside referrals taken to Channel and decided exit: one waiting
    # for the closing report, one exited with its reviews.
    for exits in (False, True):
        gateway = C.gateway_log_external_referral(
            actor=p["police"],
            person=C.ExternalPerson(f"Sam Exit {int(exits)}", today.replace(year=today.year - 16)),
            external_source="public",
            external_detail="",
            summary="Posts",
            received_on=today,
        )
        _assess(p, gateway)
        leaving = decide(p, meeting, ChannelCase.objects.get(gateway_referral=gateway), DecisionOutcome.EXIT)
        if exits:
            C.closing_report_complete(actor=p["chair"], case=leaving, evidence="Risk managed")
            C.case_exit(actor=p["coordinator"], case=leaving)
    # A case on the next meeting's agenda, not decided yet.
    C.agenda_add_case(
        actor=p["coordinator"],
        meeting=meeting_today(p, on=today + dt.timedelta(days=7)),
        case=case,
        kind="review",
    )
    # Self-assessments: one submitted, one in progress with an action.
    first = _assessment(p, today.replace(year=today.year - 1))
    answer_all(p["spoc"], first)
    sa_services.assessment_submit(actor=p["spoc"], assessment=first)
    current = _assessment(p, today)
    objective = assessment_sections(current)[0].objective
    sa_services.action_save(
        actor=p["spoc"],
        assessment=current,
        objective=objective,
        description="Train the new staff",
        owner="Sam Spoc",
        due_on=today + dt.timedelta(days=30),
        status="not_started",
    )
    # Administration: an archived organisation, a deactivated user, a user
    # whose case role waits for approval, a retired guidance entry.
    closed = core_services.organisation_archive(
        actor=p["admin"], organisation=_organisation("Closed School"), reason="Closed"
    )
    gone = user_services.user_deactivate(
        actor=p["admin"], user=make_user(Role.PRACTITIONER, organisation=school)
    )
    invited = user_services.user_create(
        actor=p["admin"],
        email="new.spoc@test.example",
        full_name="New Spoc",
        organisation=school,
        roles=[Role.SPOC],
        base_url="http://testserver/",
    )
    # ...locked after five failed sign-ins (the administrator's Unlock page).
    AccessAttempt.objects.create(
        username=invited.email,
        ip_address="192.0.2.9",
        user_agent="test",
        get_data="",
        post_data="",
        http_accept="*/*",
        path_info="/sign-in/",
        failures_since_start=5,
    )
    guidance_services.guidance_entry_retire(
        actor=p["coordinator"], entry=VulnerabilityFactor.objects.order_by("pk")[0]
    )
    _training(p, today)
    # Pages that only a redirect or a list filter leads to.
    p["seeds"] = {
        "practitioner": [reverse("concerns:submitted", args=[asked.pk])],
        "admin": [reverse("organisations:detail", args=[closed.pk])]
        + [reverse("users:detail", args=[u.pk]) for u in (gone, invited)],
        "spoc": [
            reverse("self_assessment:action-add", args=[current.pk, objective.number]),
            reverse("self_assessment:submit", args=[current.pk]),
        ],
    }
    return p


def _training(p: dict[str, Any], today: Any) -> None:
    """A WRAP session (the police officer trains, the practitioner booked), a
    declared completion and a retired course (prevent/training)."""
    from prevent.training import services as T
    from prevent.training.models import AccreditedTrainer, Course, CourseKind

    AccreditedTrainer.objects.create(user=p["police"], accredited_by=p["coordinator"])
    wrap = Course.objects.get(kind=CourseKind.WRAP)
    session = T.session_schedule(
        actor=p["coordinator"],
        course=wrap,
        date=today,
        start_time=dt.time(9, 30),
        end_time=dt.time(12),
        trainer=p["police"],
        capacity=2,
        venue="County Hall",
    )
    T.session_book(actor=p["practitioner"], session=session)
    T.completion_declare(
        actor=p["practitioner"],
        course=wrap,
        completed_on=today,
        certificate=SimpleUploadedFile("certificate.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    T.course_retire(actor=p["coordinator"], course=Course.objects.get(title="Prevent referrals refresher"))


def _organisation(name: str) -> Organisation:
    organisation: Organisation = OrganisationFactory(name=name)  # type: ignore[assignment]
    return organisation


def _assess(p: dict[str, Any], gateway: Any) -> None:
    C.gateway_record_assessment(
        actor=p["police"],
        gateway_referral=gateway,
        checks=["police_systems"],
        checks_notes="",
        outcome="channel",
        signposted_to="",
        rationale="Vulnerable",
        case_officer=p["coordinator"],
    )


def _assessment(p: dict[str, Any], on: Any) -> Any:
    return sa_services.assessment_start(
        actor=p["spoc"],
        organisation=p["school"],
        assessor_names="Sam Spoc",
        assessed_on=on,
        review_due_on=on.replace(year=on.year + 1),
    )


def _triaged(p: dict[str, Any], concern: Any) -> Referral:
    concern_services.triage_record_decision(
        actor=p["spoc"],
        concern=concern,
        pyramid_level=3,
        rationale="Clear concern",
        referrals=[
            concern_services.ReferralInput(
                destination=ReferralDestination.POLICE_PREVENT, sent_on=timezone.localdate(), method="email"
            )
        ],
    )
    return Referral.objects.get(concern=concern, destination=ReferralDestination.POLICE_PREVENT)


# Reading pages.


@dataclass
class Form:
    method: str
    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # fixed (hidden, choices, button)
    text: list[str] = field(default_factory=list)  # the text inputs


TEXT_TYPES = {"text", "email", "search", "tel", "url", "password", "number", ""}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._picked: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(a.get("method", "get").lower(), a.get("action", ""))
            self._picked = set()
            self.forms.append(self._form)
        elif tag == "option":
            selecting = self._form is not None and self._select and self._select not in self._picked
            if selecting and a.get("value"):
                assert self._form is not None and self._select
                self._picked.add(self._select)
                self._form.fields.append((self._select, a["value"]))
        elif self._form is None or not a.get("name"):
            return
        elif tag == "textarea":
            self._form.text.append(a["name"])
        elif tag == "select":
            self._select = a["name"]
        elif tag == "input":
            kind = a.get("type", "").lower()
            if kind in TEXT_TYPES:
                self._form.text.append(a["name"])
            elif kind == "hidden":
                self._form.fields.append((a["name"], a.get("value", "")))
            elif kind in {"radio", "checkbox"} and a["name"] not in self._picked:
                self._picked.add(a["name"])
                self._form.fields.append((a["name"], a.get("value", "on")))
            elif kind == "submit" and "button" not in self._picked:
                self._picked.add("button")
                self._form.fields.append((a["name"], a.get("value", "")))
        elif tag == "button" and a.get("type", "submit") == "submit" and "button" not in self._picked:
            self._picked.add("button")
            self._form.fields.append((a["name"], a.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def _route(path: str) -> tuple[str, dict[str, Any]] | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name, match.kwargs


def _route_key(name: str, kwargs: dict[str, Any]) -> tuple[str, ...]:
    """One page per route and per text argument (a step, a guidance kind);
    the first set of ids seen stands for the others."""
    return (name, *sorted(f"{k}={v}" for k, v in kwargs.items() if isinstance(v, str)))


# The database.


def _tables() -> list[tuple[str, str, list[str]]]:
    """(label, table, text and JSON columns) of every concrete model."""
    out = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy:
            continue
        columns = [
            str(f.column)
            for f in meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField | models.FileField)
        ]
        out.append((meta.label_lower, meta.db_table, columns))
    return out


class Database:
    def __init__(self) -> None:
        qn = connection.ops.quote_name
        tables = _tables()
        counted = [(label, table) for label, table, _ in tables if label not in UNCOUNTED]
        self.labels = [label for label, _ in counted]
        self.count_sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {qn(t)})" for _, t in counted)
        self.search_parts = [
            (
                label,
                f"SELECT '{label}' FROM {qn(table)} WHERE "
                + " OR ".join(f"CAST({qn(c)} AS TEXT) LIKE '%%{{marker}}%%'" for c in columns),
            )
            for label, table, columns in tables
            if columns
        ]

    def counts(self) -> dict[str, int]:
        with connection.cursor() as cursor:
            cursor.execute(self.count_sql)
            return dict(zip(self.labels, cursor.fetchone(), strict=True))

    def holding(self, marker: str) -> list[str]:
        """The tables that hold the marker anywhere in a text or JSON column."""
        assert marker.isalnum()
        sql = " UNION ALL ".join(part.replace("{marker}", marker) for _, part in self.search_parts)
        with connection.cursor() as cursor:
            cursor.execute(sql.replace("%%", "%"))
            return sorted({row[0] for row in cursor.fetchall()})


# The walk.


def _clients(make_user: Callable[..., Any], client_for: Callable[[Any], Client], people: dict[str, Any]):
    clients = {key: client_for(user) for key, user in people.items() if hasattr(user, "password")}
    clients["anonymous"] = Client()
    # Signed in with a password, no second factor yet: sees the setup page.
    half = make_user(Role.PRACTITIONER, organisation=people["school"])
    clients["half-signed-in"] = Client()
    clients["half-signed-in"].force_login(half)
    # ... and one with a second factor to give.
    verifying = make_user(Role.PRACTITIONER, organisation=people["school"])
    confirmed_totp_device(verifying)
    clients["half-verifying"] = Client()
    clients["half-verifying"].force_login(verifying)
    return clients


def _start_pages(people: dict[str, Any]) -> dict[str, list[str]]:
    admin = people["admin"]
    reset = reverse(
        "accounts:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(admin.pk)),
            "token": default_token_generator.make_token(admin),
        },
    )
    fixed = [
        reverse(name)
        for name, pattern in _names(get_resolver().url_patterns)
        if not pattern.pattern.converters and name not in NOT_FOLLOWED  # type: ignore[attr-defined]
    ]
    starts = {key: ["/", *fixed, *people["seeds"].get(key, [])] for key in people}
    starts["anonymous"] = [*fixed, reset]
    starts["half-signed-in"] = [reverse("accounts:two-factor-setup")]
    starts["half-verifying"] = [reverse("accounts:two-factor-verify")]
    return starts


def _walk(clients: dict[str, Client], starts: dict[str, list[str]]) -> tuple[set[str], dict[Any, Any]]:
    """Open every page each client can reach; the forms found, each with the
    first client that saw it."""
    reached: set[str] = set()
    forms: dict[Any, tuple[str, Form, str]] = {}
    for key, client in clients.items():
        queue = list(starts.get(key, ["/"]))
        opened: set[str] = set()
        seen: dict[tuple[str, ...], int] = {}
        while queue:
            path = queue.pop(0)
            route = _route(path)
            if route is None or route[0] in NOT_FOLLOWED or path.endswith(NOT_FOLLOWED_SUFFIXES):
                continue
            route_key = _route_key(*route)
            if path in opened or seen.get(route_key, 0) >= PAGES_PER_ROUTE:
                continue
            opened.add(path)
            seen[route_key] = seen.get(route_key, 0) + 1
            response = client.get(path)
            assert response.status_code < 500, f"GET {path} as {key}: {response.status_code}"
            if response.status_code == 302 and response["Location"].startswith("/"):
                queue.append(urlsplit(response["Location"]).path)
            if response.status_code != 200:
                continue
            reached.add(route[0])
            if "html" not in response.get("Content-Type", ""):
                continue
            page = _parse(response.content.decode())
            for href in page.links:
                parts = urlsplit(href)
                if not parts.scheme and parts.path.startswith("/") and not parts.path.startswith("/static/"):
                    queue.append(parts.path)
            for form in page.forms:
                action = urlsplit(form.action).path or path
                target = _route(action)
                if target is None:
                    continue
                reached.add(target[0])
                if not form.text:
                    continue
                form_key = (form.method, _route_key(*target), tuple(sorted(form.text)))
                forms.setdefault(form_key, (key, Form(form.method, action, form.fields, form.text), path))
    return reached, forms


def _bodies(form: Form, marker: str, value: str | bytes) -> Iterator[bytes]:
    """urlencoded bodies with `value` in every text input; the 100,000
    characters go into a few inputs at a time, under the upload size limit."""
    raw = value if isinstance(value, bytes) else value.encode()
    hostile = quote_plus(marker.encode() + raw)
    fixed = [f"{quote_plus(n)}={quote_plus(v)}" for n, v in form.fields if n]
    per_body = 10 if len(raw) > 1000 else len(form.text)
    for i in range(0, len(form.text), per_body):
        chunk = form.text[i : i + per_body]
        parts = [f"{quote_plus(n)}={hostile if n in chunk else 'ok'}" for n in form.text]
        parts.append(f"x_{marker}={hostile}")  # a field the form does not have
        yield "&".join(fixed + parts).encode()


def _has_error(html: str) -> bool:
    return "govuk-error-summary" in html or "govuk-error-message" in html


def test_hostile_values_in_every_form_give_no_server_error_and_are_not_stored(
    make_user: Callable[..., Any], client_for: Callable[[Any], Client]
) -> None:
    people = _world(make_user)
    clients = _clients(make_user, client_for, people)
    reached, forms = _walk(clients, _start_pages(people))

    all_routes = {name for name, _ in _names(get_resolver().url_patterns)}
    missing = sorted(all_routes - reached - set(NOT_REACHED))
    assert not missing, "Routes the walk did not reach (walk them or say why in NOT_REACHED):\n" + "\n".join(
        missing
    )

    db = Database()
    markers = (f"hz{n:05d}q" for n in itertools.count())
    failures: list[str] = []
    sent: set[str] = set()
    order = [*sorted(MUST_REFUSE), "lone-surrogate"]  # the surrogate last: a form may accept it
    for value_name in order:
        for (method, route_key, _), (key, form, page) in forms.items():
            client = clients[key]
            for body in _bodies(form, marker := next(markers), HOSTILE[value_name]):
                before = db.counts()
                if method == "get":
                    response = client.get(f"{form.action}?{body.decode()}")
                else:
                    response = client.post(
                        form.action, body, content_type="application/x-www-form-urlencoded"
                    )
                where = f"{method.upper()} {form.action} ({route_key[0]}, from {page}) as {key}, {value_name}"
                sent.add(route_key[0])
                if response.status_code >= 500:
                    failures.append(f"{where}: {response.status_code}")
                    continue
                html = response.content.decode(errors="replace") if not response.streaming else ""
                refused = response.status_code != 302 and _has_error(html)
                if refused and method == "post":
                    after = db.counts()
                    changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
                    if changed:
                        failures.append(f"{where}: refused but stored rows {changed}")
                if value_name in MUST_REFUSE:
                    holding = db.holding(marker)
                    if holding:
                        failures.append(f"{where}: the value was stored in {holding}")
                if value_name in MUST_REFUSE and method == "post" and response.status_code == 302:
                    failures.append(f"{where}: accepted")
    assert not failures, "\n".join(failures)
    assert sent >= MUST_SEND, f"Forms not found by the walk: {sorted(MUST_SEND - sent)}"


def _names(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _names(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry
