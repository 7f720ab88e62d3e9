"""Information requests from the case officer to an agency, and their answers."""

from __future__ import annotations

import hashlib
from datetime import date
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from prevent.accounts.models import User
from prevent.audit.services import record_event
from prevent.concerns.files import AttachmentRejected, check_attachment
from prevent.core.models import Organisation
from prevent.policy import Action, require

from ..models import (
    ChannelCase,
    InformationRequest,
    RequestResponse,
    RequestStatus,
    ResponseFile,
)
from ._common import (
    _emails,
    _link,
    _required,
    _send,
    agency_recipients,
)


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
