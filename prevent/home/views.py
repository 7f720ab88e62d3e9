""" "Your work" (the home page) and a person's chronology."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from prevent.core.view_helpers import actor
from prevent.policy import Action, require

from .chronology import person_chronology
from .services import person_chronology_viewed
from .work import work_sections_for


@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.VIEW_HOME)
    return render(request, "home/home.html", {"sections": work_sections_for(user)})


@require_http_methods(["GET"])
def person_chronology_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    found = person_chronology(user=user, pk=pk)
    person_chronology_viewed(actor=user, chronology=found)
    return render(request, "home/person_chronology.html", {"person": found.person, "entries": found.entries})
