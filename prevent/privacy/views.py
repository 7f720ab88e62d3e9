"""Pages of the privacy app: the retention schedule, the review queue and
its decisions, subject access exports, who looked, one's own access history."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from prevent.core.downloads import private_file_response
from prevent.core.once import once_per_submission
from prevent.core.pagination import govuk_pagination, page_number, paginate
from prevent.core.view_helpers import actor, add_errors, submit
from prevent.policy import Action, require

from . import access_history, retention, selectors, services, subject_access
from .forms import DisposeForm, KeepForm, RuleForm
from .rules import access_person_for

PER_PAGE = 50


@require_http_methods(["GET"])
def schedule(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.MANAGE_RETENTION)
    years = retention.years_by_row()
    rows = [(row, years[(row.record_type, row.outcome)]) for row in retention.SCHEDULE]
    return render(request, "privacy/schedule.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
def rule_change(request: HttpRequest, record_type: str, outcome: str) -> HttpResponse:
    user = actor(request)
    require(user, Action.MANAGE_RETENTION)
    row = retention.schedule_row(record_type, outcome)
    if row is None:
        raise Http404
    current = retention.years_by_row()[(record_type, outcome)]
    form = RuleForm(request.POST if request.method == "POST" else None, initial={"years": current})
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            services.retention_rule_set,
            actor=user,
            record_type=record_type,
            outcome=outcome,
            years=form.cleaned_data["years"],
        )
        if done is not None:
            messages.success(request, f"'{row.label}' is now kept for {done.years} years")
            return redirect("privacy:schedule")
    return render(request, "privacy/rule_change.html", {"form": form, "row": row, "current": current})


@require_http_methods(["GET"])
def queue(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.REVIEW_RETENTION)
    page = paginate(selectors.open_review_items(), PER_PAGE, page_number(request))
    decided = list(selectors.decided_review_items()[:20])
    return render(
        request,
        "privacy/queue.html",
        {"page": page, "pagination": govuk_pagination(page, request.GET), "decided": decided},
    )


def _review_context(item: object) -> dict[str, object]:
    person_id = getattr(item, "person_id", None)
    dates = retention.dates_for_person(person_id) if person_id else None
    return {"item": item, "dates": dates}


@require_http_methods(["GET"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    require(user, Action.REVIEW_RETENTION)
    item = selectors.review_item(pk)
    return render(request, "privacy/review.html", _review_context(item) | {"user_id": user.pk})


@require_http_methods(["GET", "POST"])
@once_per_submission
def review_dispose(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    require(user, Action.REVIEW_RETENTION)
    item = selectors.review_item(pk)
    if not item.is_open:
        return redirect("privacy:review", pk=item.pk)
    form = DisposeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            disposal = services.review_dispose(actor=user, item=item)
        except ValidationError as error:
            add_errors(form, error)
        else:
            if disposal is None:
                messages.success(request, "Disposal asked for: another coordinator must now approve it")
            else:
                messages.success(
                    request, f"The records of person {disposal.subject_id} have been disposed of"
                )
            return redirect("privacy:review", pk=item.pk)
    second = item.requested_by_id is not None
    return render(request, "privacy/dispose.html", _review_context(item) | {"form": form, "second": second})


@require_http_methods(["GET", "POST"])
@once_per_submission
def review_keep(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    require(user, Action.REVIEW_RETENTION)
    item = selectors.review_item(pk)
    if not item.is_open:
        return redirect("privacy:review", pk=item.pk)
    form = KeepForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        kept = submit(
            form,
            services.review_keep,
            actor=user,
            item=item,
            reason=form.cleaned_data["reason"],
            until=form.cleaned_data["until"],
        )
        if kept is not None:
            messages.success(request, f"The records will be reviewed again on {kept.kept_until:%-d %B %Y}")
            return redirect("privacy:queue")
    return render(request, "privacy/keep.html", _review_context(item) | {"form": form})


@require_http_methods(["GET"])
def subject_access_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    person = access_person_for(user, pk, Action.EXPORT_SUBJECT_ACCESS)
    services.subject_access_viewed(actor=user, person=person)
    return render(request, "privacy/subject_access.html", {"person": person})


@require_http_methods(["GET"])
def subject_access_download(request: HttpRequest, pk: int, kind: str) -> HttpResponseBase:
    user = actor(request)
    person = access_person_for(user, pk, Action.EXPORT_SUBJECT_ACCESS)
    if kind not in ("json", "pdf"):
        raise Http404
    tree = subject_access.subject_access_export(user=user, person=person)
    services.subject_access_exported(actor=user, person=person, kind=kind.upper())
    if kind == "json":
        return private_file_response(
            file=subject_access.export_json(tree),
            filename=f"subject-access-person-{person.pk}.json",
            content_type="application/json",
        )
    return private_file_response(
        file=subject_access.export_pdf(tree),
        filename=f"subject-access-person-{person.pk}.pdf",
        content_type="application/pdf",
    )


@require_http_methods(["GET"])
def who_looked(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    person = access_person_for(user, pk, Action.VIEW_PERSON_ACCESS)
    services.person_access_viewed(actor=user, person=person)
    page = paginate(access_history.who_looked(person), PER_PAGE, page_number(request))
    looks = [access_history.Look(e) for e in page.object_list]
    return render(
        request,
        "privacy/who_looked.html",
        {"person": person, "page": page, "looks": looks, "pagination": govuk_pagination(page, request.GET)},
    )


@require_http_methods(["GET"])
def my_access(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.VIEW_OWN_ACCESS_HISTORY)
    number = page_number(request)
    # Recorded first, so the page (counted and listed after) shows it too.
    services.own_access_history_viewed(actor=user, page=number)
    page = paginate(access_history.own_access_history(user.pk), PER_PAGE, number)
    looks = [access_history.Look(e) for e in page.object_list]
    return render(
        request,
        "privacy/my_access.html",
        {"page": page, "looks": looks, "pagination": govuk_pagination(page, request.GET)},
    )
