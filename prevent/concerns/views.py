"""Pages for recording a concern, triage, referrals and people.

Thin views: a selector finds the record the user may see (404 otherwise), a
form parses the input, one service writes. A question page always keeps
what was typed, valid or not."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from prevent.accounts.models import User
from prevent.core.models import LocalAreaSettings
from prevent.policy import Action, can, require

from . import forms as F
from . import selectors, services
from . import steps as S
from .models import ConcernAttachment, ConcernStatus, ReferralDestination


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


def _as_querydict(raw: dict[str, list[str]]) -> QueryDict:
    qd = QueryDict(mutable=True)
    for key, values in raw.items():
        qd.setlist(key, values)
    return qd


# The user's own concerns and starting one.


def _cannot_record(request: HttpRequest) -> HttpResponse:
    """Refused (403), with whom to ask: the SPOC, or the administrator for
    the Practitioner role."""
    user = _actor(request)
    return render(
        request,
        "concerns/cannot_record.html",
        {"spocs": selectors.organisation_spocs(user), "has_organisation": user.organisation_id is not None},
        status=403,
    )


@require_http_methods(["GET"])
def index(request: HttpRequest) -> HttpResponse:
    if not can(request.user, Action.RECORD_CONCERN):
        return _cannot_record(request)
    concerns = selectors.own_concerns(request.user)
    return render(request, "concerns/index.html", {"concerns": concerns})


@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    """The first question, before anything else: is anyone in immediate danger?"""
    if not can(request.user, Action.RECORD_CONCERN):
        return _cannot_record(request)
    form = F.EmergencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        concern = services.concern_create_draft(
            actor=_actor(request), emergency=form.cleaned_data["emergency"]
        )
        if concern.emergency == "yes":
            return redirect("concerns:step", pk=concern.pk, step=S.EMERGENCY_CALL)
        return redirect("concerns:draft", pk=concern.pk)
    return render(request, "concerns/steps/emergency.html", {"form": form, "concern": None})


# Drafts.


def _step_status(concern: Any, step: S.Step) -> str:
    if step.slug in (concern.completed_steps or []):
        return "completed"
    if step.slug in (concern.answers or {}):
        return "in_progress"
    return "not_started"


@require_http_methods(["GET"])
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    concern = selectors.concern_for_edit(user=request.user, pk=pk)
    tasks = [
        {
            "step": step,
            "status": _step_status(concern, step),
            "href": reverse("concerns:step", args=[pk, step.slug]),
        }
        for step in S.steps_for(concern)
    ]
    missing = S.missing_required_steps(concern)
    return render(request, "concerns/draft.html", {"concern": concern, "tasks": tasks, "ready": not missing})


def _step_form(step: str, data: Any, concern: Any) -> tuple[Form, dict[str, Any]]:
    """The form of a step, bound to `data` when given, with its page context."""
    extra: dict[str, Any] = {}
    form: Form
    if step == S.EMERGENCY:
        form = F.EmergencyForm(data, initial={"emergency": concern.emergency})
    elif step == S.EMERGENCY_CALL:
        form = F.EmergencyCallForm(data)
        extra["local"] = LocalAreaSettings.load()
    elif step == S.PERSON:
        form = F.PersonForm(data)
    elif step == S.SUPPORT:
        form = F.SupportForm(data)
    elif step == S.CONCERN:
        form = F.ConcernDetailsForm(data)
    elif step == S.FACTORS:
        form = F.FactorsForm(data, areas=selectors.guidance_areas())
    elif step == S.INFLUENCES:
        form = F.InfluencesForm(data, influences=selectors.guidance_influences())
    elif step == S.CONCERN_TYPE:
        form = F.ConcernTypeForm(data, concern_types=selectors.guidance_concern_types())
    else:
        raise Http404
    return form, extra


def _cleaned(step: str, form: Form) -> dict[str, Any]:
    if isinstance(form, F.FactorsForm | F.InfluencesForm | F.ConcernTypeForm):
        return form.result()
    return form.cleaned_data


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    concern = selectors.concern_for_edit(user=request.user, pk=pk)
    if step not in {s.slug for s in S.steps_for(concern)}:
        raise Http404
    if step == S.ATTACHMENTS:
        return _attachments_step(request, concern)
    if request.method == "POST":
        form, extra = _step_form(step, request.POST, concern)
        valid = form.is_valid()
        concern = services.concern_save_step(
            actor=_actor(request),
            concern=concern,
            step=step,
            answers=F.step_answers(form),
            cleaned=_cleaned(step, form) if valid else None,
        )
        if valid:
            if (
                step == S.EMERGENCY
                and concern.emergency == "yes"
                and S.EMERGENCY_CALL not in concern.completed_steps
            ):
                return redirect("concerns:step", pk=pk, step=S.EMERGENCY_CALL)
            return redirect("concerns:draft", pk=pk)
    else:
        saved = (concern.answers or {}).get(step)
        form, extra = _step_form(step, _as_querydict(saved) if saved else None, concern)
    if step == S.PERSON:
        services.concern_draft_viewed(actor=_actor(request), concern=concern, page="the person's details")
    return render(
        request,
        f"concerns/steps/{step.replace('-', '_')}.html",
        {"form": form, "concern": concern, "step": S.STEPS_BY_SLUG[step], **extra},
    )


def _attachments_step(request: HttpRequest, concern: Any) -> HttpResponse:
    form = F.AttachmentForm()
    if request.method == "POST":
        if request.POST.get("action") == "continue":
            services.concern_save_step(
                actor=_actor(request), concern=concern, step=S.ATTACHMENTS, answers={}, cleaned={}
            )
            return redirect("concerns:draft", pk=concern.pk)
        form = F.AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                attachment = services.concern_add_attachment(
                    actor=_actor(request), concern=concern, upload=form.cleaned_data["file"]
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"{attachment.original_name} has been uploaded")
                return redirect("concerns:step", pk=concern.pk, step=S.ATTACHMENTS)
    attachments = concern.attachments.all()
    return render(
        request,
        "concerns/steps/attachments.html",
        {
            "form": form,
            "concern": concern,
            "attachments": attachments,
            "step": S.STEPS_BY_SLUG[S.ATTACHMENTS],
        },
    )


@require_POST
def attachment_remove(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    concern = selectors.concern_for_edit(user=request.user, pk=pk)
    attachment = concern.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    services.concern_remove_attachment(actor=_actor(request), attachment=attachment)
    messages.success(request, f"{attachment.original_name} has been removed")
    return redirect("concerns:step", pk=pk, step=S.ATTACHMENTS)


@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, pk: int) -> HttpResponse:
    concern = selectors.draft_with_details(user=request.user, pk=pk)
    missing = S.missing_required_steps(concern)
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.concern_submit(actor=_actor(request), concern=concern, base_url=_base_url(request))
        except ValidationError as error:
            errors = error.messages
        else:
            return redirect("concerns:submitted", pk=pk)
    services.concern_draft_viewed(actor=_actor(request), concern=concern, page="the check your answers page")
    return render(
        request,
        "concerns/check.html",
        {"concern": concern, "missing": missing, "errors": errors, **_display_context()},
    )


def _display_context() -> dict[str, Any]:
    from prevent.core.models import District

    from .models import CareNeed, Gender, ServiceInvolved

    return {
        "care_need_choices": CareNeed.choices,
        "service_choices": ServiceInvolved.choices,
        "gender_choices": Gender.choices,
        "district_choices": District.choices,
    }


@require_http_methods(["GET"])
def submitted(request: HttpRequest, pk: int) -> HttpResponse:
    concern = selectors.concern_owned(user=request.user, pk=pk)
    if concern.status == ConcernStatus.DRAFT:
        return redirect("concerns:draft", pk=pk)
    return render(request, "concerns/submitted.html", {"concern": concern})


# A submitted concern.


@require_http_methods(["GET"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _actor(request)
    concern = selectors.concern_for_view(user=user, pk=pk)
    if concern.status == ConcernStatus.DRAFT:
        return redirect("concerns:draft", pk=pk)
    services.concern_viewed(actor=user, concern=concern)
    may_link = can(user, Action.LINK_PERSON, concern)
    requests_ = list(concern.information_requests.all())
    open_request = next((r for r in reversed(requests_) if r.answered_at is None), None)
    context = {
        "concern": concern,
        "information_requests": requests_,
        "open_request": open_request,
        "may_triage": can(user, Action.TRIAGE_CONCERN, concern),
        "may_answer": can(user, Action.ANSWER_CONCERN_QUESTION, concern),
        "may_add_addendum": can(user, Action.ADD_CONCERN_ADDENDUM, concern),
        "may_update_referrals": can(user, Action.UPDATE_REFERRAL, _ReferralProbe(concern)),
        "may_link": may_link,
        "matches": selectors.possible_matches(user=user, concern=concern) if may_link else [],
        "may_view_person": concern.person_id is not None,
        **_display_context(),
    }
    return render(request, "concerns/detail.html", context)


class _ReferralProbe:
    """Asks UPDATE_REFERRAL about any referral of this concern."""

    def __init__(self, concern: Any) -> None:
        self.concern = concern


@require_http_methods(["GET"])
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    user = _actor(request)
    concern = selectors.concern_visible(user=user, pk=pk)
    attachment = ConcernAttachment.objects.filter(pk=attachment_pk, concern=concern).first()
    if attachment is None:
        raise Http404
    attachment.concern = concern
    services.attachment_downloaded(actor=user, attachment=attachment)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_http_methods(["GET", "POST"])
def addendum(request: HttpRequest, pk: int) -> HttpResponse:
    concern = selectors.concern_visible(user=request.user, pk=pk)
    require(request.user, Action.ADD_CONCERN_ADDENDUM, concern, hide=True)
    form = F.AddendumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_add_addendum(actor=_actor(request), concern=concern, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Your addendum has been added")
            return redirect("concerns:detail", pk=pk)
    return render(request, "concerns/addendum.html", {"form": form, "concern": concern})


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    concern = selectors.concern_visible(user=request.user, pk=pk)
    require(request.user, Action.ANSWER_CONCERN_QUESTION, concern, hide=True)
    open_request = concern.information_requests.filter(answered_at__isnull=True).order_by("-asked_at").first()
    form = F.AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_answer_question(
                actor=_actor(request),
                concern=concern,
                answer=form.cleaned_data["answer"],
                base_url=_base_url(request),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Your answer has been sent to your Single Point of Contact")
            return redirect("concerns:detail", pk=pk)
    return render(
        request, "concerns/answer.html", {"form": form, "concern": concern, "open_request": open_request}
    )


# Triage.


@require_http_methods(["GET"])
def triage_queue(request: HttpRequest) -> HttpResponse:
    queue = selectors.triage_queue(request.user)
    referrals = selectors.referrals_for_spoc(request.user)
    return render(request, "concerns/triage_queue.html", {"queue": queue, "referrals": referrals})


REFERRAL_SLOTS = 3


@require_http_methods(["GET", "POST"])
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    concern = selectors.concern_visible(user=request.user, pk=pk)
    require(request.user, Action.TRIAGE_CONCERN, concern, hide=True)
    data = request.POST or None
    form = F.DecisionForm(data)
    referral_forms = [F.ReferralForm(data, prefix=f"referral-{i}") for i in range(1, REFERRAL_SLOTS + 1)]
    if request.method == "POST":
        valid = form.is_valid()
        valid = all([rf.is_valid() for rf in referral_forms]) and valid
        if valid:
            referrals = [
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
            try:
                services.triage_record_decision(
                    actor=_actor(request),
                    concern=concern,
                    pyramid_level=int(form.cleaned_data["pyramid_level"]),
                    rationale=form.cleaned_data["rationale"],
                    referrals=referrals,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"Your decision on {concern.reference} has been recorded")
                return redirect("concerns:detail", pk=pk)
    summary = [*form.error_summary_items()]  # type: ignore[attr-defined]
    for i, rf in enumerate(referral_forms, start=1):
        summary.extend((a, f"Referral {i}: {m}") for a, m in rf.error_summary_items())
    return render(
        request,
        "concerns/decision.html",
        {
            "form": form,
            "referral_forms": referral_forms,
            "concern": concern,
            "summary": summary,
            "local": LocalAreaSettings.load(),
            "police_prevent": ReferralDestination.POLICE_PREVENT,
        },
    )


@require_http_methods(["GET", "POST"])
def request_information(request: HttpRequest, pk: int) -> HttpResponse:
    concern = selectors.concern_visible(user=request.user, pk=pk)
    require(request.user, Action.TRIAGE_CONCERN, concern, hide=True)
    form = F.RequestInformationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.triage_request_more_information(
                actor=_actor(request),
                concern=concern,
                question=form.cleaned_data["question"],
                base_url=_base_url(request),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Your question has been sent to the practitioner")
            return redirect("concerns:detail", pk=pk)
    return render(request, "concerns/request_information.html", {"form": form, "concern": concern})


@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, pk: int) -> HttpResponse:
    concern = selectors.concern_visible(user=request.user, pk=pk)
    require(request.user, Action.TRIAGE_CONCERN, concern, hide=True)
    form = F.CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.triage_close_no_further_action(
                actor=_actor(request), concern=concern, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{concern.reference} has been closed with no further action")
            return redirect("concerns:detail", pk=pk)
    return render(request, "concerns/close.html", {"form": form, "concern": concern})


@require_http_methods(["GET", "POST"])
def referral_update(request: HttpRequest, pk: int) -> HttpResponse:
    referral = selectors.referral_for_update(user=request.user, pk=pk)
    form = F.ReferralUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_update_status(actor=_actor(request), referral=referral, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "The referral has been updated")
            return redirect(
                reverse("concerns:detail", args=[referral.concern_id]) + f"#referral-{referral.pk}"
            )
    return render(request, "concerns/referral_update.html", {"form": form, "referral": referral})


# People.


@require_http_methods(["GET", "POST"])
def link_person(request: HttpRequest, pk: int) -> HttpResponse:
    user = _actor(request)
    concern = selectors.concern_visible(user=user, pk=pk)
    require(user, Action.LINK_PERSON, concern, hide=True)
    matches = selectors.possible_matches(user=user, concern=concern)
    form = F.LinkPersonForm(request.POST or None, matches=matches)
    if request.method == "POST" and form.is_valid():
        person = next(p for p in matches if str(p.pk) == form.cleaned_data["person"])
        services.person_link(actor=user, concern=concern, person=person)
        messages.success(request, f"{concern.reference} has been linked to the existing person record")
        return redirect("concerns:detail", pk=pk)
    services.person_matches_viewed(actor=user, concern=concern, matches=matches)
    return render(
        request, "concerns/link_person.html", {"form": form, "concern": concern, "matches": matches}
    )


@require_http_methods(["GET"])
def person(request: HttpRequest, pk: int) -> HttpResponse:
    user = _actor(request)
    subject = selectors.person_for_view(user=user, pk=pk)
    services.person_viewed(actor=user, person=subject)
    entries = selectors.chronology(user=user, person=subject)
    return render(request, "persons/detail.html", {"person": subject, "entries": entries})
