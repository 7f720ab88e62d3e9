"""The audit viewer, for Prevent Coordinators. Each page view is itself
recorded in the audit log."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.core.paginator import EmptyPage, Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from prevent.core.pagination import govuk_pagination, page_number, paginate
from prevent.core.view_helpers import actor
from prevent.policy import Action, require

from .forms import AuditFilterForm
from .models import AuditChainHead, AuditEvent
from .rules import access_audit_event
from .selectors import audit_action_choices, audit_event_list, audit_object_types_present
from .services import audit_event_view, audit_log_view
from .verify import event_holds

PAGE_SIZE = 50


@require_http_methods(["GET"])
def event_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.VIEW_AUDIT_LOG)
    form = AuditFilterForm(
        request.GET,
        actions=audit_action_choices(user=user),
        object_types=audit_object_types_present(user=user),
    )
    context: dict[str, Any] = {"form": form, "filtered": False}
    if form.is_valid():
        described = form.describe()
        number = page_number(request)
        # Recorded before the read, so a failure to audit shows nothing.
        audit_log_view(actor=user, filters=described, page_number=number)
        events = audit_event_list(user=user, filters=form.filters())
        page = _unfiltered_page(events, number) if not described else paginate(events, PAGE_SIZE, number)
        context.update(
            page=page,
            events=list(page.object_list),
            pagination=govuk_pagination(page, request.GET),
            filtered=bool(described),
        )
    return render(request, "audit/event_list.html", context)


class _CountedPaginator(Paginator):
    """A paginator told its count, so it never counts the table."""

    def __init__(self, items: Any, per_page: int, count: int) -> None:
        super().__init__(items, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


def _unfiltered_page(events: QuerySet[AuditEvent], number: int) -> Page:
    """A page of the whole log without counting or skipping rows (issue 16):
    the events are numbered 1, 2, 3... with no gaps (verify_audit checks
    it), so the chain head gives the count and page N is the 50 events at
    or below id `last - (N - 1) * 50`, found by the primary key."""
    head = AuditChainHead.objects.filter(pk=1).values_list("last_event_id", flat=True).first() or 0
    paginator = _CountedPaginator(events, PAGE_SIZE, head)
    try:
        number = paginator.validate_number(number)
    except EmptyPage:
        number = paginator.num_pages  # past the end: the last page, as paginate() does
    top = head - (number - 1) * PAGE_SIZE
    return Page(list(events.filter(id__lte=top)[:PAGE_SIZE]), number, paginator)


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
    user = actor(request)
    require(user, Action.VIEW_AUDIT_LOG)
    event = access_audit_event(user, event_id)
    audit_event_view(actor=user, event=event)
    return render(
        request,
        "audit/event_detail.html",
        {
            "event": event,
            "change_rows": _change_rows(event),
            "hash_matches": event_holds(event),
        },
    )
