"""Vulnerability Assessment Framework pages: a new assessment and one recorded."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from prevent.core.once import once_per_submission
from prevent.core.view_helpers import actor, submit

from .. import selectors, services
from ..forms import VAFForm


@require_http_methods(["GET", "POST"])
@once_per_submission
def vaf_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    case = selectors.case_for_manage(user=user, pk=pk)
    framework = selectors.current_framework()
    if framework is None:
        raise Http404
    form = VAFForm(request.POST or None, dimensions=selectors.framework_with_factors(framework))
    if request.method == "POST" and form.is_valid():
        ratings, summaries = form.result()
        assessment = submit(
            form,
            services.vaf_record_assessment,
            actor=user,
            case=case,
            framework=framework,
            ratings=ratings,
            summaries=summaries,
            overall_judgement=form.cleaned_data["overall_judgement"],
        )
        if assessment is not None:
            messages.success(request, "The vulnerability assessment has been recorded")
            return redirect("channel:vaf-detail", pk=pk, assessment_pk=assessment.pk)
    return render(request, "channel/vaf_form.html", {"form": form, "case": case, "framework": framework})


@require_http_methods(["GET"])
def vaf_detail(request: HttpRequest, pk: int, assessment_pk: int) -> HttpResponse:
    user = actor(request)
    case = selectors.case_visible(user=user, pk=pk)
    assessment = selectors.assessment_for_view(user=user, case=case, pk=assessment_pk)
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
