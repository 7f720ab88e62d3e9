"""Per-request facts the audit log records: request id and client IP.

The middleware sets them for the duration of a request; services and
commands running outside a request leave them empty."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip_address: str | None = None


_current: ContextVar[RequestContext | None] = ContextVar("prevent_request_context", default=None)


def current() -> RequestContext:
    return _current.get() or RequestContext()


def set_current(ctx: RequestContext) -> object:
    return _current.set(ctx)


def reset(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]
