"""People pages: search (the header box), the people list, possible
duplicates, merge and undo. Every page that shows people records an
audited read after access is granted."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from prevent.core import clock
from prevent.core.once import once_per_submission
from prevent.core.pagination import govuk_pagination, page_number, paginate
from prevent.core.templatetags.govuk_time import govuk_datetime
from prevent.core.view_helpers import actor, submit
from prevent.policy import Action, can, require

from . import forms as F
from . import services
from .records import summaries
from .rules import access_merge, access_person, access_restriction
from .search import search_people
from .selectors import people_list, person_merges, possible_duplicates

PAGE_SIZE = 25


@require_http_methods(["GET"])
def search(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.FIND_PEOPLE)
    form = F.SearchForm(request.GET if "q" in request.GET else None)
    context: dict[str, Any] = {"form": form, "searched": False}
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        text = form.cleaned_data["q"]
        found = search_people(user=user, text=text)
        services.people_searched(actor=user, text=text, result_ids=[r.person.pk for r in found.results])
        if found.redirect_to:
            return redirect(found.redirect_to)
        context.update(searched=True, found=found, results=found.results, text=text)
    return render(request, "people/search.html", context)


@require_http_methods(["GET"])
def people_index(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.FIND_PEOPLE)
    form = F.PeopleFilterForm(request.GET or None)
    context: dict[str, Any] = {
        "form": form,
        "may_merge": services.can_merge(user),
        "may_see_break_glass": can(user, Action.VIEW_BREAK_GLASS_REPORT),
    }
    filters: dict[str, Any] = {}
    if form.is_bound:
        if not form.is_valid():
            return render(request, "people/list.html", context)
        filters = {k: form.cleaned_data[k] for k in ("name", "year_of_birth", "open_only")}
    page = paginate(people_list(user=user, **filters), PAGE_SIZE, page_number(request))
    people = list(page.object_list)
    services.people_list_viewed(
        actor=user,
        filters=form.describe() if form.is_bound else {},
        result_ids=[p.pk for p in people],
        page=page.number,
    )
    info = summaries(user, [p.pk for p in people])
    context.update(
        page=page,
        rows=[(p, info[p.pk]) for p in people],
        pagination=govuk_pagination(page, request.GET),
        filtered=bool(filters and any(filters.values())),
    )
    return render(request, "people/list.html", context)


@require_http_methods(["GET"])
def duplicates(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.MERGE_PEOPLE)
    pairs = possible_duplicates(user=user)
    ids = sorted({p.pk for a, b, _ in pairs for p in (a, b)})
    services.person_duplicates_viewed(actor=user, result_ids=ids)
    info = summaries(user, ids)
    rows = [(a, info[a.pk], b, info[b.pk]) for a, b, _ in pairs]
    return render(
        request, "people/duplicates.html", {"rows": rows, "merges": list(person_merges(user=user)[:20])}
    )


@require_http_methods(["GET", "POST"])
@once_per_submission
def merge(request: HttpRequest, keep_pk: int, merge_pk: int) -> HttpResponse:
    user = actor(request)
    keep = access_person(user, keep_pk, Action.MERGE_PEOPLE)
    other = access_person(user, merge_pk, Action.MERGE_PEOPLE)
    if keep.pk == other.pk:
        raise Http404
    form = F.ReasonForm(request.POST or None)
    if request.method == "POST":
        record = submit(
            form,
            services.person_merge,
            actor=user,
            keep=keep,
            merge=other,
            reason=form.data.get("reason", ""),
        )
        if record is not None:
            messages.success(request, "The two person records have been merged")
            return redirect("people:merge-detail", pk=record.pk)
    services.person_merge_viewed(actor=user, keep=keep, merge=other)
    info = summaries(user, [keep.pk, other.pk])
    context = {
        "form": form,
        "keep": keep,
        "other": other,
        "keep_info": info[keep.pk],
        "other_info": info[other.pk],
    }
    return render(request, "people/merge.html", context)


@require_http_methods(["GET", "POST"])
def merge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A merge not yet undone: what moved, and undo it (with a reason)."""
    user = actor(request)
    record = access_merge(user, pk)
    form = F.ReasonForm(request.POST or None, label="Why undo this merge?")
    if request.method == "POST":
        done = submit(
            form,
            services.person_merge_undo,
            actor=user,
            merge_record=record,
            reason=form.data.get("reason", ""),
        )
        if done is not None:
            messages.success(request, "The merge has been undone")
            return redirect("people:duplicates")
    services.person_merge_record_viewed(actor=user, record=record)
    return render(request, "people/merge_detail.html", {"form": form, "record": record})


