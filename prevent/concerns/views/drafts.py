"""Recording a concern: starting it, its steps, check your answers, submitting.

Every step comes from the registry in prevent/concerns/steps.py: its form,
template and page context; the service writes it. A question page always
keeps what was typed, valid or not."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from prevent.core.once import once_per_submission
from prevent.core.view_helpers import actor, add_errors
from prevent.policy import Action, can

from .. import forms as F
from .. import selectors, services
from .. import steps as S
from ..models import Concern
from ..rules import access_attachment, access_concern
from ._common import as_querydict, cannot_record, display_context


@require_http_methods(["GET"])
def index(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    if not can(user, Action.RECORD_CONCERN):
        return cannot_record(request)
    concerns = list(selectors.own_concerns(user))
    services.own_concerns_viewed(actor=user, concerns=concerns)
    return render(request, "concerns/index.html", {"concerns": concerns})


@require_http_methods(["GET", "POST"])
@once_per_submission
def new(request: HttpRequest) -> HttpResponse:
    """The first question, before anything else: is anyone in immediate danger?"""
    user = actor(request)
    if not can(user, Action.RECORD_CONCERN):
        return cannot_record(request)
    form = F.EmergencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        concern = services.concern_create_draft(actor=user, emergency=form.cleaned_data["emergency"])
        return _next_after(concern, S.EMERGENCY)
    return render(request, S.STEPS_BY_SLUG[S.EMERGENCY].template, {"form": form, "concern": None})


def _status(concern: Concern, step: S.Step) -> str:
    if step.slug in (concern.completed_steps or []):
        return "completed"
    if step.slug in (concern.answers or {}):
        return "in_progress"
    return "not_started"


def _next_after(concern: Concern, slug: str) -> HttpResponse:
    """After a valid step: the step it leads to when that applies and is not
    done yet (the 999 call after "yes"), else the task list."""
    follow = S.STEPS_BY_SLUG[slug].leads_to
    if follow and S.step_for(concern, follow) and follow not in (concern.completed_steps or []):
        return redirect("concerns:step", pk=concern.pk, step=follow)
    return redirect("concerns:draft", pk=concern.pk)


@require_http_methods(["GET"])
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    concern = access_concern(actor(request), pk, Action.EDIT_CONCERN_DRAFT)
    tasks = [
        {
            "step": step,
            "status": _status(concern, step),
            "href": reverse("concerns:step", args=[pk, step.slug]),
        }
        for step in S.steps_for(concern)
    ]
    ready = not S.missing_required_steps(concern)
    return render(request, "concerns/draft.html", {"concern": concern, "tasks": tasks, "ready": ready})


@require_http_methods(["GET", "POST"])
@once_per_submission
def step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    user = actor(request)
    concern = access_concern(user, pk, Action.EDIT_CONCERN_DRAFT)
    definition = S.step_for(concern, step)
    if definition is None:
        raise Http404
    if definition.form is None:
        return _attachments_step(request, concern, definition)
    if request.method == "POST":
        form = definition.make_form(concern, request.POST)
        valid = form.is_valid()
        concern = services.concern_save_step(
            actor=user,
            concern=concern,
            step=step,
            answers=F.step_answers(form),
            cleaned=form.result() if valid and isinstance(form, F.StepForm) else None,
        )
        if valid:
            return _next_after(concern, step)
    else:
        saved = (concern.answers or {}).get(step)
        form = definition.make_form(concern, as_querydict(saved) if saved else None)
    if definition.shows_person:
        services.concern_draft_viewed(actor=user, concern=concern, page="the person's details")
    context = {"form": form, "concern": concern, "step": definition, **definition.page_context()}
    return render(request, definition.template, context)


def _attachments_step(request: HttpRequest, concern: Concern, definition: S.Step) -> HttpResponse:
    user = actor(request)
    form = F.AttachmentForm()
    if request.method == "POST":
        if request.POST.get("action") == "continue":
            services.concern_save_step(
                actor=user, concern=concern, step=definition.slug, answers={}, cleaned={}
            )
            return redirect("concerns:draft", pk=concern.pk)
        form = F.AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                attachment = services.concern_add_attachment(
                    actor=user, concern=concern, upload=form.cleaned_data["file"]
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, f"{attachment.original_name} has been uploaded")
                return redirect("concerns:step", pk=concern.pk, step=definition.slug)
    context = {"form": form, "concern": concern, "attachments": concern.attachments.all(), "step": definition}
    return render(request, definition.template, context)


@require_POST
def attachment_remove(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    user = actor(request)
    concern = access_concern(user, pk, Action.EDIT_CONCERN_DRAFT)
    attachment = access_attachment(user, concern, attachment_pk, Action.EDIT_CONCERN_DRAFT)
    services.concern_remove_attachment(actor=user, attachment=attachment)
    messages.success(request, f"{attachment.original_name} has been removed")
    return redirect("concerns:step", pk=pk, step=S.ATTACHMENTS)


@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    concern = selectors.draft_with_details(user=user, pk=pk)
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.concern_submit(actor=user, concern=concern)
        except ValidationError as error:
            errors = error.messages
        else:
            return redirect("concerns:submitted", pk=pk)
    services.concern_draft_viewed(actor=user, concern=concern, page="the check your answers page")
    context = {
        "concern": concern,
        "missing": S.missing_required_steps(concern),
        "errors": errors,
        "summaries": S.summaries(concern),
        **display_context(),
    }
    return render(request, "concerns/check.html", context)


@require_http_methods(["GET"])
def submitted(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    concern = access_concern(user, pk)
    if concern.raised_by_id != user.pk:
        raise Http404
    if concern.is_draft:
        return redirect("concerns:draft", pk=pk)
    return render(request, "concerns/submitted.html", {"concern": concern})
