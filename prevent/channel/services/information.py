"""Information requests from the case officer to an agency, and their answers."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse

from prevent.accounts.models import User
from prevent.audit.services import record_event
from prevent.core import clock
from prevent.core.models import Organisation
from prevent.core.notify import notify
from prevent.core.uploads import CheckedUpload, UploadMessages, check_upload, formats
from prevent.policy import Action, require

from ..models import (
    ChannelCase,
    InformationRequest,
    RequestResponse,
    RequestStatus,
    ResponseFile,
)
from ._common import (
    _required,
    agency_recipients,
)

# What an agency may attach to its answer (as concerns accept), up to 20MB.
ANSWER_FILES = formats("pdf", "png", "jpg", "jpeg", "gif", "docx", "xlsx", "pptx", "odt", "doc", "xls", "txt")
MAX_FILE_BYTES = 20 * 1024 * 1024
FILE_MESSAGES = UploadMessages(
    type="The selected file must be a PDF, PNG, JPEG, GIF, DOCX, XLSX, PPTX, ODT, DOC, XLS or TXT",
    content="The selected file's content does not match its file type: it is not a real {extension} file",
)


def information_request_send(
    *, actor: User, case: ChannelCase, agency: Organisation, question: str, due_on: date
) -> InformationRequest:
    require(actor, Action.MANAGE_CHANNEL_CASE, case, hide=True)
    errors: dict[str, str] = {}
    _required(errors, question, "question", "Enter the information you need")
    if due_on < clock.today():
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
        notify(
            recipients=agency_recipients(agency.pk),
            template="channel/email/information_request",
            reference=case.reference,
            link_path=reverse("channel:information-request", args=[request.pk]),
            context={"due_on": due_on},
        )
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
) -> InformationRequest:
    require(actor, Action.ANSWER_INFORMATION_REQUEST, request, hide=True)
    errors: dict[str, str] = {}
    if response not in RequestResponse.values:
        errors["response"] = "Select whether you are providing information or nothing is known"
    if response == RequestResponse.INFORMATION_PROVIDED:
        _required(errors, text, "text", "Enter the information you are providing")
    checked: list[tuple[UploadedFile, CheckedUpload]] = []
    for upload in uploads:
        try:
            file = check_upload(
                upload, allowed=ANSWER_FILES, max_bytes=MAX_FILE_BYTES, messages=FILE_MESSAGES
            )
        except ValidationError as error:
            errors["files"] = error.messages[0]
            break
        checked.append((upload, file))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        request = (
            InformationRequest.objects.select_for_update()
            .select_related("case__case_officer")
            .get(pk=request.pk)
        )
        if request.status != RequestStatus.SENT:
            raise ValidationError("This request has already been answered")
        request.status = RequestStatus.ANSWERED
        request.response = response
        request.response_text = text
        request.answered_by = actor
        request.answered_at = clock.now()
        request.save()
        for upload, file in checked:
            stored = ResponseFile(
                request=request,
                original_name=file.name,
                content_type=file.content_type,
                size=file.size,
                sha256=file.sha256,
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
        notify(
            recipients=[request.case.case_officer],
            template="channel/email/information_answered",
            reference=request.case.reference,
            link_path=reverse("channel:case-detail", args=[request.case_id]) + f"#request-{request.pk}",
        )
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
