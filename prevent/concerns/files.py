"""A thin alias of prevent.core.uploads, kept only while Channel imports it
(prevent/channel/services/information.py). Concerns check uploads with
`check_upload` directly (services/drafts.py). Delete this module once
Channel has switched."""

from __future__ import annotations

from typing import IO

from django.core.exceptions import ValidationError

from prevent.core.uploads import check_upload

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
ALLOWED_DESCRIPTION = "PDF, PNG, JPEG, GIF, DOCX, XLSX, PPTX, ODT, DOC, XLS or TXT"


class AttachmentRejected(ValueError):
    pass


def check_attachment(name: str, size: int, stream: IO[bytes]) -> str:
    """The content type to serve the file with; raises AttachmentRejected
    with a GOV.UK message when the file is refused."""
    from .services.drafts import ATTACHMENT_FORMATS, ATTACHMENT_MESSAGES

    try:
        checked = check_upload(
            stream,
            allowed=ATTACHMENT_FORMATS,
            max_bytes=MAX_ATTACHMENT_BYTES,
            messages=ATTACHMENT_MESSAGES,
            name=name,
        )
    except ValidationError as error:
        raise AttachmentRejected(error.messages[0]) from error
    return checked.content_type
