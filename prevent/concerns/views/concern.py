"""A submitted concern: its page, attachments, addenda, answers, the person."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from prevent.core.downloads import private_file_response
from prevent.core.once import once_per_submission
from prevent.core.view_helpers import actor, submit
from prevent.people.rules import access_person
from prevent.people.services import person_link
from prevent.policy import Action, can

from .. import forms as F
from .. import selectors, services
from .. import steps as S
from ..panels import panels_for
from ..rules import access_attachment, access_concern
from ._common import display_context


@require_http_methods(["GET"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    concern = selectors.concern_for_view(user=user, pk=pk)
    if concern.is_draft:
        return redirect("concerns:draft", pk=pk)
    services.concern_viewed(actor=user, concern=concern)
    may_link = can(user, Action.LINK_CONCERN_PERSON, concern)
    panels = panels_for(user, concern)
    requests_ = list(concern.information_requests.all())
    context = {
        "concern": concern,
        "information_requests": requests_,
        "open_request": next((r for r in reversed(requests_) if r.answered_at is None), None),
        "may_triage": can(user, Action.TRIAGE_CONCERN, concern),
        "may_answer": can(user, Action.ANSWER_CONCERN_QUESTION, concern),
        "may_add_addendum": can(user, Action.ADD_CONCERN_ADDENDUM, concern),
        "updatable_referrals": selectors.referral_ids_updatable(user, concern),
        "may_link": may_link,
        "matches": selectors.possible_matches(user=user, concern=concern) if may_link else [],
        "may_view_person": concern.person_id is not None,
        "summaries": S.summaries(concern),
        "panels": [p for p in panels if p.name != "referral-history"],
        "history_panel": next((p for p in panels if p.name == "referral-history"), None),
        **display_context(),
    }
    return render(request, "concerns/detail.html", context)


@require_http_methods(["GET"])
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    user = actor(request)
    concern = access_concern(user, pk)
    attachment = access_attachment(user, concern, attachment_pk)
    services.attachment_downloaded(actor=user, attachment=attachment)
    return private_file_response(
        file=attachment.file.open("rb"),
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@require_http_methods(["GET", "POST"])
@once_per_submission
def addendum(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    concern = access_concern(user, pk, Action.ADD_CONCERN_ADDENDUM)
    form = F.AddendumForm(request.POST or None, sections=S.addendum_sections())
    added = None
    if request.method == "POST" and form.is_valid():
        added = submit(form, services.concern_add_addendum, actor=user, concern=concern, **form.cleaned_data)
    if added is not None:
        messages.success(request, "Your addendum has been added")
        return redirect("concerns:detail", pk=pk)
    return render(request, "concerns/addendum.html", {"form": form, "concern": concern})


@require_http_methods(["GET", "POST"])
@once_per_submission
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    concern = access_concern(user, pk, Action.ANSWER_CONCERN_QUESTION)
    form = F.AnswerForm(request.POST or None)
    answered = None
    if request.method == "POST" and form.is_valid():
        answered = submit(
            form, services.concern_answer_question, actor=user, concern=concern, **form.cleaned_data
        )
    if answered is not None:
        messages.success(request, "Your answer has been sent to your Single Point of Contact")
        return redirect("concerns:detail", pk=pk)
    context = {"form": form, "concern": concern, "open_request": services.open_information_request(concern)}
    return render(request, "concerns/answer.html", context)


@require_http_methods(["GET", "POST"])
def link_person(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    concern = access_concern(user, pk, Action.LINK_CONCERN_PERSON)
    matches = selectors.possible_matches(user=user, concern=concern)
    form = F.LinkPersonForm(request.POST or None, matches=matches)
    if request.method == "POST" and form.is_valid():
        person = next((p for p in matches if str(p.pk) == form.cleaned_data["person"]), None)
        if person is None:
            raise Http404
        person_link(actor=user, record=concern, person=person)
        messages.success(request, f"{concern.reference} has been linked to the existing person record")
        return redirect("concerns:detail", pk=pk)
    services.person_matches_viewed(actor=user, concern=concern, matches=matches)
    return render(
        request, "concerns/link_person.html", {"form": form, "concern": concern, "matches": matches}
    )


@require_http_methods(["GET"])
def person(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    subject = access_person(user, pk)
    services.person_viewed(actor=user, person=subject)
    entries = selectors.chronology(user=user, person=subject)
    return render(request, "people/detail.html", {"person": subject, "entries": entries})
