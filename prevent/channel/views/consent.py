"""Recording consent (or its refusal) on a case."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from prevent.core.once import once_per_submission
from prevent.core.view_helpers import actor, submit

from .. import selectors, services
from ..forms import ConsentForm
from ._common import form_page

INTRO = (
    "Support is voluntary. Tell the person (for a child, their parent or guardian) "
    "that support cannot take place without consent."
)


@require_http_methods(["GET", "POST"])
@once_per_submission
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    case = selectors.case_for_manage(user=user, pk=pk)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = services.ConsentInput(**form.cleaned_data)
        record = submit(form, services.consent_record, actor=user, case=case, data=data)
        if record is not None:
            messages.success(request, "Consent has been recorded")
            return redirect("channel:case-detail", pk=pk)
    return form_page(
        request,
        form,
        title="Record consent",
        caption=case.reference,
        back=reverse("channel:case-detail", args=[pk]),
        button="Record consent",
        intro=INTRO,
    )
