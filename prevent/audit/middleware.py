"""Gives each request an id of the server's own (echoed as X-Request-ID and
stored on the audit events the request writes) and records the client IP
for the audit log.

A client (or a proxy in front of us) may send its own `X-Request-ID`. It is
never used as the request id, so nobody chooses the id recorded against
their actions. When it is well formed (letters, digits, `.`, `_` or `-`, at
most 64 characters) it is kept for tracing only: on the request as
`client_request_id`, in the request context, and echoed back as
`X-Client-Request-ID`, so the caller can match the two ids up."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from . import context

CLIENT_REQUEST_ID_MAX = 64
_SAFE_CLIENT_REQUEST_ID = re.compile(rf"[A-Za-z0-9._-]{{1,{CLIENT_REQUEST_ID_MAX}}}", re.ASCII)


def new_request_id() -> str:
    return uuid.uuid4().hex


def client_request_id(request: HttpRequest) -> str:
    """The client's X-Request-ID when it is well formed, else ""."""
    incoming = request.META.get("HTTP_X_REQUEST_ID", "")
    return incoming if _SAFE_CLIENT_REQUEST_ID.fullmatch(incoming) else ""


def client_ip(request: HttpRequest) -> str | None:
    if settings.PREVENT_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = new_request_id()
        traced = client_request_id(request)
        request.request_id = request_id  # type: ignore[attr-defined]
        request.client_request_id = traced  # type: ignore[attr-defined]
        token = context.set_current(
            context.RequestContext(
                request_id=request_id, ip_address=client_ip(request), client_request_id=traced
            )
        )
        try:
            response = self.get_response(request)
        finally:
            context.reset(token)
        response["X-Request-ID"] = request_id
        if traced:
            response["X-Client-Request-ID"] = traced
        return response
