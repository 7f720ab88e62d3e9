"""The support plan: interventions, their progress and end, and the list of
approved providers."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from prevent.accounts.models import User
from prevent.core.once import once_per_submission
from prevent.core.versioning import submit_versioned
from prevent.core.view_helpers import actor, submit
from prevent.policy import Action, can, require

from .. import selectors, services
from ..forms import InterventionChangeForm, InterventionEndForm, InterventionForm, ProgressForm, ProviderForm
from ._common import form_page


@require_http_methods(["GET", "POST"])
@once_per_submission
def intervention_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    case = selectors.case_for_manage(user=user, pk=pk)
    providers = selectors.providers()
    form = InterventionForm(request.POST or None, providers=providers)
    if request.method == "POST" and form.is_valid():
        added = submit(form, services.intervention_add, actor=user, case=case, **form.cleaned_data)
        if added is not None:
            messages.success(request, "The intervention has been added to the support plan")
            return redirect("channel:case-detail", pk=pk)
    return form_page(
        request,
        form,
        title="Add an intervention",
        caption=case.reference,
        back=reverse("channel:case-detail", args=[pk]),
        button="Add intervention",
        extra={"providers_help": _providers_help(user, has_any=providers.exists())},
    )


def _providers_help(user: User, *, has_any: bool) -> dict[str, str] | None:
    """Where the providers come from, when there are none to choose."""
    if has_any:
        return None
    if can(user, Action.MANAGE_APPROVED_PROVIDERS):
        return {
            "text": "There are no approved providers yet. Add them on the",
            "link": reverse("channel:providers"),
        }
    return {
        "text": "There are no approved providers yet. Ask the Prevent coordinator to add them.",
        "link": "",
    }


@require_http_methods(["GET", "POST"])
@once_per_submission
def intervention_progress(request: HttpRequest, pk: int, intervention_pk: int) -> HttpResponse:
    user = actor(request)
    intervention = selectors.intervention_for_manage(user=user, case_pk=pk, pk=intervention_pk)
    form = ProgressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = submit(
            form,
            services.intervention_add_progress,
            actor=user,
            intervention=intervention,
            **form.cleaned_data,
        )
        if note is not None:
            messages.success(request, "The progress note has been added")
            return redirect(reverse("channel:case-detail", args=[pk]) + f"#intervention-{intervention.pk}")
    return form_page(
        request,
        form,
        title=f"Progress: {intervention.get_type_display()}",
        caption=intervention.case.reference,
        back=reverse("channel:case-detail", args=[pk]),
        button="Add note",
    )


@require_http_methods(["GET", "POST"])
def intervention_change(request: HttpRequest, pk: int, intervention_pk: int) -> HttpResponse:
    """Change an intervention of the support plan. Saving over a copy
    someone else has changed since shows what changed and keeps what was
    typed (prevent/core/versioning.py)."""
    user = actor(request)
    intervention = selectors.intervention_for_manage(user=user, case_pk=pk, pk=intervention_pk)
    initial = {
        "version": intervention.version,
        "description": intervention.description,
        "review_on": intervention.review_on,
        "outcome": intervention.outcome,
    }
    form = InterventionChangeForm(request.POST or None, initial=initial)
    if request.method == "POST":
        changed = submit_versioned(
            form,
            services.intervention_change,
            actor=user,
            intervention=intervention,
            version=form.loaded_version if form.is_valid() else None,
            **{k: form.cleaned_data.get(k) for k in ("description", "review_on", "outcome")},
        )
        if changed is not None:
            messages.success(request, "The intervention has been changed")
            return redirect(reverse("channel:case-detail", args=[pk]) + f"#intervention-{intervention.pk}")
    return form_page(
        request,
        form,
        title=f"Change: {intervention.get_type_display()}",
        caption=intervention.case.reference,
        back=reverse("channel:case-detail", args=[pk]),
        button="Save changes",
    )


@require_http_methods(["GET", "POST"])
def intervention_end(request: HttpRequest, pk: int, intervention_pk: int) -> HttpResponse:
    user = actor(request)
    intervention = selectors.intervention_for_manage(user=user, case_pk=pk, pk=intervention_pk)
    form = InterventionEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ended = submit(
            form, services.intervention_end, actor=user, intervention=intervention, **form.cleaned_data
        )
        if ended is not None:
            messages.success(request, "The end of the intervention has been recorded")
            return redirect("channel:case-detail", pk=pk)
    return form_page(
        request,
        form,
        title=f"End: {intervention.get_type_display()}",
        caption=intervention.case.reference,
        back=reverse("channel:case-detail", args=[pk]),
        button="Record end",
    )


@require_http_methods(["GET", "POST"])
@once_per_submission
def providers(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.VIEW_APPROVED_PROVIDERS)
    may_manage = can(user, Action.MANAGE_APPROVED_PROVIDERS)
    if request.method == "POST":
        require(user, Action.MANAGE_APPROVED_PROVIDERS)
    form = ProviderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        provider = submit(form, services.provider_add, actor=user, **form.cleaned_data)
        if provider is not None:
            messages.success(request, "The provider has been added")
            return redirect("channel:providers")
    rows = selectors.providers_for_manage(user)[: selectors.LIST_LIMIT]
    return render(request, "channel/providers.html", {"form": form, "rows": rows, "may_manage": may_manage})


@require_POST
def provider_archive(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    provider = selectors.provider_for_archive(user=user, pk=pk)
    services.provider_archive(actor=user, provider=provider)
    messages.success(request, f"{provider.name} has been archived")
    return redirect("channel:providers")