# Restricted records and break-glass (issue 14, ADR 0017).


@require_http_methods(["GET", "POST"])
@once_per_submission
def restrict(request: HttpRequest, pk: int) -> HttpResponse:
    """Restrict a person's record, or change who may see it (coordinators
    who may see the person)."""
    from . import restricted

    user = actor(request)
    subject = access_person(user, pk, Action.RESTRICT_PERSON)
    current = restricted.restriction_of(subject)
    initial = {"reason": current.reason, "users": list(current.allowed_users.all())} if current else None
    form = F.RestrictForm(request.POST or None, initial=initial, users=restricted.restrictable_users())
    if request.method == "POST":
        done = submit(
            form,
            restricted.person_restrict,
            actor=user,
            person=subject,
            reason=form.data.get("reason", ""),
            users=form.cleaned_data.get("users", []) if form.is_valid() else [],
        )
        if done is not None:
            messages.success(request, "The record is restricted to the people you chose")
            return redirect("home:person-chronology", pk=subject.pk)
    restricted.person_restriction_viewed(actor=user, person=subject)
    return render(request, "people/restrict.html", {"form": form, "person": subject, "restriction": current})


@require_http_methods(["GET", "POST"])
def unrestrict(request: HttpRequest, pk: int) -> HttpResponse:
    from . import restricted

    user = actor(request)
    subject = access_person(user, pk, Action.RESTRICT_PERSON)
    if restricted.restriction_of(subject) is None:
        raise Http404
    form = F.ReasonForm(request.POST or None, label="Why is the restriction no longer needed?")
    if request.method == "POST":
        done = submit(
            form,
            restricted.person_unrestrict,
            actor=user,
            person=subject,
            reason=form.data.get("reason", ""),
        )
        if done is not None:
            messages.success(request, "The restriction has been lifted")
            return redirect("home:person-chronology", pk=subject.pk)
    restricted.person_restriction_viewed(actor=user, person=subject)
    return render(request, "people/unrestrict.html", {"form": form, "person": subject})


@require_http_methods(["GET", "POST"])
@once_per_submission
def break_glass(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for emergency access to a restricted record: no name is shown
    until it is granted."""
    from . import restricted

    user = actor(request)
    restriction = access_restriction(user, pk)
    form = F.BreakGlassForm(request.POST or None)
    if request.method == "POST":
        done = submit(
            form,
            restricted.break_glass,
            actor=user,
            restriction=restriction,
            reason=form.data.get("reason", ""),
        )
        if done is not None:
            messages.success(request, f"You can see this record until {govuk_datetime(done.expires_at)}")
            return redirect("home:person-chronology", pk=restriction.person_id)
    hours = restricted.break_glass_hours()
    return render(request, "people/break_glass.html", {"form": form, "pk": pk, "hours": hours})


@require_http_methods(["GET"])
def break_glass_report(request: HttpRequest) -> HttpResponse:
    from . import restricted

    user = actor(request)
    page = paginate(restricted.break_glass_report(user=user), PAGE_SIZE, page_number(request))
    rows = list(page.object_list)
    restricted.break_glass_report_viewed(actor=user, shown=rows)
    return render(
        request,
        "people/break_glass_report.html",
        {"page": page, "rows": rows, "pagination": govuk_pagination(page, request.GET), "now": clock.now()},
    )
