"""Exit: the chair's closing report, the exit itself, and the post-exit reviews."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from prevent.core import clock
from prevent.core.once import once_per_submission
from prevent.core.view_helpers import actor, submit
from prevent.policy import Action

from .. import selectors, services
from ..forms import ClosingReportForm, ReviewForm
from ._common import form_page


@require_http_methods(["GET", "POST"])
@once_per_submission
def closing_report(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    case = selectors.case_for(user=user, pk=pk, action=Action.COMPLETE_CLOSING_REPORT)
    form = ClosingReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = submit(form, services.closing_report_complete, actor=user, case=case, **form.cleaned_data)
        if report is not None:
            messages.success(request, "The closing report has been completed")
            return redirect("channel:case-exit", pk=pk)
    return form_page(
        request,
        form,
        title="Complete the closing report",
        caption=case.reference,
        back=reverse("channel:case-detail", args=[pk]),
        button="Complete closing report",
    )


@require_http_methods(["GET", "POST"])
@once_per_submission
def case_exit(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page: exit cannot be undone."""
    user = actor(request)
    case = selectors.case_for(user=user, pk=pk, action=Action.EXIT_CHANNEL_CASE)
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
    today = clock.today()
    return render(
        request,
        "channel/case_exit.html",
        {
            "case": case,
            "errors": errors,
            "review_6": services.add_months(today, 6),
            "review_12": services.add_months(today, 12),
            "has_report": hasattr(case, "closing_report"),
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_submission
def review_record(request: HttpRequest, pk: int, review_pk: int) -> HttpResponse:
    user = actor(request)
    case = selectors.case_visible(user=user, pk=pk)
    review = selectors.review_for_record(user=user, case=case, pk=review_pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        recorded = submit(
            form, services.post_exit_review_record, actor=user, review=review, **form.cleaned_data
        )
        if recorded is not None:
            if recorded.new_referral is not None:
                messages.success(
                    request,
                    f"Re-referral {recorded.new_referral.reference} has been added to the gateway queue",
                )
            else:
                messages.success(request, "The review has been recorded")
            return redirect("channel:case-detail", pk=pk)
    return form_page(
        request,
        form,
        title=f"Record the {review.months}-month review",
        caption=case.reference,
        back=reverse("channel:case-detail", args=[pk]),
        button="Record review",
    )
