"""Writes for concerns, triage, referrals and people.

Each service checks the policy first, validates the move against the table
of allowed transitions, writes and records its audit event in one
transaction. Emails go after the commit and hold links and references only,
never a person's details."""

from __future__ import annotations

import hashlib
import re
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
from prevent.core.forms import has_hidden_characters
from prevent.policy import Action, require

from . import steps as S
from .files import AttachmentRejected, check_attachment
from .models import (
    Concern,
    ConcernAddendum,
    ConcernAttachment,
    ConcernFactor,
    ConcernInfluence,
    ConcernKeyQuestionAnswer,
    ConcernStatus,
    InformationRequest,
    Person,
    ReferenceCounter,
    Referral,
    ReferralDestination,
    ReferralStatus,
    ReferralUpdate,
    TriageDecision,
    normalise_address,
    normalise_name,
    normalise_postcode,
)

# Allowed moves of a concern's status: (from, to).
TRANSITIONS: dict[str, set[str]] = {
    ConcernStatus.DRAFT: {ConcernStatus.SUBMITTED},
    ConcernStatus.SUBMITTED: {
        ConcernStatus.MORE_INFORMATION_REQUESTED,
        ConcernStatus.REFERRED,
        ConcernStatus.NO_REFERRAL,
        ConcernStatus.CLOSED_NO_FURTHER_ACTION,
    },
    ConcernStatus.MORE_INFORMATION_REQUESTED: {
        ConcernStatus.SUBMITTED,
        ConcernStatus.CLOSED_NO_FURTHER_ACTION,
    },
    ConcernStatus.REFERRED: set(),
    ConcernStatus.NO_REFERRAL: set(),
    ConcernStatus.CLOSED_NO_FURTHER_ACTION: set(),
}

REFERRAL_TRANSITIONS: dict[str, set[str]] = {
    ReferralStatus.SENT: {
        ReferralStatus.ACKNOWLEDGED,
        ReferralStatus.CHASED,
        ReferralStatus.OUTCOME_RECEIVED,
    },
    ReferralStatus.ACKNOWLEDGED: {ReferralStatus.CHASED, ReferralStatus.OUTCOME_RECEIVED},
    ReferralStatus.CHASED: {
        ReferralStatus.ACKNOWLEDGED,
        ReferralStatus.CHASED,
        ReferralStatus.OUTCOME_RECEIVED,
    },
    ReferralStatus.OUTCOME_RECEIVED: set(),
}

PYRAMID_LEVELS = (1, 2, 3, 4)


def _move(concern: Concern, to: str) -> None:
    if to not in TRANSITIONS.get(concern.status, set()):
        raise ValidationError(
            f"A concern that is {concern.get_status_display().lower()} cannot become "
            f"{ConcernStatus(to).label.lower()}"
        )
    concern.status = to
    concern.updated_at = timezone.now()


def _link(base_url: str, name: str, *args: Any) -> str:
    return base_url.rstrip("/") + reverse(name, args=args)


def spoc_recipients(organisation_id: int) -> list[str]:
    """The active SPOCs of the organisation; if none, every active Prevent Coordinator."""
    spocs = User.objects.filter(
        is_active=True, organisation_id=organisation_id, role_assignments__role=Role.SPOC
    ).values_list("email", flat=True)
    emails = sorted(set(spocs))
    if emails:
        return emails
    coordinators = User.objects.filter(
        is_active=True, role_assignments__role=Role.PREVENT_COORDINATOR
    ).values_list("email", flat=True)
    return sorted(set(coordinators))


