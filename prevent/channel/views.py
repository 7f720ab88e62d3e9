"""Pages of the police gateway and Channel. Thin views: a selector finds the
record the user may see (404 otherwise), a form parses the input, one
service writes; a validation error keeps everything that was typed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from prevent.accounts.models import User
from prevent.policy import Action, can, require

from . import forms as F
from . import selectors, services
from .models import (
    ApprovedProvider,
    CaseStatus,
    GatewayCheck,
    GatewayOutcome,
    GatewayStatus,
    Intervention,
    PanelAction,
    PostExitReview,
    ResponseFile,
    VulnerabilityAssessment,
)
from .pdf import minutes_pdf


def _actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _add_errors(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _form_page(
    request: HttpRequest,
    form: Form,
    *,
    title: str,
    caption: str,
    back: str,
    button: str = "Continue",
    intro: str = "",
    extra: dict[str, Any] | None = None,
    template: str = "channel/form.html",
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "caption": caption,
        "back": back,
        "button": button,
        "intro": intro,
    }
    return render(request, template, {**context, **(extra or {})})


# ---- Gateway ----------------------------------------------------------------


@require_http_methods(["GET"])
def gateway_queue(request: HttpRequest) -> HttpResponse:
    user = _actor(request)
    context = {
        "concern_referrals": selectors.concern_referrals_awaiting_gateway(user)[: selectors.LIST_LIMIT],
        "awaiting": selectors.gateway_referrals_awaiting(user)[: selectors.LIST_LIMIT],
        "recent": selectors.gateway_recently_assessed(user)[:20],
        "may_assess": can(user, Action.RECORD_GATEWAY_ASSESSMENT),
        "may_log": can(user, Action.LOG_EXTERNAL_REFERRAL),
    }
    return render(request, "channel/gateway_queue.html", context)


@require_http_methods(["GET", "POST"])
def gateway_external(request: HttpRequest) -> HttpResponse:
    user = _actor(request)
    require(user, Action.LOG_EXTERNAL_REFERRAL)
    form = F.ExternalReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            gateway = services.gateway_log_external_referral(
                actor=user,
                person=services.ExternalPerson(
                    d["full_name"], d["date_of_birth"], d["address"], d["postcode"]
                ),
                external_source=d["external_source"],
                external_detail=d["external_detail"],
                summary=d["summary"],
                received_on=d["received_on"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Referral {gateway.reference} has been added to the gateway queue")
            return redirect("channel:gateway-assess", pk=gateway.pk)
    return _form_page(
        request,
        form,
        title="Log a referral from outside",
        caption="Police gateway",
        back=reverse("channel:gateway-queue"),
        button="Add to the gateway queue",
    )


def _assessment_form(request: HttpRequest) -> F.GatewayAssessmentForm:
    return F.GatewayAssessmentForm(request.POST or None, coordinators=selectors.coordinators())


def _record_assessment(
    request: HttpRequest, form: F.GatewayAssessmentForm, gateway: Any
) -> HttpResponse | None:
    d = form.cleaned_data
    try:
        assessment = services.gateway_record_assessment(
            actor=_actor(request),
            gateway_referral=gateway,
            checks=d["checks"],
            checks_notes=d["checks_notes"],
            outcome=d["outcome"],
            signposted_to=d["signposted_to"],
            rationale=d["rationale"],
            case_officer=d["case_officer"],
            base_url=_base_url(request),
        )
    except ValidationError as error:
        _add_errors(form, error)
        return None
    messages.success(request, f"Gateway outcome recorded: {assessment.get_outcome_display()}")
    if assessment.outcome == GatewayOutcome.CHANNEL:
        return redirect("channel:case-detail", pk=assessment.gateway_referral.channel_case.pk)
    return redirect("channel:gateway-queue")


@require_http_methods(["GET", "POST"])
def gateway_assess(request: HttpRequest, pk: int) -> HttpResponse:
    user = _actor(request)
    gateway = selectors.gateway_referral_for_assessment(user=user, pk=pk)
    form = _assessment_form(request)
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
            "may_assess": gateway.status == GatewayStatus.AWAITING
            and can(user, Action.RECORD_GATEWAY_ASSESSMENT),
            "check_choices": GatewayCheck.choices,
        },
    )


@require_http_methods(["GET", "POST"])
def gateway_assess_concern(request: HttpRequest, referral_pk: int) -> HttpResponse:
    """A SPOC's referral: it joins the gateway when its assessment is recorded."""
    user = _actor(request)
    referral = selectors.concern_referral_for_gateway(user=user, pk=referral_pk)
    existing = getattr(referral, "gateway_referral", None)
    if existing is not None:
        return redirect("channel:gateway-assess", pk=existing.pk)
    form = _assessment_form(request)
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
        {"form": form, "referral": referral, "person": referral.concern.person, "may_assess": True},
    )


