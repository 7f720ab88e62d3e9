"""Channel case pages: the list, the case, and its safeguarding links."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from prevent.core import clock
from prevent.core.once import once_per_submission
from prevent.core.view_helpers import actor, submit
from prevent.policy import Action, can

from .. import selectors, services
from ..forms import SafeguardingLinkForm
from ..models import CaseStatus
from ._common import form_page


@require_http_methods(["GET"])
def case_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    status = request.GET.get("status", "")
    cases = list(selectors.case_list(user, status=status)[: selectors.LIST_LIMIT])
    services.case_list_viewed(actor=user, cases=cases, status=status)
    return render(
        request, "channel/case_list.html", {"cases": cases, "statuses": CaseStatus.choices, "status": status}
    )


@require_http_methods(["GET"])
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    case = selectors.case_for_view(user=user, pk=pk)
    services.case_viewed(actor=user, case=case)
    decisions = list(case.decisions.all())
    context = {
        "case": case,
        "decisions": decisions,
        "today": clock.today(),
        "may_manage": can(user, Action.MANAGE_CHANNEL_CASE, case),
        "may_close_report": can(user, Action.COMPLETE_CLOSING_REPORT, case)
        and not hasattr(case, "closing_report"),
        "may_exit": can(user, Action.EXIT_CHANNEL_CASE, case),
        "may_support": case.status == CaseStatus.SUPPORT,
        "may_consent": case.status
        in (CaseStatus.AWAITING_CONSENT, CaseStatus.CONSENT_REFUSED, CaseStatus.SUPPORT),
        "may_review": can(user, Action.RECORD_POST_EXIT_REVIEWS),
    }
    return render(request, "channel/case_detail.html", context)


@require_http_methods(["GET", "POST"])
@once_per_submission
def case_safeguarding_link(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    case = selectors.case_for_manage(user=user, pk=pk)
    form = SafeguardingLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        link = submit(form, services.case_add_safeguarding_link, actor=user, case=case, **form.cleaned_data)
        if link is not None:
            messages.success(request, "The safeguarding process has been linked")
            return redirect("channel:case-detail", pk=pk)
    return form_page(
        request,
        form,
        title="Link another safeguarding process",
        caption=case.reference,
        back=reverse("channel:case-detail", args=[pk]),
        button="Add link",
    )