def _send(template: str, context: dict[str, Any], recipients: list[str]) -> None:
    if not recipients:
        return
    subject = render_to_string(f"concerns/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"concerns/email/{template}.txt", context)
    send_mail(subject, body, None, recipients)


# Drafts.


def concern_create_draft(*, actor: User, emergency: str) -> Concern:
    """Start a concern with the answer to the emergency question."""
    require(actor, Action.RECORD_CONCERN)
    if emergency not in ("yes", "no"):
        raise ValidationError(
            {"emergency": "Select yes if there is information that a violent act is imminent"}
        )
    organisation = actor.organisation
    assert organisation is not None  # RECORD_CONCERN needs one
    with transaction.atomic():
        concern = Concern.objects.create(
            organisation=organisation,
            raised_by=actor,
            emergency=emergency,
            answers={S.EMERGENCY: {"emergency": [emergency]}},
            completed_steps=[S.EMERGENCY],
        )
        record_event(
            actor=actor,
            action="concern_draft_created",
            summary=f"Started draft concern {concern.pk} (emergency: {emergency})",
            obj=concern,
        )
    return concern


_SIMPLE_FIELDS: dict[str, list[str]] = {
    S.EMERGENCY: ["emergency"],
    S.EMERGENCY_CALL: ["emergency_call_made", "emergency_call_time", "emergency_police_reference"],
    S.PERSON: [
        "person_name",
        "person_other_names",
        "person_date_of_birth",
        "person_approximate_age",
        "person_gender",
        "person_address",
        "person_postcode",
        "person_district",
        "person_school_or_employer",
    ],
    S.SUPPORT: ["care_needs", "services_involved", "person_aware"],
    S.CONCERN: ["what_happened", "observed_on", "location", "how_came_to_notice"],
    S.CONCERN_TYPE: ["concern_type"],
    S.ATTACHMENTS: [],
}


_EMPTY: dict[str, Any] = {
    "person_date_of_birth": None,
    "person_approximate_age": None,
    "observed_on": None,
    "care_needs": [],
    "services_involved": [],
    "concern_type": None,
}


def _apply(concern: Concern, step: str, cleaned: dict[str, Any]) -> list[str]:
    """Write a valid step's answers; the names of the fields that changed."""
    changed: list[str] = []
    if step in _SIMPLE_FIELDS:
        for name in _SIMPLE_FIELDS[step]:
            value = cleaned.get(name, _EMPTY.get(name, ""))
            if getattr(concern, name) != value:
                changed.append(name)
                setattr(concern, name, value)
        return changed
    if step == S.FACTORS:
        concern.factors.all().delete()
        concern.key_question_answers.all().delete()
        ConcernFactor.objects.bulk_create(
            ConcernFactor(concern=concern, factor=f, note=note) for f, note in cleaned["factors"]
        )
        ConcernKeyQuestionAnswer.objects.bulk_create(
            ConcernKeyQuestionAnswer(concern=concern, question=q, answer=a, note=note)
            for q, a, note in cleaned["answers"]
        )
        return ["factors", "key_question_answers"]
    if step == S.INFLUENCES:
        concern.influences.all().delete()
        ConcernInfluence.objects.bulk_create(
            ConcernInfluence(concern=concern, influence=i, details=d) for i, d in cleaned["influences"]
        )
        return ["influences"]
    raise ValueError(f"Unknown step {step!r}")


_ANSWER_KEY = re.compile(r"[a-z][a-z0-9_]{0,80}")


def _storable(answers: dict[str, list[str]]) -> dict[str, list[str]]:
    """Only keys that can be field names and plain text values: the form has
    refused anything else already, so this only keeps bad data out of the
    JSON column if a caller passes it."""
    return {
        key: [str(v) for v in values]
        for key, values in answers.items()
        if isinstance(key, str)
        and _ANSWER_KEY.fullmatch(key)
        and isinstance(values, list | tuple)
        and not any(not isinstance(v, str | int) or has_hidden_characters(str(v)) for v in values)
    }


def concern_save_step(
    *,
    actor: User,
    concern: Concern,
    step: str,
    answers: dict[str, list[str]],
    cleaned: dict[str, Any] | None,
) -> Concern:
    """Save a step. `answers` are the step's validated fields as form data
    (`forms.step_answers`), kept so its page can show them again; when the
    whole step was valid (`cleaned`), write it to the concern and mark it
    completed, else mark it in progress. Never the raw POST."""
    require(actor, Action.EDIT_CONCERN_DRAFT, concern, hide=True)
    if step not in S.STEPS_BY_SLUG:
        raise ValueError(f"Unknown step {step!r}")
    with transaction.atomic():
        concern = Concern.objects.select_for_update().get(pk=concern.pk)
        saved = dict(concern.answers or {})
        saved[step] = _storable(answers)
        concern.answers = saved
        done = [s for s in (concern.completed_steps or []) if s != step]
        changed: list[str] = []
        if cleaned is not None:
            changed = _apply(concern, step, cleaned)
            done.append(step)
            if step == S.EMERGENCY and concern.emergency != "yes":
                done = [s for s in done if s != S.EMERGENCY_CALL]
        concern.completed_steps = done
        concern.updated_at = timezone.now()
        concern.save()
        record_event(
            actor=actor,
            action="concern_draft_saved",
            summary=(
                f"Saved the {S.STEPS_BY_SLUG[step].title.lower()} answers of draft concern {concern.pk}"
                + ("" if cleaned is not None else " (with errors to correct)")
            ),
            obj=concern,
            changes={"fields changed": {"before": None, "after": changed}} if changed else None,
        )
    return concern


def concern_add_attachment(*, actor: User, concern: Concern, upload: UploadedFile) -> ConcernAttachment:
    require(actor, Action.EDIT_CONCERN_DRAFT, concern, hide=True)
    name = (upload.name or "file").replace("\x00", "")[-200:]
    try:
        content_type = check_attachment(name, upload.size or 0, upload.file)  # type: ignore[arg-type]
    except AttachmentRejected as error:
        raise ValidationError({"file": str(error)}) from error
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    with transaction.atomic():
        attachment = ConcernAttachment(
            concern=concern,
            original_name=name,
            content_type=content_type,
            size=upload.size or 0,
            sha256=digest.hexdigest(),
            uploaded_by=actor,
        )
        attachment.file.save(name, upload, save=False)
        attachment.save()
        Concern.objects.filter(pk=concern.pk).update(updated_at=timezone.now())
        record_event(
            actor=actor,
            action="concern_attachment_added",
            summary=f"Attached a file ({content_type}, {attachment.size} bytes) to draft {concern.pk}",
            obj=attachment,
        )
    return attachment


def concern_remove_attachment(*, actor: User, attachment: ConcernAttachment) -> None:
    concern = attachment.concern
    require(actor, Action.EDIT_CONCERN_DRAFT, concern, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="concern_attachment_removed",
            summary=f"Removed an attachment from draft concern {concern.pk}",
            obj=attachment,
        )
        stored = attachment.file.name or ""
        attachment.delete()
        storage = attachment.file.storage
        transaction.on_commit(partial(storage.delete, stored))


def _next_reference(year: int) -> str:
    counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"PH-{year}-{counter.last_number:05d}"


def _person_from(concern: Concern, actor: User) -> Person:
    return Person.objects.create(
        full_name=concern.person_name,
        other_names=concern.person_other_names,
        date_of_birth=concern.person_date_of_birth,
        address=concern.person_address,
        postcode=concern.person_postcode,
        name_key=normalise_name(concern.person_name),
        postcode_key=normalise_postcode(concern.person_postcode),
        address_key=normalise_address(concern.person_address)[:300],
        created_by=actor,
    )


def concern_submit(*, actor: User, concern: Concern, base_url: str) -> Concern:
    """Submit a complete draft: give it a reference, a person record, and
    tell the organisation's SPOC(s)."""
    require(actor, Action.EDIT_CONCERN_DRAFT, concern, hide=True)
    missing = S.missing_required_steps(concern)
    if missing:
        raise ValidationError([f"Complete the section: {s.title}" for s in missing])
    with transaction.atomic():
        concern = Concern.objects.select_for_update().get(pk=concern.pk)
        _move(concern, ConcernStatus.SUBMITTED)
        now = timezone.now()
        concern.submitted_at = now
        concern.reference = _next_reference(timezone.localdate(now).year)
        concern.person = _person_from(concern, actor)
        concern.save()
        record_event(
            actor=actor,
            action="concern_submitted",
            summary=f"Submitted concern {concern.reference}",
            obj=concern,
            changes=changes_between({"status": ConcernStatus.DRAFT}, {"status": concern.status}),
        )
        context = {
            "reference": concern.reference,
            "link": _link(base_url, "concerns:detail", concern.pk),
            "queue_link": _link(base_url, "concerns:triage-queue"),
        }
        transaction.on_commit(partial(_send, "submitted", context, spoc_recipients(concern.organisation_id)))
    return concern


# Reads that are audited.


def concern_viewed(*, actor: User, concern: Concern) -> None:
    require(actor, Action.VIEW_CONCERN, concern, hide=True)
    with transaction.atomic():
        record_event(actor=actor, action="concern_viewed", summary=f"Viewed concern {concern}", obj=concern)


def concern_draft_viewed(*, actor: User, concern: Concern, page: str) -> None:
    """A page of the user's own draft that shows the person's details (the
    person step, check your answers)."""
    require(actor, Action.EDIT_CONCERN_DRAFT, concern, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="concern_draft_viewed",
            summary=f"Viewed {page} of draft concern {concern.pk}",
            obj=concern,
        )


def person_matches_viewed(*, actor: User, concern: Concern, matches: list[Person]) -> None:
    """The link-person page: the person the concern names and the person
    records that may be the same person."""
    require(actor, Action.LINK_PERSON, concern, hide=True)
    ids = ", ".join(str(p.pk) for p in matches) or "none"
    with transaction.atomic():
        record_event(
            actor=actor,
            action="person_matches_viewed",
            summary=f"Viewed the possible person records for concern {concern} (persons: {ids})",
            obj=concern,
        )


def attachment_downloaded(*, actor: User, attachment: ConcernAttachment) -> None:
    require(actor, Action.VIEW_CONCERN, attachment.concern, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="concern_attachment_downloaded",
            summary=f"Downloaded attachment {attachment.pk} of concern {attachment.concern}",
            obj=attachment,
        )


def person_viewed(*, actor: User, person: Person) -> None:
    require(actor, Action.VIEW_PERSON, person, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="person_viewed",
            summary=f"Viewed the chronology of person {person.pk}",
            obj=person,
        )


# After submission.


def concern_add_addendum(
    *, actor: User, concern: Concern, section: str, text: str, reason: str
) -> ConcernAddendum:
    require(actor, Action.ADD_CONCERN_ADDENDUM, concern, hide=True)
    errors = {}
    if not text.strip():
        errors["text"] = "Enter the correction or addition"
    if not reason.strip():
        errors["reason"] = "Enter the reason for the addendum"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        addendum = ConcernAddendum.objects.create(
            concern=concern, section=section, text=text, reason=reason, added_by=actor
        )
        Concern.objects.filter(pk=concern.pk).update(updated_at=timezone.now())
        record_event(
            actor=actor,
            action="concern_addendum_added",
            summary=f"Added an addendum to concern {concern} ({section})",
            obj=addendum,
        )
    return addendum


@dataclass(frozen=True)
class ReferralInput:
    destination: str
    sent_on: date
    method: str
    receiving_reference: str = ""
    expected_response_on: date | None = None
    destination_detail: str = ""


def triage_record_decision(
    *, actor: User, concern: Concern, pyramid_level: int, rationale: str, referrals: list[ReferralInput]
) -> TriageDecision:
    """The SPOC's decision on the Prevent pyramid, with the referrals it sends."""
    require(actor, Action.TRIAGE_CONCERN, concern, hide=True)
    errors: dict[str, str] = {}
    if pyramid_level not in PYRAMID_LEVELS:
        errors["pyramid_level"] = "Select the Prevent pyramid level"
    if not rationale.strip():
        errors["rationale"] = "Enter the rationale for your decision"
    destinations = {r.destination for r in referrals}
    if pyramid_level == 3 and ReferralDestination.POLICE_PREVENT not in destinations:
        errors["pyramid_level"] = "A level 3 decision needs a referral to police Prevent"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        concern = Concern.objects.select_for_update().get(pk=concern.pk)
        before = {"status": concern.status, "pyramid_level": concern.pyramid_level}
        _move(concern, ConcernStatus.REFERRED if referrals else ConcernStatus.NO_REFERRAL)
        decision = TriageDecision.objects.create(
            concern=concern, pyramid_level=pyramid_level, rationale=rationale, decided_by=actor
        )
        for r in referrals:
            Referral.objects.create(
                concern=concern,
                decision=decision,
                destination=r.destination,
                destination_detail=r.destination_detail,
                sent_on=r.sent_on,
                method=r.method,
                receiving_reference=r.receiving_reference,
                expected_response_on=r.expected_response_on,
                created_by=actor,
            )
        concern.pyramid_level = pyramid_level
        if ReferralDestination.POLICE_PREVENT in destinations:
            concern.referred_to_police_prevent = True
        concern.save()
        record_event(
            actor=actor,
            action="concern_triaged",
            summary=(
                f"Recorded a level {pyramid_level} decision on concern {concern} with "
                f"{len(referrals)} referral(s): " + ", ".join(sorted(destinations))
            ),
            obj=concern,
            changes=changes_between(before, {"status": concern.status, "pyramid_level": pyramid_level}),
        )
    return decision


def triage_request_more_information(
    *, actor: User, concern: Concern, question: str, base_url: str
) -> InformationRequest:
    require(actor, Action.TRIAGE_CONCERN, concern, hide=True)
    if not question.strip():
        raise ValidationError({"question": "Enter the information you need"})
    with transaction.atomic():
        concern = Concern.objects.select_for_update().get(pk=concern.pk)
        _move(concern, ConcernStatus.MORE_INFORMATION_REQUESTED)
        concern.save()
        request = InformationRequest.objects.create(concern=concern, question=question, asked_by=actor)
        record_event(
            actor=actor,
            action="concern_information_requested",
            summary=f"Asked the practitioner for more information on concern {concern}",
            obj=request,
        )
        context = {"reference": concern.reference, "link": _link(base_url, "concerns:detail", concern.pk)}
        recipients = [concern.raised_by.email] if concern.raised_by.is_active else []
        transaction.on_commit(partial(_send, "information_requested", context, recipients))
    return request


def concern_answer_question(
    *, actor: User, concern: Concern, answer: str, base_url: str
) -> InformationRequest:
    require(actor, Action.ANSWER_CONCERN_QUESTION, concern, hide=True)
    if not answer.strip():
        raise ValidationError({"answer": "Enter your answer"})
    with transaction.atomic():
        concern = Concern.objects.select_for_update().get(pk=concern.pk)
        request = concern.information_requests.filter(answered_at__isnull=True).order_by("-asked_at").first()
        if request is None:
            raise ValidationError("There is no question to answer")
        _move(concern, ConcernStatus.SUBMITTED)
        concern.save()
        request.answer = answer
        request.answered_by = actor
        request.answered_at = timezone.now()
        request.save()
        record_event(
            actor=actor,
            action="concern_question_answered",
            summary=f"Answered the SPOC's question on concern {concern}",
            obj=request,
        )
        context = {"reference": concern.reference, "link": _link(base_url, "concerns:detail", concern.pk)}
        transaction.on_commit(
            partial(_send, "question_answered", context, spoc_recipients(concern.organisation_id))
        )
    return request


def triage_close_no_further_action(*, actor: User, concern: Concern, reason: str) -> Concern:
    require(actor, Action.TRIAGE_CONCERN, concern, hide=True)
    if not reason.strip():
        raise ValidationError({"reason": "Enter the reason for closing with no further action"})
    with transaction.atomic():
        concern = Concern.objects.select_for_update().get(pk=concern.pk)
        before = concern.status
        _move(concern, ConcernStatus.CLOSED_NO_FURTHER_ACTION)
        concern.closed_reason = reason
        concern.save()
        record_event(
            actor=actor,
            action="concern_closed",
            summary=f"Closed concern {concern} with no further action",
            obj=concern,
            changes=changes_between({"status": before}, {"status": concern.status}),
        )
    return concern


def referral_update_status(
    *, actor: User, referral: Referral, status: str, note: str = "", outcome: str = ""
) -> Referral:
    require(actor, Action.UPDATE_REFERRAL, referral, hide=True)
    if status not in REFERRAL_TRANSITIONS.get(referral.status, set()):
        raise ValidationError({"status": "Select a new status for this referral"})
    if status == ReferralStatus.OUTCOME_RECEIVED and not outcome.strip():
        raise ValidationError({"outcome": "Enter the outcome of the referral"})
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        before = referral.status
        referral.status = status
        if status == ReferralStatus.OUTCOME_RECEIVED:
            referral.outcome = outcome
            referral.outcome_received_on = timezone.localdate()
        referral.save()
        ReferralUpdate.objects.create(
            referral=referral, from_status=before, to_status=status, note=note or outcome, changed_by=actor
        )
        record_event(
            actor=actor,
            action="referral_status_changed",
            summary=f"Referral {referral.pk} of concern {referral.concern}: {ReferralStatus(status).label}",
            obj=referral,
            changes=changes_between({"status": before}, {"status": status}),
        )
    return referral


def referral_send_reminders(*, today: date, base_url: str) -> int:
    """Email the SPOCs about referrals past their expected response date
    without an outcome: at most once per referral per day. System action."""
    overdue = (
        Referral.objects.filter(expected_response_on__lt=today)
        .exclude(status=ReferralStatus.OUTCOME_RECEIVED)
        .exclude(last_reminder_on=today)
        .select_related("concern")
    )
    sent = 0
    for referral in overdue:
        with transaction.atomic():
            locked = Referral.objects.select_for_update().get(pk=referral.pk)
            if locked.last_reminder_on == today:
                continue
            locked.last_reminder_on = today
            locked.save(update_fields=["last_reminder_on"])
            record_event(
                actor=None,
                actor_label="System: referral reminders",
                action="referral_reminder_sent",
                summary=f"Reminded the SPOC: referral {referral.pk} of concern {referral.concern} is overdue",
                obj=locked,
            )
            context = {
                "reference": referral.concern.reference,
                "link": _link(base_url, "concerns:detail", referral.concern_id) + f"#referral-{referral.pk}",
                "expected": referral.expected_response_on,
            }
            transaction.on_commit(
                partial(_send, "referral_overdue", context, spoc_recipients(referral.concern.organisation_id))
            )
        sent += 1
    return sent


def person_link(*, actor: User, concern: Concern, person: Person) -> Concern:
    """Attach a submitted concern to an existing person record (a match)."""
    from .selectors import people_visible_to

    require(actor, Action.LINK_PERSON, concern, hide=True)
    target = people_visible_to(actor).filter(pk=person.pk).first()
    require(actor, Action.VIEW_PERSON, target, hide=True)
    with transaction.atomic():
        concern = Concern.objects.select_for_update().get(pk=concern.pk)
        before = concern.person_id
        concern.person = person
        concern.updated_at = timezone.now()
        concern.save(update_fields=["person", "updated_at"])
        record_event(
            actor=actor,
            action="person_linked",
            summary=f"Linked concern {concern} to person {person.pk}",
            obj=concern,
            changes=changes_between({"person": before}, {"person": person.pk}),
        )
    return concern
