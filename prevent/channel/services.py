"""Writes for the police gateway and Channel Panel case management.

Each service checks the policy first, validates the move against the tables
of allowed transitions, writes and records its audit event in one
transaction. Emails go after the commit and hold links and references only,
never a person's details."""

from __future__ import annotations

import calendar
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from prevent.accounts.models import User
from prevent.accounts.roles import Role
from prevent.audit.services import changes_between, record_event
from prevent.concerns.files import AttachmentRejected, check_attachment
from prevent.concerns.models import (
    Person,
    Referral,
    ReferralDestination,
    ReferralStatus,
    ReferralUpdate,
    normalise_address,
    normalise_name,
    normalise_postcode,
)
from prevent.core.models import Organisation
from prevent.policy import Action, require

from .models import (
    AgendaItem,
    AgendaKind,
    ApprovedProvider,
    AssessmentFramework,
    Attendance,
    AttendanceStatus,
    CaseCounter,
    CaseStatus,
    ChannelCase,
    ClosingReport,
    ConsentGiver,
    ConsentOutcome,
    ConsentRecord,
    DecisionOutcome,
    DimensionSummary,
    FactorAnswer,
    FactorRating,
    GatewayAssessment,
    GatewayCheck,
    GatewayOutcome,
    GatewayReferral,
    GatewaySource,
    GatewayStatus,
    InformationRequest,
    Intervention,
    InterventionType,
    PanelAction,
    PanelDecision,
    PanelMeeting,
    PostExitReview,
    ProgressNote,
    RequestResponse,
    RequestStatus,
    ResponseFile,
    ReviewOutcome,
    SafeguardingLink,
    SafeguardingProcess,
    VulnerabilityAssessment,
)

# Allowed moves of a Channel case's status.
CASE_TRANSITIONS: dict[str, set[str]] = {
    CaseStatus.PRELIMINARY: {
        CaseStatus.AWAITING_CONSENT,
        CaseStatus.NOT_ADOPTED,
        CaseStatus.EXIT_RECOMMENDED,
    },
    CaseStatus.AWAITING_CONSENT: {
        CaseStatus.SUPPORT,
        CaseStatus.CONSENT_REFUSED,
        CaseStatus.EXIT_RECOMMENDED,
    },
    CaseStatus.CONSENT_REFUSED: {CaseStatus.SUPPORT, CaseStatus.EXIT_RECOMMENDED},
    CaseStatus.SUPPORT: {CaseStatus.CONSENT_REFUSED, CaseStatus.EXIT_RECOMMENDED},
    CaseStatus.EXIT_RECOMMENDED: {CaseStatus.EXITED},
    CaseStatus.NOT_ADOPTED: set(),
    CaseStatus.EXITED: set(),
}

# The status a confirmed decision moves the case to (None: it stays).
DECISION_TARGET: dict[str, str | None] = {
    DecisionOutcome.ADOPT: CaseStatus.AWAITING_CONSENT,
    DecisionOutcome.NOT_ADOPT: CaseStatus.NOT_ADOPTED,
    DecisionOutcome.EXIT: CaseStatus.EXIT_RECOMMENDED,
    DecisionOutcome.CONTINUE: None,
}

GATEWAY_TRANSITIONS: dict[str, set[str]] = {
    GatewayStatus.AWAITING: {GatewayStatus.ASSESSED},
    GatewayStatus.ASSESSED: set(),
}

REVIEW_MONTHS = (6, 12)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _check_move(case: ChannelCase, to: str) -> None:
    if to not in CASE_TRANSITIONS.get(case.status, set()):
        raise ValidationError(
            f"A case that is {case.get_status_display().lower()} cannot become {CaseStatus(to).label.lower()}"
        )


def _move(case: ChannelCase, to: str) -> None:
    _check_move(case, to)
    case.status = to
    case.updated_at = timezone.now()


def _link(base_url: str, name: str, *args: Any) -> str:
    return base_url.rstrip("/") + reverse(name, args=args)


