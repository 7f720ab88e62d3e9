"""The SPOC's pages: the triage queue, the decision and its referrals,
asking for more information, closing, and a referral's status."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from prevent.core.models import LocalAreaSettings
from prevent.core.once import once_per_submission
from prevent.core.pagination import govuk_pagination, page_number, paginate
from prevent.core.view_helpers import actor, submit
from prevent.policy import Action

from .. import forms as F
from .. import selectors, services
from ..models import Concern, ReferralDestination
from ..panels import panel_for
from ..rules import access_concern, access_referral

MAX_REFERRALS = 10
_REFERRAL_PREFIX = re.compile(r"^referral-(\d{1,2})-")


def _referral_count(data: QueryDict | None) -> int:
    """How many referral blocks the page shows: one to start with; "Add
    another referral" adds one (server-side, so it works without
    JavaScript). Counts every block the POST carries."""
    if data is None:
        return 1
    raw = data.get("referral_count", "1")
    count = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 3 else 1
    for key in data:
        if match := _REFERRAL_PREFIX.match(key):
            count = max(count, int(match.group(1)))
    if "add_referral" in data:
        count += 1
    return min(max(count, 1), MAX_REFERRALS)


@require_http_methods(["GET"])
def triage_queue(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    queue = list(selectors.triage_queue(user))
    referrals = selectors.referrals_for_spoc(user)
    services.concern_list_viewed(actor=user, concerns=queue, page="the triage queue")
    return render(request, "concerns/triage_queue.html", {"queue": queue, "referrals": referrals})


ORGANISATION_PAGE_SIZE = 25


@require_http_methods(["GET"])
def organisation_concerns(request: HttpRequest) -> HttpResponse:
    """The SPOC's list of every concern of their organisation, with names."""
    user = actor(request)
    form = F.OrganisationConcernsForm(request.GET or None, recorders=selectors.organisation_recorders(user))
    filters = selectors.ConcernFilters()
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        filters = selectors.ConcernFilters(
            status=d["status"] or "",
            pyramid_level=int(d["pyramid_level"]) if d["pyramid_level"] else None,
            submitted_from=d["submitted_from"],
            submitted_to=d["submitted_to"],
            person=d["person"] or "",
            recorded_by=int(d["recorded_by"]) if d["recorded_by"] else None,
            sort=d["sort"] or "newest",
        )
    page = paginate(
        selectors.organisation_concerns(user, filters), ORGANISATION_PAGE_SIZE, page_number(request)
    )
    concerns = list(page.object_list)
    services.concern_list_viewed(actor=user, concerns=concerns, page="the organisation's concerns")
    context = {
        "form": form,
        "concerns": concerns,
        "page": page,
        "pagination": govuk_pagination(page, request.GET),
    }
    return render(request, "concerns/organisation.html", context)


def _referral_inputs(referral_forms: list[F.ReferralForm]) -> list[services.ReferralInput]:
    return [
        services.ReferralInput(
            destination=rf.cleaned_data["destination"],
            destination_detail=rf.cleaned_data.get("destination_detail", ""),
            sent_on=rf.cleaned_data["sent_on"],
            method=rf.cleaned_data["method"],
            receiving_reference=rf.cleaned_data.get("receiving_reference", ""),
            expected_response_on=rf.cleaned_data.get("expected_response_on"),
        )
        for rf in referral_forms
        if rf.cleaned_data.get("destination")
    ]


def _type_choice(concern: Concern) -> dict[str, Any]:
    """The SPOC confirms or sets the type of concern at triage."""
    return {"concern_types": selectors.guidance_concern_types(), "current": concern.concern_type}