# ---- Cases ------------------------------------------------------------------


@require_http_methods(["GET"])
def case_list(request: HttpRequest) -> HttpResponse:
    user = _actor(request)
    status = request.GET.get("status", "")
    cases = list(selectors.case_list(user, status=status)[: selectors.LIST_LIMIT])
    services.case_list_viewed(actor=user, cases=cases, status=status)
    return render(
        request, "channel/case_list.html", {"cases": cases, "statuses": CaseStatus.choices, "status": status}
    )


@require_http_methods(["GET"])
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _actor(request)
    case = selectors.case_for_view(user=user, pk=pk)
    services.case_viewed(actor=user, case=case)
    decisions = list(case.decisions.all())
    today = timezone.localdate()
    context = {
        "case": case,
        "decisions": decisions,
        "today": today,
        "may_manage": can(user, Action.MANAGE_CHANNEL_CASE, case),
        "may_close_report": can(user, Action.COMPLETE_CLOSING_REPORT, case)
        and not hasattr(case, "closing_report"),
        "may_exit": can(user, Action.EXIT_CHANNEL_CASE, case),
        "may_support": case.status == CaseStatus.SUPPORT,
        "may_consent": case.status
        in (CaseStatus.AWAITING_CONSENT, CaseStatus.CONSENT_REFUSED, CaseStatus.SUPPORT),
        "may_review": can(user, Action.RECORD_POST_EXIT_REVIEW, _Probe()),
    }
    return render(request, "channel/case_detail.html", context)


class _Probe:
    """Asks RECORD_POST_EXIT_REVIEW about any open review."""

    completed_at = None