def _send(template: str, context: dict[str, Any], recipients: list[str]) -> None:
    if not recipients:
        return
    subject = render_to_string(f"channel/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"channel/email/{template}.txt", context)
    send_mail(subject, body, None, recipients)


def _emails(users: Iterable[User]) -> list[str]:
    return sorted({u.email for u in users if u.is_active})


def _next_reference(kind: str) -> str:
    year = timezone.localdate().year
    counter, _ = CaseCounter.objects.select_for_update().get_or_create(kind=kind, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{kind}-{year}-{counter.last_number:05d}"


def _required(errors: dict[str, str], value: str, field: str, message: str) -> None:
    if not (value or "").strip():
        errors[field] = message


def agency_recipients(agency_id: int) -> list[str]:
    """The agency's active Channel Panel Members (else its SPOCs)."""
    for role in (Role.CHANNEL_MEMBER, Role.SPOC):
        users = User.objects.filter(is_active=True, organisation_id=agency_id, role_assignments__role=role)
        emails = sorted(set(users.values_list("email", flat=True)))
        if emails:
            return emails
    return []


# ---- Police gateway ---------------------------------------------------------


def gateway_referral_from_concern(*, actor: User, referral: Referral) -> GatewayReferral:
    """The gateway referral of a SPOC's police Prevent referral (made once)."""
    require(actor, Action.RECORD_GATEWAY_ASSESSMENT)
    if referral.destination != ReferralDestination.POLICE_PREVENT or referral.concern.person_id is None:
        raise ValidationError("Only a referral to police Prevent reaches the gateway")
    with transaction.atomic():
        existing = GatewayReferral.objects.filter(referral=referral).first()
        if existing is not None:
            return existing
        gateway = GatewayReferral.objects.create(
            reference=_next_reference("GW"),
            source=GatewaySource.SPOC_REFERRAL,
            referral=referral,
            person_id=referral.concern.person_id,
            received_on=referral.sent_on,
            created_by=actor,
        )
        record_event(
            actor=actor,
            action="gateway_referral_received",
            summary=f"Received police Prevent referral {gateway.reference} from concern {referral.concern}",
            obj=gateway,
        )
    return gateway


@dataclass(frozen=True)
class ExternalPerson:
    full_name: str
    date_of_birth: date | None = None
    address: str = ""
    postcode: str = ""


def gateway_log_external_referral(
    *,
    actor: User,
    person: ExternalPerson,
    external_source: str,
    external_detail: str,
    summary: str,
    received_on: date,
) -> GatewayReferral:
    """A referral that reached police Prevent from outside the system."""
    require(actor, Action.LOG_EXTERNAL_REFERRAL)
    errors: dict[str, str] = {}
    _required(errors, person.full_name, "full_name", "Enter the person's full name")
    _required(errors, summary, "summary", "Enter a summary of the referral")
    if received_on > timezone.localdate():
        errors["received_on"] = "The date the referral was received must be today or in the past"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        subject = Person.objects.create(
            full_name=person.full_name,
            date_of_birth=person.date_of_birth,
            address=person.address,
            postcode=person.postcode,
            name_key=normalise_name(person.full_name),
            postcode_key=normalise_postcode(person.postcode),
            address_key=normalise_address(person.address)[:300],
            created_by=actor,
        )
        gateway = GatewayReferral.objects.create(
            reference=_next_reference("GW"),
            source=GatewaySource.EXTERNAL,
            person=subject,
            external_source=external_source,
            external_detail=external_detail,
            summary=summary,
            received_on=received_on,
            created_by=actor,
        )
        record_event(
            actor=actor,
            action="gateway_external_referral_logged",
            summary=f"Logged external referral {gateway.reference}",
            obj=gateway,
        )
    return gateway


def gateway_record_assessment(
    *,
    actor: User,
    gateway_referral: GatewayReferral,
    checks: list[str],
    checks_notes: str,
    outcome: str,
    signposted_to: str,
    rationale: str,
    case_officer: User | None,
    base_url: str,
) -> GatewayAssessment:
    """The gateway assessment; "referred to Channel" opens a Channel case.
    Whoever referred is told the outcome (its name only) by email."""
    require(actor, Action.RECORD_GATEWAY_ASSESSMENT, gateway_referral)
    errors: dict[str, str] = {}
    if not checks or any(c not in GatewayCheck.values for c in checks):
        errors["checks"] = "Select the checks you made"
    if outcome not in GatewayOutcome.values:
        errors["outcome"] = "Select the outcome of the gateway assessment"
    if outcome == GatewayOutcome.SIGNPOSTED:
        _required(errors, signposted_to, "signposted_to", "Enter the services the person was signposted to")
    if outcome == GatewayOutcome.CHANNEL and (
        case_officer is None or not case_officer.has_role(Role.PREVENT_COORDINATOR)
    ):
        errors["case_officer"] = "Select the case officer (a Prevent Coordinator)"
    _required(errors, rationale, "rationale", "Enter the rationale for the outcome")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        gateway = GatewayReferral.objects.select_for_update().get(pk=gateway_referral.pk)
        if GatewayStatus.ASSESSED not in GATEWAY_TRANSITIONS[gateway.status]:
            raise ValidationError("This referral has already had its gateway assessment")
        gateway.status = GatewayStatus.ASSESSED
        gateway.save(update_fields=["status"])
        assessment = GatewayAssessment.objects.create(
            gateway_referral=gateway,
            checks=checks,
            checks_notes=checks_notes,
            outcome=outcome,
            signposted_to=signposted_to if outcome == GatewayOutcome.SIGNPOSTED else "",
            rationale=rationale,
            assessed_by=actor,
        )
        record_event(
            actor=actor,
            action="gateway_assessed",
            summary=f"Gateway assessment of {gateway.reference}: {GatewayOutcome(outcome).label}",
            obj=assessment,
        )
        if outcome == GatewayOutcome.CHANNEL:
            assert case_officer is not None
            case = ChannelCase.objects.create(
                reference=_next_reference("CH"),
                person_id=gateway.person_id,
                gateway_referral=gateway,
                case_officer=case_officer,
                opened_by=actor,
            )
            record_event(
                actor=actor, action="channel_case_opened", summary=f"Opened Channel case {case}", obj=case
            )
            context = {"reference": case.reference, "link": _link(base_url, "channel:case-detail", case.pk)}
            transaction.on_commit(partial(_send, "case_opened", context, _emails([case_officer])))
        if gateway.referral_id is not None:
            _tell_referrer(actor, gateway, outcome, base_url)
    return assessment


def gateway_referral_viewed(*, actor: User, gateway: GatewayReferral) -> None:
    """The gateway assessment page shows the person's name and date of birth:
    an audited read, once per page view, after access is granted."""
    require(actor, Action.VIEW_GATEWAY_QUEUE, gateway, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="channel_gateway_referral_viewed",
            summary=f"Viewed gateway referral {gateway.reference} (person {gateway.person_id})",
            obj=gateway,
        )


def gateway_concern_referral_viewed(*, actor: User, referral: Referral) -> None:
    """A SPOC's police Prevent referral opened for its gateway assessment
    (the page shows the person's name and date of birth)."""
    require(actor, Action.RECORD_GATEWAY_ASSESSMENT, referral, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="channel_gateway_referral_viewed",
            summary=(
                f"Viewed police Prevent referral {referral.pk} of concern {referral.concern.reference} "
                f"for the gateway (person {referral.concern.person_id})"
            ),
            obj=referral,
        )


def _tell_referrer(actor: User, gateway: GatewayReferral, outcome: str, base_url: str) -> None:
    """The SPOC's referral gets its outcome (the outcome's name only)."""
    referral = (
        Referral.objects.select_for_update()
        .select_related("concern", "created_by")
        .get(pk=int(gateway.referral_id or 0))
    )
    label = GatewayOutcome(outcome).label
    if referral.status != ReferralStatus.OUTCOME_RECEIVED:
        before = referral.status
        referral.status = ReferralStatus.OUTCOME_RECEIVED
        referral.outcome = f"Police Prevent gateway outcome: {label}"
        referral.outcome_received_on = timezone.localdate()
        referral.save(update_fields=["status", "outcome", "outcome_received_on"])
        ReferralUpdate.objects.create(
            referral=referral,
            from_status=before,
            to_status=ReferralStatus.OUTCOME_RECEIVED,
            note=referral.outcome,
            changed_by=actor,
        )
    context = {
        "reference": referral.concern.reference,
        "outcome": label,
        "link": _link(base_url, "concerns:detail", referral.concern_id) + f"#referral-{referral.pk}",
    }
    transaction.on_commit(partial(_send, "gateway_outcome", context, _emails([referral.created_by])))


# ---- Channel case -----------------------------------------------------------


def case_viewed(*, actor: User, case: ChannelCase) -> None:
    require(actor, Action.VIEW_CHANNEL_CASE, case, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor, action="channel_case_viewed", summary=f"Viewed Channel case {case}", obj=case
        )


def case_list_viewed(*, actor: User, cases: list[ChannelCase], status: str = "") -> None:
    """The case list shows each person's name: one audited read per page
    view, naming the cases shown by reference (no personal data)."""
    require(actor, Action.VIEW_CHANNEL_CASES)
    filtered = f", status {status}" if status in CaseStatus.values else ""
    with transaction.atomic():
        record_event(
            actor=actor,
            action="channel_case_list_viewed",
            summary=f"Viewed the Channel case list ({len(cases)} shown{filtered})",
            object_type=ChannelCase._meta.label_lower,
            changes={"cases_shown": {"before": None, "after": [c.reference for c in cases]}},
        )


def case_add_safeguarding_link(
    *, actor: User, case: ChannelCase, process: str, reference: str
) -> SafeguardingLink:
    require(actor, Action.MANAGE_CHANNEL_CASE, case, hide=True)
    errors: dict[str, str] = {}
    if process not in SafeguardingProcess.values:
        errors["process"] = "Select the safeguarding process"
    _required(errors, reference, "reference", "Enter the reference of the process")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        link = SafeguardingLink.objects.create(
            case=case, process=process, reference=reference, added_by=actor
        )
        record_event(
            actor=actor,
            action="channel_safeguarding_link_added",
            summary=f"Linked case {case} to {link.get_process_display()}",
            obj=link,
        )
    return link


# ---- Information requests ---------------------------------------------------


def information_request_send(
    *, actor: User, case: ChannelCase, agency: Organisation, question: str, due_on: date, base_url: str
) -> InformationRequest:
    require(actor, Action.MANAGE_CHANNEL_CASE, case, hide=True)
    errors: dict[str, str] = {}
    _required(errors, question, "question", "Enter the information you need")
    if due_on < timezone.localdate():
        errors["due_on"] = "The date the answer is due must be today or in the future"
    if not case.is_open:
        errors["question"] = "Information can only be requested for an open case"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        request = InformationRequest.objects.create(
            case=case, agency=agency, question=question, due_on=due_on, sent_by=actor
        )
        record_event(
            actor=actor,
            action="channel_information_requested",
            summary=f"Sent an information request on case {case} to {agency.name}",
            obj=request,
        )
        context = {
            "reference": case.reference,
            "due_on": due_on,
            "link": _link(base_url, "channel:information-request", request.pk),
        }
        transaction.on_commit(partial(_send, "information_request", context, agency_recipients(agency.pk)))
    return request


def information_request_viewed(*, actor: User, request: InformationRequest) -> None:
    require(actor, Action.VIEW_INFORMATION_REQUEST, request, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="channel_information_request_viewed",
            summary=f"Viewed information request {request.pk}",
            obj=request,
        )


def information_request_answer(
    *,
    actor: User,
    request: InformationRequest,
    response: str,
    text: str,
    uploads: list[UploadedFile],
    base_url: str,
) -> InformationRequest:
    require(actor, Action.ANSWER_INFORMATION_REQUEST, request, hide=True)
    errors: dict[str, str] = {}
    if response not in RequestResponse.values:
        errors["response"] = "Select whether you are providing information or nothing is known"
    if response == RequestResponse.INFORMATION_PROVIDED:
        _required(errors, text, "text", "Enter the information you are providing")
    checked: list[tuple[UploadedFile, str, str]] = []
    for upload in uploads:
        name = (upload.name or "file").replace("\x00", "")[-200:]
        try:
            content_type = check_attachment(name, upload.size or 0, upload.file)  # type: ignore[arg-type]
        except AttachmentRejected as error:
            errors["files"] = str(error)
            break
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        checked.append((upload, content_type, digest.hexdigest()))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        request = InformationRequest.objects.select_for_update().select_related("case").get(pk=request.pk)
        if request.status != RequestStatus.SENT:
            raise ValidationError("This request has already been answered")
        request.status = RequestStatus.ANSWERED
        request.response = response
        request.response_text = text
        request.answered_by = actor
        request.answered_at = timezone.now()
        request.save()
        for upload, content_type, sha in checked:
            stored = ResponseFile(
                request=request,
                original_name=(upload.name or "file")[-200:],
                content_type=content_type,
                size=upload.size or 0,
                sha256=sha,
                uploaded_by=actor,
            )
            stored.file.save(stored.original_name, upload, save=False)
            stored.save()
        record_event(
            actor=actor,
            action="channel_information_request_answered",
            summary=f"Answered information request {request.pk} ({RequestResponse(response).label})",
            obj=request,
        )
        context = {
            "reference": request.case.reference,
            "link": _link(base_url, "channel:case-detail", request.case_id) + f"#request-{request.pk}",
        }
        officer = User.objects.filter(pk=request.case.case_officer_id)
        transaction.on_commit(partial(_send, "information_answered", context, _emails(officer)))
    return request


def response_file_downloaded(*, actor: User, file: ResponseFile) -> None:
    require(actor, Action.VIEW_INFORMATION_REQUEST, file.request, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="channel_response_file_downloaded",
            summary=f"Downloaded file {file.pk} of information request {file.request_id}",
            obj=file,
        )


# ---- Vulnerability Assessment Framework -------------------------------------


def current_framework() -> AssessmentFramework | None:
    return AssessmentFramework.objects.filter(is_current=True).order_by("-published_on", "-pk").first()


def vaf_record_assessment(
    *,
    actor: User,
    case: ChannelCase,
    framework: AssessmentFramework,
    ratings: dict[int, tuple[str, str]],
    summaries: dict[int, str],
    overall_judgement: str,
) -> VulnerabilityAssessment:
    """Each factor present / not present / not known with evidence, a summary
    per dimension and an overall judgement. No score is computed."""
    require(actor, Action.MANAGE_CHANNEL_CASE, case, hide=True)
    dimensions = list(framework.dimensions.prefetch_related("factors"))
    errors: dict[str, str] = {}
    for dimension in dimensions:
        for factor in dimension.factors.all():
            rating = ratings.get(factor.pk, ("", ""))[0]
            if rating not in FactorRating.values:
                errors[f"factor_{factor.pk}"] = f"Select whether '{factor.text}' is present"
        if not summaries.get(dimension.pk, "").strip():
            errors[f"summary_{dimension.pk}"] = f"Enter a summary for {dimension.name.lower()}"
    _required(errors, overall_judgement, "overall_judgement", "Enter the overall professional judgement")
    if not case.is_open:
        errors["overall_judgement"] = "Only an open case can be assessed"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        assessment = VulnerabilityAssessment.objects.create(
            case=case, framework=framework, overall_judgement=overall_judgement, assessed_by=actor
        )
        DimensionSummary.objects.bulk_create(
            DimensionSummary(assessment=assessment, dimension=d, summary=summaries[d.pk]) for d in dimensions
        )
        FactorAnswer.objects.bulk_create(
            FactorAnswer(assessment=assessment, factor=f, rating=ratings[f.pk][0], evidence=ratings[f.pk][1])
            for d in dimensions
            for f in d.factors.all()
        )
        record_event(
            actor=actor,
            action="channel_vaf_recorded",
            summary=f"Recorded a vulnerability assessment ({framework}) on case {case}",
            obj=assessment,
        )
    return assessment


# ---- Panel meetings ---------------------------------------------------------


def panel_generate_schedule(*, actor: User, first_on: date, months: int, location: str) -> list[PanelMeeting]:
    """Monthly meetings on the same day of the month, skipping existing dates.
    Members are copied from the latest earlier meeting."""
    require(actor, Action.MANAGE_PANEL_MEETING)
    errors: dict[str, str] = {}
    if not 1 <= months <= 24:
        errors["months"] = "The number of meetings must be between 1 and 24"
    if first_on < timezone.localdate():
        errors["first_on"] = "The date of the first meeting must be today or in the future"
    if errors:
        raise ValidationError(errors)
    made: list[PanelMeeting] = []
    with transaction.atomic():
        previous = PanelMeeting.objects.filter(meeting_on__lt=first_on).order_by("-meeting_on").first()
        members = list(previous.members.all()) if previous else []
        for n in range(months):
            day = add_months(first_on, n)
            if PanelMeeting.objects.filter(meeting_on=day).exists():
                continue
            meeting = PanelMeeting.objects.create(meeting_on=day, location=location, created_by=actor)
            meeting.members.set(members)
            made.append(meeting)
        record_event(
            actor=actor,
            action="channel_panel_schedule_generated",
            summary=f"Scheduled {len(made)} Channel Panel meeting(s) from {first_on:%-d %B %Y}",
            object_type="channel.panelmeeting",
            object_id=",".join(str(m.pk) for m in made)[:60],
        )
    return made


def panel_set_members(*, actor: User, meeting: PanelMeeting, members: list[User]) -> PanelMeeting:
    require(actor, Action.MANAGE_PANEL_MEETING, meeting)
    if any(not m.has_role(Role.CHANNEL_MEMBER, Role.CHANNEL_CHAIR) for m in members):
        raise ValidationError({"members": "Select panel members only"})
    with transaction.atomic():
        before = sorted(meeting.members.values_list("pk", flat=True))
        meeting.members.set(members)
        record_event(
            actor=actor,
            action="channel_panel_members_set",
            summary=f"Set the members of {meeting}",
            obj=meeting,
            changes=changes_between({"members": before}, {"members": sorted(m.pk for m in members)}),
        )
    return meeting


def _agenda_add(actor: User, meeting: PanelMeeting, case: ChannelCase, kind: str) -> AgendaItem | None:
    if AgendaItem.objects.filter(meeting=meeting, case=case).exists():
        return None
    item = AgendaItem.objects.create(meeting=meeting, case=case, kind=kind, added_by=actor)
    record_event(
        actor=actor,
        action="channel_agenda_item_added",
        summary=f"Put case {case} on the agenda of {meeting} ({item.get_kind_display()})",
        obj=item,
    )
    return item


def panel_build_agenda(*, actor: User, meeting: PanelMeeting) -> list[AgendaItem]:
    """New cases, reviews of every open case, and post-exit reviews due
    before the following meeting. Cases already on the agenda stay as they are."""
    require(actor, Action.MANAGE_PANEL_MEETING, meeting)
    added: list[AgendaItem] = []
    horizon = add_months(meeting.meeting_on, 1)
    with transaction.atomic():
        plan: list[tuple[ChannelCase, str]] = []
        for case in ChannelCase.objects.filter(status=CaseStatus.PRELIMINARY).order_by("opened_at"):
            plan.append((case, AgendaKind.NEW_CASE))
        reviewed = [CaseStatus.AWAITING_CONSENT, CaseStatus.CONSENT_REFUSED, CaseStatus.SUPPORT]
        for case in ChannelCase.objects.filter(status__in=reviewed).order_by("opened_at"):
            plan.append((case, AgendaKind.REVIEW))
        due = PostExitReview.objects.filter(completed_at__isnull=True, due_on__lt=horizon).select_related(
            "case"
        )
        for review in due.order_by("due_on"):
            plan.append((review.case, AgendaKind.POST_EXIT_REVIEW))
        for case, kind in plan:
            item = _agenda_add(actor, meeting, case, kind)
            if item is not None:
                added.append(item)
    return added


def agenda_add_case(*, actor: User, meeting: PanelMeeting, case: ChannelCase, kind: str) -> AgendaItem:
    require(actor, Action.MANAGE_PANEL_MEETING, meeting)
    if kind not in AgendaKind.values:
        raise ValidationError({"kind": "Select why the case is on the agenda"})
    with transaction.atomic():
        item = _agenda_add(actor, meeting, case, kind)
    if item is None:
        raise ValidationError({"case": "That case is already on this meeting's agenda"})
    return item


def agenda_remove_case(*, actor: User, item: AgendaItem) -> None:
    require(actor, Action.MANAGE_PANEL_MEETING, item.meeting)
    with transaction.atomic():
        if item.decisions.exists():
            raise ValidationError("A case with a decision recorded at this meeting cannot be removed")
        record_event(
            actor=actor,
            action="channel_agenda_item_removed",
            summary=f"Removed case {item.case_id} from the agenda of {item.meeting}",
            obj=item,
        )
        item.delete()


def _taken_place(meeting: PanelMeeting, field: str, what: str) -> None:
    if not meeting.has_taken_place():
        raise ValidationError(
            {
                field: f"You cannot record {what} for a meeting that has not yet taken place "
                f"({meeting.meeting_on:%-d %B %Y})"
            }
        )


def attendance_record(
    *, actor: User, meeting: PanelMeeting, agency: Organisation, representative: str, status: str
) -> Attendance:
    require(actor, Action.MANAGE_PANEL_MEETING, meeting)
    errors: dict[str, str] = {}
    _required(errors, representative, "representative", "Enter the name of the agency's representative")
    if status not in AttendanceStatus.values:
        errors["status"] = "Select whether they attended or sent apologies"
    if errors:
        raise ValidationError(errors)
    if status == AttendanceStatus.PRESENT:
        _taken_place(meeting, "status", "attendance")
    with transaction.atomic():
        row = Attendance.objects.create(
            meeting=meeting, agency=agency, representative=representative, status=status, recorded_by=actor
        )
        record_event(
            actor=actor,
            action="channel_attendance_recorded",
            summary=f"Recorded {agency.name} as {row.get_status_display().lower()} at {meeting}",
            obj=row,
        )
    return row


def agenda_record_notes(*, actor: User, item: AgendaItem, notes: str) -> AgendaItem:
    require(actor, Action.MANAGE_PANEL_MEETING, item.meeting)
    if not notes.strip():
        raise ValidationError({"notes": "Enter the notes of the discussion"})
    _taken_place(item.meeting, "notes", "notes")
    with transaction.atomic():
        before = item.notes
        item.notes = notes
        item.notes_recorded_at = timezone.now()
        item.save(update_fields=["notes", "notes_recorded_at"])
        record_event(
            actor=actor,
            action="channel_agenda_notes_recorded",
            summary=f"Recorded notes on case {item.case_id} at {item.meeting}",
            obj=item,
            changes=changes_between({"notes": before}, {"notes": notes}),
        )
    return item


def meeting_record_minutes(*, actor: User, meeting: PanelMeeting, minutes: str) -> PanelMeeting:
    require(actor, Action.MANAGE_PANEL_MEETING, meeting)
    if not minutes.strip():
        raise ValidationError({"minutes": "Enter the minutes of the meeting"})
    _taken_place(meeting, "minutes", "minutes")
    with transaction.atomic():
        before = meeting.minutes
        meeting.minutes = minutes
        meeting.minutes_recorded_at = timezone.now()
        meeting.save(update_fields=["minutes", "minutes_recorded_at"])
        record_event(
            actor=actor,
            action="channel_minutes_recorded",
            summary=f"Recorded the minutes of {meeting}",
            obj=meeting,
            changes=changes_between({"minutes": before}, {"minutes": minutes}),
        )
    return meeting


def _validate_decision(case: ChannelCase, outcome: str, other_mechanism: str, rationale: str) -> None:
    errors: dict[str, str] = {}
    if outcome not in DecisionOutcome.values:
        errors["outcome"] = "Select the panel's decision"
    elif outcome == DecisionOutcome.ADOPT and case.status != CaseStatus.PRELIMINARY:
        errors["outcome"] = "Only a case in information gathering can be adopted"
    else:
        target = DECISION_TARGET[outcome]
        if target is None and not case.is_open:
            errors["outcome"] = "Only an open case can be kept under review"
        elif target is not None and target not in CASE_TRANSITIONS.get(case.status, set()):
            errors["outcome"] = (
                f"A case that is {case.get_status_display().lower()} cannot be given this decision"
            )
    if outcome == DecisionOutcome.NOT_ADOPT:
        _required(
            errors, other_mechanism, "other_mechanism", "Enter the support mechanism the case is referred to"
        )
    _required(errors, rationale, "rationale", "Enter the rationale for the decision")
    if errors:
        raise ValidationError(errors)


def decision_record(
    *,
    actor: User,
    meeting: PanelMeeting,
    case: ChannelCase,
    outcome: str,
    other_mechanism: str,
    rationale: str,
) -> PanelDecision:
    """A panel decision on a case on the meeting's agenda; the chair confirms it."""
    require(actor, Action.MANAGE_PANEL_MEETING, meeting)
    item = AgendaItem.objects.filter(meeting=meeting, case=case).first()
    if item is None:
        raise ValidationError({"outcome": f"Case {case} is not on the agenda of this meeting"})
    _taken_place(meeting, "outcome", "decisions")
    _validate_decision(case, outcome, other_mechanism, rationale)
    with transaction.atomic():
        if case.decisions.filter(confirmed_at__isnull=True, superseded_at__isnull=True).exists():
            raise ValidationError({"outcome": "This case already has a decision waiting for the chair"})
        decision = PanelDecision.objects.create(
            agenda_item=item,
            case=case,
            outcome=outcome,
            other_mechanism=other_mechanism if outcome == DecisionOutcome.NOT_ADOPT else "",
            rationale=rationale,
            recorded_by=actor,
        )
        record_event(
            actor=actor,
            action="channel_decision_recorded",
            summary=f"Recorded the decision '{decision.get_outcome_display()}' on case {case} at {meeting}",
            obj=decision,
        )
    return decision


def decision_confirm(*, actor: User, decision: PanelDecision, base_url: str = "") -> PanelDecision:
    """The chair confirms a decision: only now does the case move."""
    require(actor, Action.CONFIRM_PANEL_DECISION, decision)
    with transaction.atomic():
        decision = PanelDecision.objects.select_for_update().get(pk=decision.pk)
        case = ChannelCase.objects.select_for_update().get(pk=decision.case_id)
        require(actor, Action.CONFIRM_PANEL_DECISION, decision)
        target = DECISION_TARGET[decision.outcome]
        before = case.status
        if target is not None:
            _move(case, target)
            case.save(update_fields=["status", "updated_at"])
        decision.confirmed_by = actor
        decision.confirmed_at = timezone.now()
        decision.status_before = before
        decision.status_after = case.status
        decision.save(update_fields=["confirmed_by", "confirmed_at", "status_before", "status_after"])
        record_event(
            actor=actor,
            action="channel_decision_confirmed",
            summary=f"Confirmed the decision '{decision.get_outcome_display()}' on case {case}",
            obj=decision,
            changes=changes_between({"status": before}, {"status": case.status}),
        )
    return decision


def decision_supersede(
    *,
    actor: User,
    decision: PanelDecision,
    reason: str,
    outcome: str,
    other_mechanism: str,
    rationale: str,
) -> PanelDecision:
    """A new decision replaces an old one (kept, with the reason). A confirmed
    decision's move is undone first, if the case has not moved on since."""
    require(actor, Action.MANAGE_PANEL_MEETING, decision.agenda_item.meeting)
    if not reason.strip():
        raise ValidationError({"reason": "Enter the reason the decision is being replaced"})
    with transaction.atomic():
        old = PanelDecision.objects.select_for_update().get(pk=decision.pk)
        case = ChannelCase.objects.select_for_update().get(pk=old.case_id)
        if old.superseded_at is not None:
            raise ValidationError({"reason": "This decision has already been replaced"})
        before = case.status
        if old.confirmed_at is not None:
            if case.status != old.status_after:
                raise ValidationError(
                    {"reason": "The case has moved on since this decision: record a new decision"}
                )
            case.status = old.status_before
            case.updated_at = timezone.now()
        _validate_decision(case, outcome, other_mechanism, rationale)
        case.save(update_fields=["status", "updated_at"])
        old.superseded_at = timezone.now()
        old.superseded_reason = reason
        old.save(update_fields=["superseded_at", "superseded_reason"])
        new = PanelDecision.objects.create(
            agenda_item=old.agenda_item,
            case=case,
            outcome=outcome,
            other_mechanism=other_mechanism if outcome == DecisionOutcome.NOT_ADOPT else "",
            rationale=rationale,
            recorded_by=actor,
            supersedes=old,
        )
        record_event(
            actor=actor,
            action="channel_decision_superseded",
            summary=f"Replaced decision {old.pk} on case {case} with decision {new.pk}",
            obj=new,
            changes=changes_between({"status": before}, {"status": case.status}),
        )
    return new


def action_add(
    *,
    actor: User,
    meeting: PanelMeeting,
    case: ChannelCase | None,
    description: str,
    owner: User,
    due_on: date,
) -> PanelAction:
    require(actor, Action.MANAGE_PANEL_MEETING, meeting)
    errors: dict[str, str] = {}
    _required(errors, description, "description", "Enter the action")
    if due_on < meeting.meeting_on:
        errors["due_on"] = "The date the action is due must be on or after the meeting"
    if case is not None and not AgendaItem.objects.filter(meeting=meeting, case=case).exists():
        errors["case"] = "Select a case on this meeting's agenda"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        action = PanelAction.objects.create(
            meeting=meeting, case=case, description=description, owner=owner, due_on=due_on, created_by=actor
        )
        record_event(
            actor=actor,
            action="channel_action_added",
            summary=f"Added action {action.pk} at {meeting}",
            obj=action,
        )
    return action


def action_mark_done(*, actor: User, action: PanelAction) -> PanelAction:
    if actor.pk != action.owner_id:
        require(actor, Action.MANAGE_PANEL_MEETING, action.meeting)
    with transaction.atomic():
        action = PanelAction.objects.select_for_update().get(pk=action.pk)
        if action.done_at is not None:
            raise ValidationError("This action is already done")
        action.done_at = timezone.now()
        action.done_by = actor
        action.save(update_fields=["done_at", "done_by"])
        record_event(
            actor=actor, action="channel_action_done", summary=f"Marked action {action.pk} done", obj=action
        )
    return action


def meeting_viewed(*, actor: User, meeting: PanelMeeting) -> None:
    require(actor, Action.VIEW_PANEL_MEETING, meeting, hide=True)
    with transaction.atomic():
        record_event(actor=actor, action="channel_meeting_viewed", summary=f"Viewed {meeting}", obj=meeting)


def minutes_downloaded(*, actor: User, meeting: PanelMeeting) -> None:
    require(actor, Action.VIEW_PANEL_MEETING, meeting, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="channel_minutes_downloaded",
            summary=f"Downloaded the minutes of {meeting} (PDF)",
            obj=meeting,
        )


# ---- Consent ----------------------------------------------------------------


def _age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@dataclass(frozen=True)
class ConsentInput:
    outcome: str
    given_by: str
    giver_name: str
    obtained_on: date
    method: str
    obtained_by: str
    told_support_needs_consent: bool
    child_view: str = ""
    risk_management_plan: str = ""
    child_at_risk_of_significant_harm: bool = False
    childrens_social_care_involved: bool = False
    reassess_on: date | None = None


CONSENT_MOVES: dict[str, str] = {
    ConsentOutcome.GIVEN: CaseStatus.SUPPORT,
    ConsentOutcome.REFUSED: CaseStatus.CONSENT_REFUSED,
    ConsentOutcome.WITHDRAWN: CaseStatus.CONSENT_REFUSED,
}


def consent_record(*, actor: User, case: ChannelCase, data: ConsentInput) -> ConsentRecord:
    """Consent (or its refusal) once adopted, before any support starts."""
    require(actor, Action.MANAGE_CHANNEL_CASE, case, hide=True)
    errors: dict[str, str] = {}
    if data.outcome not in ConsentOutcome.values:
        errors["outcome"] = "Select whether consent was given, refused or withdrawn"
    if data.given_by not in ConsentGiver.values:
        errors["given_by"] = "Select who gave or refused consent"
    _required(
        errors, data.giver_name, "giver_name", "Enter the name of the person who gave or refused consent"
    )
    _required(errors, data.obtained_by, "obtained_by", "Enter who obtained consent")
    if data.obtained_on > timezone.localdate():
        errors["obtained_on"] = "The date of consent must be today or in the past"
    if not data.told_support_needs_consent:
        errors["told_support_needs_consent"] = (
            "Confirm the person was told that support cannot take place without consent"
        )
    born = case.person.date_of_birth
    is_child = born is not None and _age_on(born, data.obtained_on) < 18
    if is_child and data.given_by == ConsentGiver.PARENT and not data.child_view.strip():
        errors["child_view"] = "Enter the child's own view"
    refused = data.outcome in (ConsentOutcome.REFUSED, ConsentOutcome.WITHDRAWN)
    if refused and not data.risk_management_plan.strip():
        errors["risk_management_plan"] = "Enter the risk management plan: consent was not given"
    if refused and data.child_at_risk_of_significant_harm and not data.childrens_social_care_involved:
        errors["childrens_social_care_involved"] = (
            "Confirm children's social care is involved in the decision: "
            "the child is at risk of significant harm"
        )
    if data.reassess_on is not None and data.reassess_on < data.obtained_on:
        errors["reassess_on"] = "The date to reassess must be after the date of consent"
    if data.outcome in CONSENT_MOVES and CONSENT_MOVES[data.outcome] not in CASE_TRANSITIONS[case.status]:
        errors["outcome"] = (
            f"Consent cannot be recorded for a case that is {case.get_status_display().lower()}"
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case = ChannelCase.objects.select_for_update().select_related("person").get(pk=case.pk)
        before = case.status
        _move(case, CONSENT_MOVES[data.outcome])
        case.save(update_fields=["status", "updated_at"])
        record = ConsentRecord.objects.create(
            case=case,
            outcome=data.outcome,
            given_by=data.given_by,
            giver_name=data.giver_name,
            child_view=data.child_view,
            obtained_on=data.obtained_on,
            method=data.method,
            obtained_by=data.obtained_by,
            told_support_needs_consent=True,
            risk_management_plan=data.risk_management_plan if refused else "",
            child_at_risk_of_significant_harm=data.child_at_risk_of_significant_harm,
            childrens_social_care_involved=data.childrens_social_care_involved,
            reassess_on=data.reassess_on,
            recorded_by=actor,
        )
        record_event(
            actor=actor,
            action="channel_consent_recorded",
            summary=f"Recorded {record.get_outcome_display().lower()} on case {case}",
            obj=record,
            changes=changes_between({"status": before}, {"status": case.status}),
        )
    return record


# ---- Support plan -----------------------------------------------------------


def _support_allowed(case: ChannelCase) -> None:
    latest = case.consents.order_by("-recorded_at", "-pk").first()
    if case.status != CaseStatus.SUPPORT or latest is None or latest.outcome != ConsentOutcome.GIVEN:
        raise ValidationError("Support cannot start without recorded consent")


def intervention_add(
    *,
    actor: User,
    case: ChannelCase,
    type: str,
    provider: ApprovedProvider,
    description: str,
    start_on: date,
    review_on: date | None,
    end_on: date | None,
) -> Intervention:
    require(actor, Action.MANAGE_CHANNEL_CASE, case, hide=True)
    _support_allowed(case)
    errors: dict[str, str] = {}
    if type not in InterventionType.values:
        errors["type"] = "Select the type of intervention"
    if provider.archived_at is not None:
        errors["provider"] = "Select an approved provider"
    if type == InterventionType.IDEOLOGICAL_MENTORING and not provider.is_home_office_intervention_provider:
        errors["provider"] = "Ideological or theological mentoring needs a Home Office Intervention Provider"
    if review_on is not None and review_on < start_on:
        errors["review_on"] = "The review date must be the same as or after the start date"
    if end_on is not None and end_on < start_on:
        errors["end_on"] = "The end date must be the same as or after the start date"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        intervention = Intervention.objects.create(
            case=case,
            type=type,
            provider=provider,
            description=description,
            start_on=start_on,
            review_on=review_on,
            end_on=end_on,
            created_by=actor,
        )
        record_event(
            actor=actor,
            action="channel_intervention_added",
            summary=f"Added {intervention.get_type_display()} by {provider.name} to case {case}",
            obj=intervention,
        )
    return intervention


def intervention_add_progress(*, actor: User, intervention: Intervention, note: str) -> ProgressNote:
    require(actor, Action.MANAGE_CHANNEL_CASE, intervention.case, hide=True)
    if not note.strip():
        raise ValidationError({"note": "Enter the progress note"})
    with transaction.atomic():
        row = ProgressNote.objects.create(intervention=intervention, note=note, recorded_by=actor)
        record_event(
            actor=actor,
            action="channel_progress_recorded",
            summary=f"Recorded progress on intervention {intervention.pk} of case {intervention.case}",
            obj=row,
        )
    return row


def intervention_end(*, actor: User, intervention: Intervention, end_on: date, outcome: str) -> Intervention:
    require(actor, Action.MANAGE_CHANNEL_CASE, intervention.case, hide=True)
    errors: dict[str, str] = {}
    if end_on < intervention.start_on:
        errors["end_on"] = "The end date must be the same as or after the start date"
    _required(errors, outcome, "outcome", "Enter the outcome of the intervention")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = {"end_on": intervention.end_on, "outcome": intervention.outcome}
        intervention.end_on = end_on
        intervention.outcome = outcome
        intervention.save(update_fields=["end_on", "outcome"])
        record_event(
            actor=actor,
            action="channel_intervention_ended",
            summary=f"Recorded the end of intervention {intervention.pk} of case {intervention.case}",
            obj=intervention,
            changes=changes_between(before, {"end_on": end_on, "outcome": outcome}),
        )
    return intervention


def provider_add(*, actor: User, name: str, is_home_office_intervention_provider: bool) -> ApprovedProvider:
    require(actor, Action.MANAGE_APPROVED_PROVIDERS)
    if not name.strip():
        raise ValidationError({"name": "Enter the provider's name"})
    if ApprovedProvider.objects.filter(name__iexact=name.strip()).exists():
        raise ValidationError({"name": "A provider with that name is already on the list"})
    with transaction.atomic():
        provider = ApprovedProvider.objects.create(
            name=name.strip(), is_home_office_intervention_provider=is_home_office_intervention_provider
        )
        record_event(
            actor=actor, action="channel_provider_added", summary=f"Added provider {provider}", obj=provider
        )
    return provider


def provider_archive(*, actor: User, provider: ApprovedProvider) -> ApprovedProvider:
    require(actor, Action.MANAGE_APPROVED_PROVIDERS)
    with transaction.atomic():
        provider.archived_at = timezone.now()
        provider.save(update_fields=["archived_at"])
        record_event(
            actor=actor,
            action="channel_provider_archived",
            summary=f"Archived provider {provider}",
            obj=provider,
        )
    return provider


# ---- Exit and post-exit reviews ---------------------------------------------


def closing_report_complete(*, actor: User, case: ChannelCase, evidence: str) -> ClosingReport:
    """The chair's closing report setting out the evidence for exit."""
    require(actor, Action.COMPLETE_CLOSING_REPORT, case, hide=True)
    if not evidence.strip():
        raise ValidationError({"evidence": "Enter the evidence for the panel's recommendation"})
    with transaction.atomic():
        decision = (
            case.decisions.filter(
                outcome=DecisionOutcome.EXIT, confirmed_at__isnull=False, superseded_at__isnull=True
            )
            .order_by("-confirmed_at")
            .first()
        )
        if decision is None:
            raise ValidationError({"evidence": "The panel has not recommended exit"})
        if ClosingReport.objects.filter(case=case).exists():
            raise ValidationError({"evidence": "The closing report has already been completed"})
        report = ClosingReport.objects.create(
            case=case, decision=decision, evidence=evidence, completed_by=actor
        )
        record_event(
            actor=actor,
            action="channel_closing_report_completed",
            summary=f"Completed the closing report of case {case}",
            obj=report,
        )
    return report


def case_exit(*, actor: User, case: ChannelCase, exited_on: date | None = None) -> ChannelCase:
    """The case exits only once the chair's closing report exists; the 6-
    and 12-month reviews are created with their due dates."""
    require(actor, Action.EXIT_CHANNEL_CASE, case, hide=True)
    report = ClosingReport.objects.filter(case=case).select_related("completed_by").first()
    if report is None or not report.completed_by.has_role(Role.CHANNEL_CHAIR):
        raise ValidationError("The case cannot exit until the chair has completed the closing report")
    day = exited_on or timezone.localdate()
    with transaction.atomic():
        case = ChannelCase.objects.select_for_update().get(pk=case.pk)
        before = case.status
        _move(case, CaseStatus.EXITED)
        case.exited_on = day
        case.save(update_fields=["status", "updated_at", "exited_on"])
        PostExitReview.objects.bulk_create(
            PostExitReview(case=case, months=m, due_on=add_months(day, m)) for m in REVIEW_MONTHS
        )
        record_event(
            actor=actor,
            action="channel_case_exited",
            summary=f"Case {case} exited Channel; reviews due {add_months(day, 6)} and {add_months(day, 12)}",
            obj=case,
            changes=changes_between({"status": before}, {"status": case.status}),
        )
    return case


def post_exit_review_record(
    *, actor: User, review: PostExitReview, outcome: str, notes: str
) -> PostExitReview:
    """The outcome of a post-exit review; a re-referral opens a new gateway
    referral linked to the old case."""
    require(actor, Action.RECORD_POST_EXIT_REVIEW, review)
    errors: dict[str, str] = {}
    if outcome not in ReviewOutcome.values:
        errors["outcome"] = "Select the outcome of the review"
    _required(errors, notes, "notes", "Enter the notes of the review")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        review = PostExitReview.objects.select_for_update().select_related("case").get(pk=review.pk)
        if review.completed_at is not None:
            raise ValidationError("This review has already been recorded")
        review.outcome = outcome
        review.notes = notes
        review.completed_by = actor
        review.completed_at = timezone.now()
        if outcome == ReviewOutcome.RE_REFERRAL:
            review.new_referral = GatewayReferral.objects.create(
                reference=_next_reference("GW"),
                source=GatewaySource.RE_REFERRAL,
                previous_case=review.case,
                person_id=review.case.person_id,
                summary=f"Re-referral after the {review.months}-month post-exit review of {review.case}",
                received_on=timezone.localdate(),
                created_by=actor,
            )
        review.save()
        record_event(
            actor=actor,
            action="channel_post_exit_review_recorded",
            summary=(
                f"Recorded the {review.months}-month review of case {review.case}: "
                f"{review.get_outcome_display()}"
            ),
            obj=review,
        )
    return review


# ---- Reminders --------------------------------------------------------------


def send_reminders(*, today: date, base_url: str) -> int:
    """Email about overdue information requests (the receiving agency),
    actions (their owner) and post-exit reviews (the case officer), links
    only, at most once per item per day."""
    sent = 0
    requests = (
        InformationRequest.objects.filter(status=RequestStatus.SENT, due_on__lt=today)
        .exclude(last_reminder_on=today)
        .select_related("case")
    )
    for request in requests[:500]:
        context = {
            "reference": request.case.reference,
            "link": _link(base_url, "channel:information-request", request.pk),
        }
        sent += _remind(
            request, "information_request_overdue", context, agency_recipients(request.agency_id), today
        )
    actions = (
        PanelAction.objects.filter(done_at__isnull=True, due_on__lt=today)
        .exclude(last_reminder_on=today)
        .select_related("owner", "meeting")
    )
    for action in actions[:500]:
        context = {
            "link": _link(base_url, "channel:panel-detail", action.meeting_id) + f"#action-{action.pk}"
        }
        sent += _remind(action, "action_overdue", context, _emails([action.owner]), today)
    reviews = (
        PostExitReview.objects.filter(completed_at__isnull=True, due_on__lt=today)
        .exclude(last_reminder_on=today)
        .select_related("case__case_officer")
    )
    for review in reviews[:500]:
        context = {
            "reference": review.case.reference,
            "months": str(review.months),
            "link": _link(base_url, "channel:case-detail", review.case_id) + f"#review-{review.pk}",
        }
        sent += _remind(review, "review_overdue", context, _emails([review.case.case_officer]), today)
    return sent


def _remind(item: Any, template: str, context: dict[str, Any], recipients: list[str], today: date) -> int:
    with transaction.atomic():
        locked = type(item).objects.select_for_update().get(pk=item.pk)
        if locked.last_reminder_on == today:
            return 0
        locked.last_reminder_on = today
        locked.save(update_fields=["last_reminder_on"])
        record_event(
            actor=None,
            actor_label="send_channel_reminders",
            action="channel_reminder_sent",
            summary=f"Sent a reminder ({template}) to {len(recipients)} recipient(s)",
            obj=locked,
        )
        transaction.on_commit(partial(_send, template, context, recipients))
    return 1 if recipients else 0
