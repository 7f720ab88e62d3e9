"""Administrators' pages for organisations and the local-area settings.

Thin views: the policy decides access (403 for anyone who is not an
administrator), a form parses the input, one service writes, then a
redirect with a success banner."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from prevent.policy import Action, require

from . import services
from .admin_forms import (
    LocalAreaSettingsForm,
    OrganisationArchiveForm,
    OrganisationFilterForm,
    OrganisationForm,
)
from .once import once_per_submission
from .pagination import page_number, paginate
from .rules import access_organisation
from .selectors_admin import local_area_settings, local_area_settings_rows, organisations_for_admin
from .view_helpers import actor, submit

PAGE_SIZE = 25


# Organisations ---------------------------------------------------------------


@require_http_methods(["GET"])
def organisation_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.MANAGE_ORGANISATIONS)
    filter_form = OrganisationFilterForm(request.GET or None)
    filters = filter_form.filters()
    organisations = organisations_for_admin(actor=user, **filters)
    page = paginate(organisations, PAGE_SIZE, page_number(request))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "organisations/list.html",
        {"filter_form": filter_form, "page": page, "query": query.urlencode(), "state": filters["state"]},
    )


@require_http_methods(["GET"])
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    require(user, Action.MANAGE_ORGANISATIONS)
    organisation = access_organisation(user, pk)
    return render(request, "organisations/detail.html", {"organisation": organisation})


@require_http_methods(["GET", "POST"])
@once_per_submission
def organisation_add(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.MANAGE_ORGANISATIONS)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = submit(form, services.organisation_create, actor=user, **form.cleaned_data)
        if organisation is not None:
            messages.success(request, f"{organisation.name} has been added")
            return redirect("organisations:detail", pk=organisation.pk)
    return render(request, "organisations/form.html", {"form": form, "title": "Add an organisation"})


@require_http_methods(["GET", "POST"])
def organisation_change(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    require(user, Action.MANAGE_ORGANISATIONS)
    organisation = access_organisation(user, pk)
    initial: dict[str, Any] = {
        "name": organisation.name,
        "sector": organisation.sector,
        "district": organisation.district,
    }
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = submit(
            form, services.organisation_update, actor=user, organisation=organisation, **form.cleaned_data
        )
        if changed is not None:
            messages.success(request, f"The details of {changed.name} have been changed")
            return redirect("organisations:detail", pk=changed.pk)
    return render(
        request,
        "organisations/form.html",
        {"form": form, "title": f"Change {organisation.name}", "organisation": organisation},
    )


@require_http_methods(["GET", "POST"])
def organisation_archive(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    require(user, Action.MANAGE_ORGANISATIONS)
    organisation = access_organisation(user, pk)
    if not organisation.is_active:
        messages.info(request, f"{organisation.name} is already archived")
        return redirect("organisations:detail", pk=organisation.pk)
    form = OrganisationArchiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        archived = submit(
            form, services.organisation_archive, actor=user, organisation=organisation, **form.cleaned_data
        )
        if archived is not None:
            messages.success(request, f"{organisation.name} has been archived")
            return redirect("organisations:detail", pk=organisation.pk)
    return render(request, "organisations/archive.html", {"form": form, "organisation": organisation})


@require_http_methods(["GET", "POST"])
def organisation_restore(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    require(user, Action.MANAGE_ORGANISATIONS)
    organisation = access_organisation(user, pk)
    if organisation.is_active:
        messages.info(request, f"{organisation.name} is not archived")
        return redirect("organisations:detail", pk=organisation.pk)
    if request.method == "POST":
        services.organisation_restore(actor=user, organisation=organisation)
        messages.success(request, f"{organisation.name} has been restored")
        return redirect("organisations:detail", pk=organisation.pk)
    return render(request, "organisations/restore.html", {"organisation": organisation})


# Local area settings ---------------------------------------------------------


@require_http_methods(["GET"])
def local_area_detail(request: HttpRequest) -> HttpResponse:
    require(actor(request), Action.EDIT_LOCAL_AREA_SETTINGS)
    rows = local_area_settings_rows(local_area_settings())
    return render(
        request,
        "local_area/detail.html",
        {"rows": rows, "has_examples": any(row.is_example for row in rows)},
    )


@require_http_methods(["GET", "POST"])
def local_area_change(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.EDIT_LOCAL_AREA_SETTINGS)
    form = LocalAreaSettingsForm(request.POST or None, instance=local_area_settings())
    if request.method == "POST" and form.is_valid():
        saved = submit(form, services.local_area_settings_update, actor=user, data=form.cleaned_data)
        if saved is not None:
            messages.success(request, "The local area settings have been saved")
            return redirect("local-area:detail")
    return render(request, "local_area/form.html", {"form": form})