@require_http_methods(["GET", "POST"])
def case_safeguarding_link(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_for_manage(user=request.user, pk=pk)
    form = F.SafeguardingLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_add_safeguarding_link(actor=_actor(request), case=case, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "The safeguarding process has been linked")
            return redirect("channel:case-detail", pk=pk)
    return _form_page(
        request,
        form,
        title="Link another safeguarding process",
        caption=case.reference,
        back=reverse("channel:case-detail", args=[pk]),
        button="Add link",
    )


@require_http_methods(["GET", "POST"])
def case_information_request(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_for_manage(user=request.user, pk=pk)
    form = F.InformationRequestForm(request.POST or None, agencies=selectors.other_agencies())
    if request.method == "POST" and form.is_valid():
        try:
            services.information_request_send(
                actor=_actor(request), case=case, base_url=_base_url(request), **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Your request has been sent to {form.cleaned_data['agency'].name}")
            return redirect("channel:case-detail", pk=pk)
    return _form_page(
        request,
        form,
        title="Request information from an agency",
        caption=case.reference,
        back=reverse("channel:case-detail", args=[pk]),
        button="Send request",
    )


# ---- Information requests ---------------------------------------------------


@require_http_methods(["GET"])
def information_requests(request: HttpRequest) -> HttpResponse:
    rows = selectors.information_requests_for(request.user)[: selectors.LIST_LIMIT]
    return render(request, "channel/information_requests.html", {"rows": rows, "today": timezone.localdate()})


@require_http_methods(["GET", "POST"])
def information_request(request: HttpRequest, pk: int) -> HttpResponse:
    user = _actor(request)
    item = selectors.information_request_for_view(user=user, pk=pk)
    may_answer = can(user, Action.ANSWER_INFORMATION_REQUEST, item)
    form = F.AnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require(user, Action.ANSWER_INFORMATION_REQUEST, item, hide=True)
        if form.is_valid():
            upload = form.cleaned_data.get("file")
            try:
                services.information_request_answer(
                    actor=user,
                    request=item,
                    response=form.cleaned_data["response"],
                    text=form.cleaned_data["text"],
                    uploads=[upload] if upload else [],
                    base_url=_base_url(request),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, "Your answer has been sent to the case officer")
                return redirect("channel:information-requests")
    else:
        services.information_request_viewed(actor=user, request=item)
    return render(
        request,
        "channel/information_request.html",
        {
            "item": item,
            "form": form,
            "may_answer": may_answer,
            "may_view_case": can(user, Action.VIEW_CHANNEL_CASE, item.case),
        },
    )


@require_http_methods(["GET"])
def response_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    user = _actor(request)
    item = selectors.information_request_for_view(user=user, pk=pk)
    stored = ResponseFile.objects.filter(pk=file_pk, request=item).first()
    if stored is None:
        raise Http404
    stored.request = item
    services.response_file_downloaded(actor=user, file=stored)
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# ---- VAF --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def vaf_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_for_manage(user=request.user, pk=pk)
    framework = services.current_framework()
    if framework is None:
        raise Http404
    dimensions = selectors.framework_with_factors(framework)
    form = F.VAFForm(request.POST or None, dimensions=dimensions)
    if request.method == "POST" and form.is_valid():
        ratings, summaries = form.result()
        try:
            assessment = services.vaf_record_assessment(
                actor=_actor(request),
                case=case,
                framework=framework,
                ratings=ratings,
                summaries=summaries,
                overall_judgement=form.cleaned_data["overall_judgement"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "The vulnerability assessment has been recorded")
            return redirect("channel:vaf-detail", pk=pk, assessment_pk=assessment.pk)
    return render(request, "channel/vaf_form.html", {"form": form, "case": case, "framework": framework})


@require_http_methods(["GET"])
def vaf_detail(request: HttpRequest, pk: int, assessment_pk: int) -> HttpResponse:
    user = _actor(request)
    case = selectors.case_visible(user=user, pk=pk)
    assessment: VulnerabilityAssessment = selectors.assessment_for_view(
        user=user, case=case, pk=assessment_pk
    )
    services.case_viewed(actor=user, case=case)
    previous, changes = selectors.factor_changes(assessment)
    return render(
        request,
        "channel/vaf_detail.html",
        {
            "case": case,
            "assessment": assessment,
            "previous": previous,
            "changes": changes,
            "changed_count": sum(1 for c in changes if c.changed),
        },
    )


# ---- Consent, support, exit -------------------------------------------------


@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_for_manage(user=request.user, pk=pk)
    form = F.ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.consent_record(actor=_actor(request), case=case, data=services.ConsentInput(**d))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Consent has been recorded")
            return redirect("channel:case-detail", pk=pk)
    intro = (
        "Support is voluntary. Tell the person (for a child, their parent or guardian) "
        "that support cannot take place without consent."
    )
    return _form_page(
        request,
        form,
        title="Record consent",
        caption=case.reference,
        back=reverse("channel:case-detail", args=[pk]),
        button="Record consent",
        intro=intro,
    )


@require_http_methods(["GET", "POST"])
def intervention_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_for_manage(user=request.user, pk=pk)
    form = F.InterventionForm(request.POST or None, providers=selectors.providers())
    if request.method == "POST" and form.is_valid():
        try:
            services.intervention_add(actor=_actor(request), case=case, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "The intervention has been added to the support plan")
            return redirect("channel:case-detail", pk=pk)
    return _form_page(
        request,
        form,
        title="Add an intervention",
        caption=case.reference,
        back=reverse("channel:case-detail", args=[pk]),
        button="Add intervention",
    )


def _intervention(request: HttpRequest, pk: int, intervention_pk: int) -> Intervention:
    case = selectors.case_for_manage(user=request.user, pk=pk)
    intervention = Intervention.objects.filter(pk=intervention_pk, case=case).first()
    if intervention is None:
        raise Http404
    intervention.case = case
    return intervention


@require_http_methods(["GET", "POST"])
def intervention_progress(request: HttpRequest, pk: int, intervention_pk: int) -> HttpResponse:
    intervention = _intervention(request, pk, intervention_pk)
    form = F.ProgressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.intervention_add_progress(
                actor=_actor(request), intervention=intervention, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "The progress note has been added")
            return redirect(reverse("channel:case-detail", args=[pk]) + f"#intervention-{intervention.pk}")
    return _form_page(
        request,
        form,
        title=f"Progress: {intervention.get_type_display()}",
        caption=intervention.case.reference,
        back=reverse("channel:case-detail", args=[pk]),
        button="Add note",
    )


@require_http_methods(["GET", "POST"])
def intervention_end(request: HttpRequest, pk: int, intervention_pk: int) -> HttpResponse:
    intervention = _intervention(request, pk, intervention_pk)
    form = F.InterventionEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.intervention_end(actor=_actor(request), intervention=intervention, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "The end of the intervention has been recorded")
            return redirect("channel:case-detail", pk=pk)
    return _form_page(
        request,
        form,
        title=f"End: {intervention.get_type_display()}",
        caption=intervention.case.reference,
        back=reverse("channel:case-detail", args=[pk]),
        button="Record end",
    )


@require_http_methods(["GET", "POST"])
def providers(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.MANAGE_APPROVED_PROVIDERS)
    form = F.ProviderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.provider_add(actor=_actor(request), **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "The provider has been added")
            return redirect("channel:providers")
    rows = ApprovedProvider.objects.order_by("archived_at", "name")[: selectors.LIST_LIMIT]
    return render(request, "channel/providers.html", {"form": form, "rows": rows})


@require_POST
def provider_archive(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.MANAGE_APPROVED_PROVIDERS)
    provider = ApprovedProvider.objects.filter(pk=pk, archived_at__isnull=True).first()
    if provider is None:
        raise Http404
    services.provider_archive(actor=_actor(request), provider=provider)
    messages.success(request, f"{provider.name} has been archived")
    return redirect("channel:providers")


@require_http_methods(["GET", "POST"])
def closing_report(request: HttpRequest, pk: int) -> HttpResponse:
    user = _actor(request)
    case = selectors.case_visible(user=user, pk=pk)
    require(user, Action.COMPLETE_CLOSING_REPORT, case, hide=True)
    form = F.ClosingReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.closing_report_complete(actor=user, case=case, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "The closing report has been completed")
            return redirect("channel:case-exit", pk=pk)
    return _form_page(
        request,
        form,
        title="Complete the closing report",
        caption=case.reference,
        back=reverse("channel:case-detail", args=[pk]),
        button="Complete closing report",
    )


@require_http_methods(["GET", "POST"])
def case_exit(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page: exit cannot be undone."""
    user = _actor(request)
    case = selectors.case_visible(user=user, pk=pk)
    require(user, Action.EXIT_CHANNEL_CASE, case, hide=True)
    errors: list[str] = []
    if request.method == "POST":
        try:
            case = services.case_exit(actor=user, case=case)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request, f"{case.reference} has exited Channel. Reviews at 6 and 12 months have been created"
            )
            return redirect("channel:case-detail", pk=pk)
    today = timezone.localdate()
    return render(
        request,
        "channel/case_exit.html",
        {
            "case": case,
            "errors": errors,
            "review_6": services.add_months(today, 6),
            "review_12": services.add_months(today, 12),
            "has_report": hasattr(case, "closing_report")
            or case.__class__.objects.filter(pk=pk, closing_report__isnull=False).exists(),
        },
    )


@require_http_methods(["GET", "POST"])
def review_record(request: HttpRequest, pk: int, review_pk: int) -> HttpResponse:
    user = _actor(request)
    case = selectors.case_visible(user=user, pk=pk)
    review = PostExitReview.objects.filter(pk=review_pk, case=case).first()
    require(user, Action.RECORD_POST_EXIT_REVIEW, review, hide=True)
    assert review is not None
    form = F.ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.post_exit_review_record(actor=user, review=review, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if review.new_referral is not None:
                messages.success(
                    request,
                    f"Re-referral {review.new_referral.reference} has been added to the gateway queue",
                )
            else:
                messages.success(request, "The review has been recorded")
            return redirect("channel:case-detail", pk=pk)
    return _form_page(
        request,
        form,
        title=f"Record the {review.months}-month review",
        caption=case.reference,
        back=reverse("channel:case-detail", args=[pk]),
        button="Record review",
    )


# ---- Panels -----------------------------------------------------------------


@require_http_methods(["GET"])
def panel_list(request: HttpRequest) -> HttpResponse:
    user = _actor(request)
    meetings = selectors.meeting_list(user)[: selectors.LIST_LIMIT]
    return render(
        request,
        "channel/panel_list.html",
        {
            "meetings": meetings,
            "may_manage": can(user, Action.MANAGE_PANEL_MEETING),
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
def panel_schedule(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.MANAGE_PANEL_MEETING)
    form = F.ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.panel_generate_schedule(actor=_actor(request), **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{len(made)} meeting(s) have been scheduled")
            return redirect("channel:panel-list")
    return _form_page(
        request,
        form,
        title="Schedule monthly panel meetings",
        caption="Channel Panel",
        back=reverse("channel:panel-list"),
        button="Schedule meetings",
    )


@require_http_methods(["GET"])
def panel_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _actor(request)
    meeting = selectors.meeting_for_view(user=user, pk=pk)
    services.meeting_viewed(actor=user, meeting=meeting)
    return render(
        request,
        "channel/panel_detail.html",
        {
            "meeting": meeting,
            "taken_place": meeting.has_taken_place(),
            "may_manage": can(user, Action.MANAGE_PANEL_MEETING, meeting),
            "may_confirm": can(user, Action.CONFIRM_PANEL_DECISION, _Unconfirmed()),
            "today": timezone.localdate(),
        },
    )


class _Unconfirmed:
    confirmed_at = None
    superseded_at = None


@require_http_methods(["GET", "POST"])
def panel_members(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_manage(user=request.user, pk=pk)
    form = F.MembersForm(
        request.POST or None,
        people=selectors.panel_people(),
        initial={"members": list(meeting.members.all())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.panel_set_members(
                actor=_actor(request), meeting=meeting, members=list(form.cleaned_data["members"])
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "The panel members have been saved")
            return redirect("channel:panel-detail", pk=pk)
    return _form_page(
        request,
        form,
        title="Panel members",
        caption=str(meeting),
        back=reverse("channel:panel-detail", args=[pk]),
        button="Save members",
    )


@require_POST
def panel_build_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_manage(user=request.user, pk=pk)
    added = services.panel_build_agenda(actor=_actor(request), meeting=meeting)
    messages.success(request, f"{len(added)} case(s) have been added to the agenda")
    return redirect("channel:panel-detail", pk=pk)


@require_http_methods(["GET", "POST"])
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_manage(user=request.user, pk=pk)
    form = F.AgendaAddForm(request.POST or None, cases=selectors.cases_for_agenda())
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_add_case(actor=_actor(request), meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "The case has been added to the agenda")
            return redirect("channel:panel-detail", pk=pk)
    return _form_page(
        request,
        form,
        title="Add a case to the agenda",
        caption=str(meeting),
        back=reverse("channel:panel-detail", args=[pk]),
        button="Add to agenda",
    )


@require_POST
def agenda_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_manage(user=request.user, pk=pk)
    item = selectors.agenda_item_for_manage(user=request.user, meeting=meeting, pk=item_pk)
    try:
        services.agenda_remove_case(actor=_actor(request), item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{item.case.reference} has been removed from the agenda")
    return redirect("channel:panel-detail", pk=pk)


@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_manage(user=request.user, pk=pk)
    form = F.AttendanceForm(request.POST or None, agencies=selectors.other_agencies())
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(actor=_actor(request), meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Attendance has been recorded")
            return redirect(reverse("channel:panel-detail", args=[pk]) + "#attendance")
    return _form_page(
        request,
        form,
        title="Record attendance",
        caption=str(meeting),
        back=reverse("channel:panel-detail", args=[pk]),
        button="Record attendance",
    )


@require_http_methods(["GET", "POST"])
def agenda_notes(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_manage(user=request.user, pk=pk)
    item = selectors.agenda_item_for_manage(user=request.user, meeting=meeting, pk=item_pk)
    form = F.NotesForm(request.POST or None, initial={"notes": item.notes})
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_record_notes(actor=_actor(request), item=item, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Notes on {item.case.reference} have been saved")
            return redirect(reverse("channel:panel-detail", args=[pk]) + f"#item-{item.pk}")
    return _form_page(
        request,
        form,
        title=f"Notes on {item.case.reference}",
        caption=str(meeting),
        back=reverse("channel:panel-detail", args=[pk]),
        button="Save notes",
    )


@require_http_methods(["GET", "POST"])
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_manage(user=request.user, pk=pk)
    form = F.MinutesForm(request.POST or None, initial={"minutes": meeting.minutes})
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_record_minutes(actor=_actor(request), meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "The minutes have been saved")
            return redirect("channel:panel-detail", pk=pk)
    return _form_page(
        request,
        form,
        title="Minutes",
        caption=str(meeting),
        back=reverse("channel:panel-detail", args=[pk]),
        button="Save minutes",
    )


@require_http_methods(["GET", "POST"])
def decision(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_manage(user=request.user, pk=pk)
    item = selectors.agenda_item_for_manage(user=request.user, meeting=meeting, pk=item_pk)
    form = F.DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(
                actor=_actor(request), meeting=meeting, case=item.case, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, f"The decision on {item.case.reference} has been recorded for the chair to confirm"
            )
            return redirect(reverse("channel:panel-detail", args=[pk]) + f"#item-{item.pk}")
    return _form_page(
        request,
        form,
        title=f"Record the panel's decision on {item.case.reference}",
        caption=str(meeting),
        back=reverse("channel:panel-detail", args=[pk]),
        button="Record decision",
    )


@require_http_methods(["GET", "POST"])
def decision_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair's confirmation page: confirming moves the case."""
    user = _actor(request)
    item = selectors.decision_for(user=user, pk=pk)
    require(user, Action.CONFIRM_PANEL_DECISION, item)
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.decision_confirm(actor=user, decision=item, base_url=_base_url(request))
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, f"The decision on {item.case.reference} has been confirmed")
            return redirect(
                reverse("channel:panel-detail", args=[item.agenda_item.meeting_id])
                + f"#item-{item.agenda_item_id}"
            )
    return render(request, "channel/decision_confirm.html", {"decision": item, "errors": errors})


@require_http_methods(["GET", "POST"])
def decision_supersede(request: HttpRequest, pk: int) -> HttpResponse:
    user = _actor(request)
    item = selectors.decision_for(user=user, pk=pk)
    require(user, Action.MANAGE_PANEL_MEETING, item.agenda_item.meeting)
    if not item.is_current:
        raise Http404
    form = F.SupersedeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_supersede(actor=user, decision=item, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, "The decision has been replaced; the chair needs to confirm the new one"
            )
            return redirect("channel:panel-detail", pk=item.agenda_item.meeting_id)
    intro = (
        f"The current decision is '{item.get_outcome_display()}'. "
        "It will be kept, marked as replaced, with your reason."
    )
    return _form_page(
        request,
        form,
        title=f"Replace the decision on {item.case.reference}",
        caption=str(item.agenda_item.meeting),
        back=reverse("channel:panel-detail", args=[item.agenda_item.meeting_id]),
        button="Replace decision",
        intro=intro,
    )


@require_http_methods(["GET", "POST"])
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_manage(user=request.user, pk=pk)
    agenda_cases = selectors.cases_for_agenda().filter(agenda_items__meeting=meeting)
    form = F.ActionForm(request.POST or None, cases=agenda_cases, owners=selectors.action_owners())
    if request.method == "POST" and form.is_valid():
        try:
            services.action_add(actor=_actor(request), meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "The action has been added")
            return redirect(reverse("channel:panel-detail", args=[pk]) + "#actions")
    return _form_page(
        request,
        form,
        title="Add an action",
        caption=str(meeting),
        back=reverse("channel:panel-detail", args=[pk]),
        button="Add action",
    )


@require_POST
def action_done(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    meeting = selectors.meeting_visible(user=request.user, pk=pk)
    action = PanelAction.objects.filter(pk=action_pk, meeting=meeting).first()
    if action is None:
        raise Http404
    try:
        services.action_mark_done(actor=_actor(request), action=action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The action has been marked as done")
    return redirect(reverse("channel:panel-detail", args=[pk]) + "#actions")


@require_http_methods(["GET"])
def minutes_download(request: HttpRequest, pk: int) -> HttpResponse:
    user = _actor(request)
    meeting = selectors.meeting_for_view(user=user, pk=pk)
    pdf = minutes_pdf(meeting)
    services.minutes_downloaded(actor=user, meeting=meeting)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="channel-panel-{meeting.meeting_on:%Y-%m-%d}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
