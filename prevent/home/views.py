""" "Your work" (the home page) and a person's chronology."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from prevent.core.downloads import private_file_response
from prevent.core.view_helpers import actor
from prevent.policy import Action, require

from .chronology import KINDS, person_chronology
from .chronology_forms import ChronologyFilterForm
from .chronology_pdf import chronology_filename, chronology_pdf
from .services import person_chronology_exported, person_chronology_viewed
from .work import work_sections_for


@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.VIEW_HOME)
    return render(request, "home/home.html", {"sections": work_sections_for(user)})


def _filter_form(request: HttpRequest) -> ChronologyFilterForm:
    """Bound only when a filter was sent, so the plain page shows no errors."""
    return ChronologyFilterForm(request.GET or None)


@require_http_methods(["GET"])
def person_chronology_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    form = _filter_form(request)
    found = person_chronology(user=user, pk=pk, filters=form.filters())
    person_chronology_viewed(actor=user, chronology=found)
    query = request.GET.urlencode() if form.is_bound and form.is_valid() else ""
    return render(
        request,
        "home/person_chronology.html",
        {
            "person": found.person,
            "entries": found.entries,
            "rows": [(entry, KINDS.get(entry.kind, "")) for entry in found.entries],
            "total": found.total,
            "filters": found.filters,
            "kinds": KINDS,
            "form": form,
            "query": query,
        },
    )


@require_http_methods(["GET"])
def person_chronology_download(request: HttpRequest, pk: int) -> FileResponse:
    user = actor(request)
    found = person_chronology(user=user, pk=pk, filters=_filter_form(request).filters())
    person_chronology_exported(actor=user, chronology=found)
    return private_file_response(
        file=chronology_pdf(found), filename=chronology_filename(found), content_type="application/pdf"
    )
