"""The police gateway pages: the queue, an external referral, the assessment."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from prevent.concerns.selectors import referral_further_information
from prevent.core.once import once_per_submission
from prevent.core.pagination import govuk_pagination, page_number, paginate
from prevent.core.view_helpers import actor, submit
from prevent.policy import Action, can, require

from .. import selectors, services
from ..forms import ExternalReferralForm, GatewayAssessmentForm
from ..models import GatewayOutcome, GatewayReferral, GatewayStatus
from ..panels_history import ReferralHistory, referral_history
from ..panels_history import gateway_history as referral_gateway_history
from ._common import form_page


@require_http_methods(["GET"])
def gateway_queue(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    concern_referrals = list(selectors.concern_referrals_awaiting_gateway(user)[: selectors.LIST_LIMIT])
    awaiting = list(selectors.gateway_referrals_awaiting(user)[: selectors.LIST_LIMIT])
    services.gateway_history_viewed(
        actor=user,
        references=[f"{r.concern.label} (referral {r.pk})" for r in concern_referrals]
        + [g.reference for g in awaiting],
        page="the gateway queue",
    )
    context = {
        "concern_referrals": concern_referrals,
        "awaiting": awaiting,
        "recent": selectors.gateway_recently_assessed(user)[:20],
        "may_assess": can(user, Action.ASSESS_GATEWAY_REFERRALS),
        "may_log": can(user, Action.LOG_EXTERNAL_REFERRAL),
    }
    return render(request, "channel/gateway_queue.html", context)


@require_http_methods(["GET", "POST"])
@once_per_submission
def gateway_external(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.LOG_EXTERNAL_REFERRAL)
    form = ExternalReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        gateway = submit(
            form,
            services.gateway_log_external_referral,
            actor=user,
            person=services.ExternalPerson(d["full_name"], d["date_of_birth"], d["address"], d["postcode"]),
            external_source=d["external_source"],
            external_detail=d["external_detail"],
            summary=d["summary"],
            received_on=d["received_on"],
        )
        if gateway is not None:
            messages.success(request, f"Referral {gateway.reference} has been added to the gateway queue")
            return redirect("channel:gateway-assess", pk=gateway.pk)
    return form_page(
        request,
        form,
        title="Log a referral from outside",
        caption="Police gateway",
        back=reverse("channel:gateway-queue"),
        button="Add to the gateway queue",
    )


def _assessment_form(request: HttpRequest, history: ReferralHistory) -> GatewayAssessmentForm:
    return GatewayAssessmentForm(
        request.POST or None, coordinators=selectors.coordinators(), history_warning=history.warning
    )


def _record_assessment(
    request: HttpRequest, form: GatewayAssessmentForm, gateway: GatewayReferral
) -> HttpResponse | None:
    d = form.cleaned_data
    assessment = submit(
        form,
        services.gateway_record_assessment,
        actor=actor(request),
        gateway_referral=gateway,
        checks=d["checks"],
        checks_notes=d["checks_notes"],
        outcome=d["outcome"],
        signposted_to=d["signposted_to"],
        rationale=d["rationale"],
        case_officer=d["case_officer"],
        history_acknowledged=bool(d.get("history_acknowledged")),
    )
    if assessment is None:
        return None
    messages.success(request, f"Gateway outcome recorded: {assessment.get_outcome_display()}")
    if assessment.outcome == GatewayOutcome.CHANNEL:
        return redirect("channel:case-detail", pk=assessment.gateway_referral.channel_case.pk)
    return redirect("channel:gateway-queue")


@require_http_methods(["GET", "POST"])
@once_per_submission
def gateway_assess(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    gateway = selectors.gateway_referral_for_assessment(user=user, pk=pk)
    history = referral_history(
        user=user, person=gateway.person_id, before=gateway.received_on, gateway=gateway
    )
    form = _assessment_form(request, history)
    if request.method == "POST":
        require(user, Action.RECORD_GATEWAY_ASSESSMENT, gateway)
        if form.is_valid() and (response := _record_assessment(request, form, gateway)):
            return response
    services.gateway_referral_viewed(actor=user, gateway=gateway)
    return render(
        request,
        "channel/gateway_assess.html",
        {
            "form": form,
            "gateway": gateway,
            "person": gateway.person,
            "history": history,
            "further_information": referral_further_information(user=user, referral_id=gateway.referral_id),
            "may_assess": gateway.status == GatewayStatus.AWAITING
            and can(user, Action.RECORD_GATEWAY_ASSESSMENT, gateway),
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_submission
def gateway_assess_concern(request: HttpRequest, referral_pk: int) -> HttpResponse:
    """A SPOC's referral: it joins the gateway when its assessment is recorded."""
    user = actor(request)
    referral = selectors.concern_referral_for_gateway(user=user, pk=referral_pk)
    existing = getattr(referral, "gateway_referral", None)
    if existing is not None:
        return redirect("channel:gateway-assess", pk=existing.pk)
    history = referral_history(
        user=user, person=referral.concern.person_id or 0, before=referral.sent_on, referral=referral
    )
    form = _assessment_form(request, history)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            gateway = services.gateway_referral_from_concern(actor=user, referral=referral)
            response = _record_assessment(request, form, gateway)
            if response is None:
                transaction.set_rollback(True)
        if response is not None:
            return response
    services.gateway_concern_referral_viewed(actor=user, referral=referral)
    return render(
        request,
        "channel/gateway_assess.html",
        {
            "form": form,
            "referral": referral,
            "person": referral.concern.person,
            "history": history,
            "further_information": referral_further_information(user=user, referral_id=referral.pk),
            "may_assess": True,
        },
    )


HISTORY_PAGE_SIZE = 25


@require_http_methods(["GET"])
def gateway_history(request: HttpRequest) -> HttpResponse:
    """Every referral that reached the gateway, with the person and outcome."""
    user = actor(request)
    outcome = request.GET.get("outcome", "")
    if outcome != "awaiting" and outcome not in GatewayOutcome.values:
        outcome = ""
    page = paginate(referral_gateway_history(user, outcome=outcome), HISTORY_PAGE_SIZE, page_number(request))
    referrals = list(page.object_list)
    services.gateway_history_viewed(actor=user, references=[g.reference for g in referrals])
    rows = [(g, (list(g.assessments.all()) or [None])[-1]) for g in referrals]
    context = {
        "rows": rows,
        "page": page,
        "pagination": govuk_pagination(page, request.GET),
        "outcome": outcome,
        "outcomes": [("", "Any outcome"), ("awaiting", "Awaiting assessment"), *GatewayOutcome.choices],
    }
    return render(request, "channel/gateway_history.html", context)
