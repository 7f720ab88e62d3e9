"""Administrators' pages for users.

Thin views: the policy decides access (403 for anyone who is not an
administrator), a form parses the input, one service writes, then a
redirect with a success banner. Refusals from a service show on the form.
Nobody changes their own roles, and roles that see case content are only
requested here: a second person approves them (role_request_views.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from prevent.core.once import once_per_submission
from prevent.core.pagination import page_number, paginate
from prevent.core.view_helpers import actor, submit
from prevent.policy import Action, can, require

from .lockouts import lockout_of
from .models import User
from .roles import CASE_ROLES, Role
from .rules import access_user
from .selectors import pending_role_grant_requests, users_for_admin
from .services import roles as role_services
from .services import users as services
from .two_factor import has_confirmed_device
from .user_admin_forms import UserCreateForm, UserDetailsForm, UserFilterForm, UserRolesForm

PAGE_SIZE = 25


@require_http_methods(["GET"])
def user_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.MANAGE_USERS)
    filter_form = UserFilterForm(request.GET or None)
    users = users_for_admin(actor=user, **filter_form.filters())
    page = paginate(users, PAGE_SIZE, page_number(request))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "users/list.html", {"filter_form": filter_form, "page": page, "query": query.urlencode()}
    )


@require_http_methods(["GET"])
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    require(user, Action.MANAGE_USERS)
    subject = access_user(user, pk)
    return render(
        request,
        "users/detail.html",
        {
            "subject": subject,
            "has_authenticator": has_confirmed_device(subject),
            "may_change_roles": can(user, Action.CHANGE_USER_ROLES, subject),
            "pending_requests": pending_role_grant_requests(actor=user, user=subject),
            "case_roles_need_approval": services.case_roles_need_approval(subject),
            "lockout": lockout_of(subject),
        },
    )


def _labels(roles: list[str]) -> str:
    return ", ".join(Role(r).label for r in roles)


def _with_note(message: str, before: frozenset[str], subject: User) -> str:
    """A success message, and the case roles the change stopped (ADR 0007:
    a new email address or second factor needs a second person's approval
    before the account sees case content again)."""
    requested = role_services.ordered_roles((before & CASE_ROLES) - subject.roles)
    if not requested:
        return message
    return (
        f"{message}. {_labels(requested)} stopped until a second person approves giving them back. "
        "Prevent Coordinators have been told"
    )


def _approval_note(requested: list[str]) -> str:
    if not requested:
        return ""
    return (
        f"Giving them {_labels(requested)} needs approval from a Prevent Coordinator or "
        "someone who holds the role. Prevent Coordinators have been told"
    )


@require_http_methods(["GET", "POST"])
@once_per_submission
def user_add(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.MANAGE_USERS)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subject = submit(
            form,
            services.user_create,
            actor=user,
            base_url=request.build_absolute_uri("/"),
            **form.cleaned_data,
        )
        if subject is not None:
            requested = [r.role for r in pending_role_grant_requests(actor=user, user=subject)]
            note = _approval_note(requested)
            messages.success(
                request,
                f"{subject.full_name} has been added and sent an invitation to {subject.email}"
                + (f". {note}" if note else ""),
            )
            return redirect("users:detail", pk=subject.pk)
    return render(request, "users/add.html", {"form": form})


@require_http_methods(["GET", "POST"])
def user_change(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    require(user, Action.MANAGE_USERS)
    subject = access_user(user, pk)
    initial: dict[str, Any] = {
        "full_name": subject.full_name,
        "email": subject.email,
        "job_title": subject.job_title,
        "organisation": subject.organisation_id,
    }
    form = UserDetailsForm(request.POST or None, initial=initial, current_organisation=subject.organisation)
    if request.method == "POST" and form.is_valid():
        before = subject.roles
        changed = submit(form, services.user_update, actor=user, user=subject, **form.cleaned_data)
        if changed is not None:
            messages.success(
                request, _with_note(f"The details of {changed.full_name} have been changed", before, changed)
            )
            return redirect("users:detail", pk=changed.pk)
    return render(
        request,
        "users/change.html",
        {
            "form": form,
            "subject": subject,
            "case_roles_need_approval": services.case_roles_need_approval(subject),
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_submission
def user_roles(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    require(user, Action.MANAGE_USERS)
    subject = access_user(user, pk)
    pending = pending_role_grant_requests(actor=user, user=subject)
    if not can(user, Action.CHANGE_USER_ROLES, subject):
        # Your own roles: explain, and refuse a POST (the service refuses too).
        status = 403 if request.method == "POST" else 200
        return render(request, "users/roles_own.html", {"subject": subject}, status=status)
    form = UserRolesForm(request.POST or None, initial={"roles": sorted(subject.roles)})
    if request.method == "POST" and form.is_valid():
        roles = form.cleaned_data["roles"]
        change = submit(form, role_services.user_set_roles, actor=user, user=subject, roles=roles)
        if change is not None:
            parts = []
            if change.granted or change.removed:
                parts.append(f"The roles of {subject.full_name} have been changed")
            if change.requested:
                parts.append(_approval_note(change.requested))
            if change.already_requested:
                parts.append(f"{_labels(change.already_requested)} is already waiting for approval")
            if not parts:
                parts.append(f"The roles of {subject.full_name} have not changed")
            messages.success(request, ". ".join(parts))
            return redirect("users:detail", pk=subject.pk)
    return render(request, "users/roles.html", {"form": form, "subject": subject, "pending": pending})


def _confirm(
    request: HttpRequest,
    pk: int,
    *,
    service: Callable[..., User],
    template: str,
    success: str,
    **extra: Any,
) -> HttpResponse:
    """A confirmation page (GET) and the change it confirms (POST)."""
    user = actor(request)
    require(user, Action.MANAGE_USERS)
    subject = access_user(user, pk)
    if request.method == "POST":
        before = subject.roles
        try:
            changed = service(actor=user, user=subject, **extra)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _with_note(success.format(name=subject.full_name), before, changed))
        return redirect("users:detail", pk=subject.pk)
    return render(
        request,
        template,
        {
            "subject": subject,
            "is_self": subject.pk == user.pk,
            "case_roles_need_approval": services.case_roles_need_approval(subject),
        },
    )


@require_http_methods(["GET", "POST"])
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirm(
        request,
        pk,
        service=services.user_deactivate,
        template="users/deactivate.html",
        success="{name} has been deactivated and signed out everywhere",
    )


@require_http_methods(["GET", "POST"])
def user_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirm(
        request,
        pk,
        service=services.user_reactivate,
        template="users/reactivate.html",
        success="{name} has been reactivated",
    )


@require_http_methods(["GET", "POST"])
def user_reset_second_factor(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirm(
        request,
        pk,
        service=services.user_reset_second_factor,
        template="users/reset_second_factor.html",
        success="The second factor of {name} has been reset. They must set up an authenticator app "
        "when they next sign in",
    )


@require_http_methods(["GET", "POST"])
def user_resend_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirm(
        request,
        pk,
        service=services.user_resend_invitation,
        template="users/resend_invitation.html",
        success="A new invitation has been sent to {name}",
        base_url=request.build_absolute_uri("/"),
    )