@require_http_methods(["GET", "POST"])
@once_per_submission
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    concern = access_concern(user, pk, Action.TRIAGE_CONCERN)
    data = request.POST or None
    count = _referral_count(data)
    adding = data is not None and "add_referral" in data
    form = F.DecisionForm(data, **_type_choice(concern))
    referral_forms = [F.ReferralForm(data, prefix=f"referral-{i}") for i in range(1, count + 1)]
    if adding:  # show what was typed so far, not judged yet
        for f in [form, *referral_forms]:
            f._errors = ErrorDict()  # type: ignore[attr-defined]
    if request.method == "POST" and not adding:
        valid = form.is_valid()
        valid = all([rf.is_valid() for rf in referral_forms]) and valid
        recorded = None
        if valid:
            recorded = submit(
                form,
                services.triage_record_decision,
                actor=user,
                concern=concern,
                pyramid_level=int(form.cleaned_data["pyramid_level"]),
                rationale=form.cleaned_data["rationale"],
                referrals=_referral_inputs(referral_forms),
                concern_type=form.chosen_type(),
            )
        if recorded is not None:
            messages.success(request, f"Your decision on {concern.reference} has been recorded")
            return redirect("concerns:detail", pk=pk)
    summary = [*form.error_summary_items()]  # type: ignore[attr-defined]
    for i, rf in enumerate(referral_forms, start=1):
        summary.extend((a, f"Referral {i}: {m}") for a, m in rf.error_summary_items())
    context = {
        "form": form,
        "referral_forms": referral_forms,
        "concern": concern,
        "summary": summary,
        "local": LocalAreaSettings.load(),
        "police_prevent": ReferralDestination.POLICE_PREVENT,
        "history_panel": panel_for("referral-history", user, concern),
        "referral_count": count,
        "may_add_referral": count < MAX_REFERRALS,
    }
    return render(request, "concerns/decision.html", context)


@require_http_methods(["GET", "POST"])
@once_per_submission
def request_information(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    concern = access_concern(user, pk, Action.TRIAGE_CONCERN)
    form = F.RequestInformationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        asked = submit(
            form, services.triage_request_more_information, actor=user, concern=concern, **form.cleaned_data
        )
        if asked is not None:
            messages.success(request, "Your question has been sent to the practitioner")
            return redirect("concerns:detail", pk=pk)
    return render(request, "concerns/request_information.html", {"form": form, "concern": concern})


@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    concern = access_concern(user, pk, Action.TRIAGE_CONCERN)
    form = F.CloseForm(request.POST or None, **_type_choice(concern))
    if request.method == "POST" and form.is_valid():
        closed = submit(
            form,
            services.triage_close_no_further_action,
            actor=user,
            concern=concern,
            reason=form.cleaned_data["reason"],
            concern_type=form.chosen_type(),
        )
        if closed is not None:
            messages.success(request, f"{concern.reference} has been closed with no further action")
            return redirect("concerns:detail", pk=pk)
    return render(request, "concerns/close.html", {"form": form, "concern": concern})


@require_http_methods(["GET", "POST"])
@once_per_submission
def referral_update(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    referral = access_referral(user, pk)
    form = F.ReferralUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        updated = submit(
            form, services.referral_update_status, actor=user, referral=referral, **form.cleaned_data
        )
        if updated is not None:
            messages.success(request, "The referral has been updated")
            return redirect(
                reverse("concerns:detail", args=[referral.concern_id]) + f"#referral-{referral.pk}"
            )
    return render(request, "concerns/referral_update.html", {"form": form, "referral": referral})


@require_http_methods(["GET", "POST"])
@once_per_submission
def referral_information(request: HttpRequest, pk: int) -> HttpResponse:
    """The SPOC adds information to a referral after it was sent."""
    user = actor(request)
    referral = access_referral(user, pk)
    form = F.ReferralInformationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        added = submit(
            form, services.referral_add_information, actor=user, referral=referral, **form.cleaned_data
        )
        if added is not None:
            told = (
                " Police Prevent have been told."
                if referral.destination == ReferralDestination.POLICE_PREVENT
                else ""
            )
            messages.success(request, "Your information has been added to the referral." + told)
            return redirect(
                reverse("concerns:detail", args=[referral.concern_id]) + f"#referral-{referral.pk}"
            )
    return render(request, "concerns/referral_information.html", {"form": form, "referral": referral})
