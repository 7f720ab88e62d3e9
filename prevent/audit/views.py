"""The audit viewer, for Prevent Coordinators. Each page view is itself
recorded in the audit log."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from prevent.core.pagination import govuk_pagination, page_number, paginate
from prevent.policy import Action, require

from .forms import AuditFilterForm
from .models import AuditEvent
from .selectors import (
    audit_actions_present,
    audit_event_list,
    audit_events_visible_to,
    audit_object_types_present,
)
from .services import audit_event_view, audit_log_view

PAGE_SIZE = 50


@require_http_methods(["GET"])
def event_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW_AUDIT_LOG)
    form = AuditFilterForm(
        request.GET,
        actions=audit_actions_present(user=request.user),
        object_types=audit_object_types_present(user=request.user),
    )
    context: dict[str, Any] = {"form": form, "filtered": False}
    if form.is_valid():
        described = form.describe()
        number = page_number(request)
        # Recorded before the read, so a failure to audit shows nothing.
        audit_log_view(actor=request.user, filters=described, page_number=number)  # type: ignore[arg-type]
        events = audit_event_list(user=request.user, filters=form.filters())
        page = paginate(events, PAGE_SIZE, number)
        context.update(
            page=page,
            events=list(page.object_list),
            pagination=govuk_pagination(page, request.GET),
            filtered=bool(described),
        )
    return render(request, "audit/event_list.html", context)


@dataclass(frozen=True)
class ChangeRow:
    field: str
    before: str
    after: str


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "Not set"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _change_rows(event: AuditEvent) -> list[ChangeRow]:
    rows = []
    changes = event.changes if isinstance(event.changes, dict) else {}
    for name, change in sorted(changes.items()):
        if isinstance(change, dict) and set(change) <= {"before", "after"}:
            rows.append(ChangeRow(name, _shown(change.get("before")), _shown(change.get("after"))))
        else:
            rows.append(ChangeRow(name, "", _shown(change)))
    return rows


@require_http_methods(["GET"])
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    require(request.user, Action.VIEW_AUDIT_LOG)
    event = get_object_or_404(audit_events_visible_to(request.user), pk=event_id)
    audit_event_view(actor=request.user, event=event)  # type: ignore[arg-type]
    return render(
        request,
        "audit/event_detail.html",
        {
            "event": event,
            "change_rows": _change_rows(event),
            "hash_matches": event.compute_hash() == event.hash,
        },
    )
