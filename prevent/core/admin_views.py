"""Administrators' pages for organisations and the local-area settings.

Thin views: the policy decides access (403 for anyone who is not an
administrator), a form parses the input, one service writes, then a
redirect with a success banner."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from prevent.accounts.models import User
from prevent.core.pagination import page_number, paginate
from prevent.policy import Action, require

from . import services
from .admin_forms import (
    LocalAreaSettingsForm,
    OrganisationArchiveForm,
    OrganisationFilterForm,
    OrganisationForm,
)
from .models import LocalAreaSettings
from .selectors_admin import local_area_settings_rows, organisation_for_admin, organisations_for_admin

PAGE_SIZE = 25


def _actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _add_errors(form: BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: on its field when the form has one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# Organisations ---------------------------------------------------------------


@require_http_methods(["GET"])
def organisation_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.MANAGE_ORGANISATIONS)
    filter_form = OrganisationFilterForm(request.GET or None)
    filters = filter_form.filters()
    organisations = organisations_for_admin(actor=request.user, **filters)
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
    require(request.user, Action.MANAGE_ORGANISATIONS)
    organisation = organisation_for_admin(actor=request.user, pk=pk)
    return render(request, "organisations/detail.html", {"organisation": organisation})


@require_http_methods(["GET", "POST"])
def organisation_add(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.MANAGE_ORGANISATIONS)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(actor=_actor(request), **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{organisation.name} has been added")
            return redirect("organisations:detail", pk=organisation.pk)
    return render(request, "organisations/form.html", {"form": form, "title": "Add an organisation"})


@require_http_methods(["GET", "POST"])
def organisation_change(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.MANAGE_ORGANISATIONS)
    organisation = organisation_for_admin(actor=request.user, pk=pk)
    initial: dict[str, Any] = {
        "name": organisation.name,
        "sector": organisation.sector,
        "district": organisation.district,
    }
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_update(
                actor=_actor(request), organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"The details of {organisation.name} have been changed")
            return redirect("organisations:detail", pk=organisation.pk)
    return render(
        request,
        "organisations/form.html",
        {"form": form, "title": f"Change {organisation.name}", "organisation": organisation},
    )


@require_http_methods(["GET", "POST"])
def organisation_archive(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.MANAGE_ORGANISATIONS)
    organisation = organisation_for_admin(actor=request.user, pk=pk)
    if not organisation.is_active:
        messages.info(request, f"{organisation.name} is already archived")
        return redirect("organisations:detail", pk=organisation.pk)
    form = OrganisationArchiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_archive(
                actor=_actor(request), organisation=organisation, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{organisation.name} has been archived")
            return redirect("organisations:detail", pk=organisation.pk)
    return render(request, "organisations/archive.html", {"form": form, "organisation": organisation})


@require_http_methods(["GET", "POST"])
def organisation_restore(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.MANAGE_ORGANISATIONS)
    organisation = organisation_for_admin(actor=request.user, pk=pk)
    if organisation.is_active:
        messages.info(request, f"{organisation.name} is not archived")
        return redirect("organisations:detail", pk=organisation.pk)
    if request.method == "POST":
        services.organisation_restore(actor=_actor(request), organisation=organisation)
        messages.success(request, f"{organisation.name} has been restored")
        return redirect("organisations:detail", pk=organisation.pk)
    return render(request, "organisations/restore.html", {"organisation": organisation})


# Local area settings ---------------------------------------------------------


@require_http_methods(["GET"])
def local_area_detail(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.EDIT_LOCAL_AREA_SETTINGS)
    rows = local_area_settings_rows(LocalAreaSettings.load())
    return render(
        request,
        "local_area/detail.html",
        {"rows": rows, "has_examples": any(row.is_example for row in rows)},
    )


@require_http_methods(["GET", "POST"])
def local_area_change(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.EDIT_LOCAL_AREA_SETTINGS)
    form = LocalAreaSettingsForm(request.POST or None, instance=LocalAreaSettings.load())
    if request.method == "POST" and form.is_valid():
        try:
            services.local_area_settings_update(actor=_actor(request), data=form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "The local area settings have been saved")
            return redirect("local-area:detail")
    return render(request, "local_area/form.html", {"form": form})
