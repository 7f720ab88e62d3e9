"""Information requests: sending one from a case, the agency's list, the
answer, and the files that came with it."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from prevent.core import clock
from prevent.core.downloads import private_file_response
from prevent.core.once import once_per_submission
from prevent.core.view_helpers import actor, submit
from prevent.policy import Action, can, require

from .. import selectors, services
from ..forms import AnswerForm, InformationRequestForm
from ._common import form_page


@require_http_methods(["GET", "POST"])
@once_per_submission
def case_information_request(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    case = selectors.case_for_manage(user=user, pk=pk)
    form = InformationRequestForm(request.POST or None, agencies=selectors.other_agencies())
    if request.method == "POST" and form.is_valid():
        sent = submit(
            form,
            services.information_request_send,
            actor=user,
            case=case,
            **form.cleaned_data,
        )
        if sent is not None:
            messages.success(request, f"Your request has been sent to {sent.agency.name}")
            return redirect("channel:case-detail", pk=pk)
    return form_page(
        request,
        form,
        title="Request information from an agency",
        caption=case.reference,
        back=reverse("channel:case-detail", args=[pk]),
        button="Send request",
    )


@require_http_methods(["GET"])
def information_requests(request: HttpRequest) -> HttpResponse:
    rows = selectors.information_requests_for(actor(request))[: selectors.LIST_LIMIT]
    return render(request, "channel/information_requests.html", {"rows": rows, "today": clock.today()})


@require_http_methods(["GET", "POST"])
@once_per_submission
def information_request(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    item = selectors.information_request_for_view(user=user, pk=pk)
    may_answer = can(user, Action.ANSWER_INFORMATION_REQUEST, item)
    form = AnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require(user, Action.ANSWER_INFORMATION_REQUEST, item, hide=True)
        if form.is_valid():
            upload = form.cleaned_data.get("file")
            answered = submit(
                form,
                services.information_request_answer,
                actor=user,
                request=item,
                response=form.cleaned_data["response"],
                text=form.cleaned_data["text"],
                uploads=[upload] if upload else [],
            )
            if answered is not None:
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
    user = actor(request)
    item = selectors.information_request_for_view(user=user, pk=pk)
    stored = selectors.response_file_of(request=item, pk=file_pk)
    services.response_file_downloaded(actor=user, file=stored)
    return private_file_response(
        file=stored.file.open("rb"), filename=stored.original_name, content_type=stored.content_type
    )
