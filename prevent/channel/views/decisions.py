"""Panel decisions: recording one on an agenda item, the chair's
confirmation, and replacing a decision with a new one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from prevent.core.once import once_per_submission
from prevent.core.view_helpers import actor, submit
from prevent.policy import Action, can, require

from .. import selectors, services
from ..forms import DecisionForm, SupersedeForm
from ._common import form_page


def _detail(pk: int, fragment: str = "") -> str:
    return reverse("channel:panel-detail", args=[pk]) + (f"#{fragment}" if fragment else "")


@require_http_methods(["GET", "POST"])
@once_per_submission
def decision(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    user = actor(request)
    meeting = selectors.meeting_for_manage(user=user, pk=pk)
    item = selectors.agenda_item_for_manage(user=user, meeting=meeting, pk=item_pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        recorded = submit(
            form, services.decision_record, actor=user, meeting=meeting, case=item.case, **form.cleaned_data
        )
        if recorded is not None:
            if recorded.confirmed_at is not None:
                messages.success(
                    request, f"The decision on {item.case.reference} has been recorded and confirmed"
                )
            else:
                messages.success(
                    request,
                    f"The decision on {item.case.reference} has been recorded for the chair to confirm",
                )
            return redirect(_detail(pk, f"item-{item.pk}"))
    return form_page(
        request,
        form,
        title=f"Record the panel's decision on {item.case.reference}",
        caption=str(meeting),
        back=_detail(pk),
        button="Record decision",
        intro=(
            "As the chair, your decision is confirmed when you record it."
            if can(user, Action.CONFIRM_PANEL_DECISIONS)
            else "The chair is asked to confirm the decision: the case moves on once they do."
        ),
    )


@require_http_methods(["GET", "POST"])
def decision_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair's confirmation page: confirming moves the case."""
    user = actor(request)
    item = selectors.decision_for(user=user, pk=pk)
    require(user, Action.CONFIRM_PANEL_DECISION, item)
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.decision_confirm(actor=user, decision=item)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, f"The decision on {item.case.reference} has been confirmed")
            return redirect(_detail(item.agenda_item.meeting_id, f"item-{item.agenda_item_id}"))
    return render(request, "channel/decision_confirm.html", {"decision": item, "errors": errors})


@require_http_methods(["GET", "POST"])
@once_per_submission
def decision_supersede(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    item = selectors.decision_for(user=user, pk=pk)
    require(user, Action.MANAGE_PANEL_MEETING, item.agenda_item.meeting)
    if not item.is_current:
        raise Http404
    form = SupersedeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new = submit(form, services.decision_supersede, actor=user, decision=item, **form.cleaned_data)
        if new is not None:
            if new.confirmed_at is not None:
                messages.success(request, "The decision has been replaced and the new one confirmed")
            else:
                messages.success(
                    request, "The decision has been replaced; the chair needs to confirm the new one"
                )
            return redirect("channel:panel-detail", pk=item.agenda_item.meeting_id)
    intro = (
        f"The current decision is '{item.get_outcome_display()}'. "
        "It will be kept, marked as replaced, with your reason."
    )
    return form_page(
        request,
        form,
        title=f"Replace the decision on {item.case.reference}",
        caption=str(item.agenda_item.meeting),
        back=_detail(item.agenda_item.meeting_id),
        button="Replace decision",
        intro=intro,
    )
