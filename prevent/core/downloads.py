"""Responses that hand over a private file: an uploaded attachment, an
evidence file, a PDF or CSV export.

Every such download goes through a view that asks the policy and audits the
read before it answers, in this order:

    @require_http_methods(["GET"])
    def attachment_download(request, pk, attachment_pk):
        user = actor(request)
        concern = selectors.concern_visible(user=user, pk=pk)       # 404 when out of scope
        attachment = get_object_or_404(ConcernAttachment, pk=attachment_pk, concern=concern)
        services.attachment_downloaded(actor=user, attachment=attachment)   # require() + record_event()
        return private_file_response(
            file=attachment.file.open("rb"),
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )

The audit event is the caller's service (it knows what was read and by
whom); this module only makes the response safe to send:

- `Content-Disposition: attachment` with a safe file name (no path, no
  quotes or control characters; non-ASCII names in RFC 6266 form), so the
  browser saves the file instead of showing it;
- `Content-Type` as given (the type the upload check settled, never the
  uploader's word), with `X-Content-Type-Options: nosniff`;
- `Content-Security-Policy: default-src 'none'; sandbox`, so a file opened
  in the browser anyway can run nothing and reach nothing;
- `Cache-Control: private, no-store`, so no proxy or browser cache keeps a
  copy of personal data."""

from __future__ import annotations

import io
from typing import IO, Any

from django.http import FileResponse

from .uploads import safe_name

NO_STORE = "private, no-store"
SANDBOX_CSP = "default-src 'none'; sandbox"


def private_file_response(*, file: IO[bytes] | bytes | Any, filename: str, content_type: str) -> FileResponse:
    """A download of `file` (an open binary file, or bytes) as `filename`."""
    if not content_type or "\n" in content_type or "\r" in content_type:
        raise ValueError("Give the file's content type")
    stream = io.BytesIO(file) if isinstance(file, bytes | bytearray) else file
    response = FileResponse(
        stream, as_attachment=True, filename=safe_name(filename), content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["Cache-Control"] = NO_STORE
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
