"""A concern while it is a draft, and its submission.

The steps are defined once, in prevent/concerns/steps.py: this module saves
a step through the step's own `apply`, and on submission hands the
person's identity to the people app (see the steps module for how the
person is held once)."""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from prevent.accounts.models import User
from prevent.audit.services import changes_between, record_event
from prevent.core import clock
from prevent.core.forms import has_hidden_characters
from prevent.core.notify import notify
from prevent.core.references import next_reference
from prevent.core.uploads import UploadMessages, check_upload, formats
from prevent.people.services import person_create
from prevent.policy import Action, require

from .. import steps as S
from ..demographics import age_at_referral
from ..models import Concern, ConcernAttachment, ConcernStatus
from ._common import move, spoc_recipients

ATTACHMENT_FORMATS = formats(
    "pdf", "png", "jpg", "jpeg", "gif", "docx", "xlsx", "pptx", "odt", "doc", "xls", "txt"
)
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
ATTACHMENT_MESSAGES = UploadMessages(
    type="The selected file must be a PDF, PNG, JPEG, GIF, DOCX, XLSX, PPTX, ODT, DOC, XLS or TXT",
    content="The selected file's content does not match its file type: it is not a real {extension} file",
)

# The person's identity on the draft, blanked once it is on the Person row.
_IDENTITY = {
    "person_name": "full_name",
    "person_other_names": "other_names",
    "person_date_of_birth": "date_of_birth",
    "person_address": "address",
    "person_postcode": "postcode",
}


def concern_create_draft(*, actor: User, emergency: str) -> Concern:
    """Start a concern with the answer to the emergency question (the form
    has checked it is yes or no)."""
    require(actor, Action.RECORD_CONCERN)
    organisation = actor.organisation
    if organisation is None:  # RECORD_CONCERN needs one; never a 500
        raise ValidationError("You need an organisation to record a concern")
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


_ANSWER_KEY = re.compile(r"[a-z][a-z0-9_-]{0,80}")


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
    whole step was valid (`cleaned`, the form's `result()`), write it to the
    concern through the step's `apply` and mark it completed, else mark it
    in progress. Never the raw POST."""
    require(actor, Action.EDIT_CONCERN_DRAFT, concern, hide=True)
    definition = S.STEPS_BY_SLUG.get(step)
    if definition is None:
        raise ValueError(f"Unknown step {step!r}")
    with transaction.atomic():
        concern = Concern.objects.select_for_update().get(pk=concern.pk)
        require(actor, Action.EDIT_CONCERN_DRAFT, concern, hide=True)
        saved = dict(concern.answers or {})
        saved[step] = _storable(answers)
        concern.answers = saved
        done = [s for s in (concern.completed_steps or []) if s != step]
        changed: list[str] = []
        if cleaned is not None:
            changed = definition.apply(concern, cleaned)
            done.append(step)
        # A step that no longer applies (the 999 call after "no") is not done.
        done = [s for s in done if S.step_for(concern, s) is not None]
        concern.completed_steps = done
        concern.updated_at = clock.now()
        concern.save()
        record_event(
            actor=actor,
            action="concern_draft_saved",
            summary=(
                f"Saved the {definition.title.lower()} answers of draft concern {concern.pk}"
                + ("" if cleaned is not None else " (with errors to correct)")
            ),
            obj=concern,
            changes={"fields changed": {"before": None, "after": changed}} if changed else None,
        )
    return concern


def concern_add_attachment(*, actor: User, concern: Concern, upload: UploadedFile) -> ConcernAttachment:
    require(actor, Action.EDIT_CONCERN_DRAFT, concern, hide=True)
    try:
        checked = check_upload(
            upload, allowed=ATTACHMENT_FORMATS, max_bytes=MAX_ATTACHMENT_BYTES, messages=ATTACHMENT_MESSAGES
        )
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    with transaction.atomic():
        attachment = ConcernAttachment(
            concern=concern,
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=actor,
        )
        attachment.file.save(checked.name, upload, save=False)
        attachment.save()
        Concern.objects.filter(pk=concern.pk).update(updated_at=clock.now())
        record_event(
            actor=actor,
            action="concern_attachment_added",
            summary=f"Attached a file ({checked.content_type}, {checked.size} bytes) to draft {concern.pk}",
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


def concern_submit(*, actor: User, concern: Concern) -> Concern:
    """Submit a complete draft: give it a reference and a person record,
    clear the draft's raw answers, and tell the organisation's SPOC(s)."""
    require(actor, Action.EDIT_CONCERN_DRAFT, concern, hide=True)
    with transaction.atomic():
        concern = Concern.objects.select_for_update().get(pk=concern.pk)
        require(actor, Action.EDIT_CONCERN_DRAFT, concern, hide=True)
        missing = S.missing_required_steps(concern)
        if missing:
            raise ValidationError([f"Complete the section: {s.title}" for s in missing])
        move(concern, ConcernStatus.SUBMITTED)
        concern.submitted_at = clock.now()
        submitted_on = timezone.localdate(concern.submitted_at)
        concern.reference = next_reference("PH", year=submitted_on.year)
        # For the statistics: the age on the day of submission, taken before
        # the date of birth moves to the person record.
        concern.age_at_referral = age_at_referral(
            concern.person_date_of_birth, concern.person_approximate_age, submitted_on
        )
        concern.person = person_create(
            actor=actor, **{to: getattr(concern, column) for column, to in _IDENTITY.items()}
        )
        for column in _IDENTITY:
            setattr(concern, column, None if column == "person_date_of_birth" else "")
        concern.answers = {}
        concern.save()
        record_event(
            actor=actor,
            action="concern_submitted",
            summary=f"Submitted concern {concern.reference}",
            obj=concern,
            changes=changes_between({"status": ConcernStatus.DRAFT}, {"status": concern.status}),
        )
        notify(
            recipients=spoc_recipients(concern.organisation_id),
            template="concerns/email/submitted",
            reference=concern.reference or "",
            link_path=reverse("concerns:detail", args=[concern.pk]),
            links={"queue_link": reverse("concerns:triage-queue")},
        )
    return concern
