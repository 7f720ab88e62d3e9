"""Requests to give someone a role that sees case content (ADR 0007).

Administrators ask (on a user's roles page); a second person decides here:
not the requester, not the person receiving the role, someone who holds
that role or is a Prevent Coordinator. Each decision has a confirmation
page (GET) and is made by the POST from it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from prevent.core.view_helpers import actor, add_errors
from prevent.policy import Action, can, require

from .models import RoleGrantRequest
from .rules import access_role_grant_request
from .selectors import role_grant_requests_pending
from .services import roles as services
from .user_admin_forms import RoleGrantRefuseForm


@require_http_methods(["GET"])
def role_request_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.VIEW_ROLE_GRANT_REQUESTS)
    to_decide, others = role_grant_requests_pending(actor=user)
    return render(request, "accounts/role_requests/list.html", {"to_decide": to_decide, "others": others})


def _context(request: HttpRequest, grant: RoleGrantRequest) -> dict[str, object]:
    return {
        "grant": grant,
        "may_decide": grant.is_pending and can(request.user, Action.DECIDE_ROLE_GRANT_REQUEST, grant),
        "may_withdraw": grant.is_pending and can(request.user, Action.WITHDRAW_ROLE_GRANT_REQUEST, grant),
    }


@require_http_methods(["GET"])
def role_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    require(user, Action.VIEW_ROLE_GRANT_REQUESTS)
    grant = access_role_grant_request(user, pk)
    return render(request, "accounts/role_requests/detail.html", _context(request, grant))


def _refused(request: HttpRequest, error: ValidationError, pk: int) -> HttpResponse:
    for message in error.messages:
        messages.error(request, message)
    return redirect("accounts:role-request-detail", pk=pk)


@require_http_methods(["GET", "POST"])
def role_request_approve(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    require(user, Action.VIEW_ROLE_GRANT_REQUESTS)
    grant = access_role_grant_request(user, pk, Action.DECIDE_ROLE_GRANT_REQUEST)
    if request.method == "POST":
        try:
            services.role_grant_request_approve(actor=user, request=grant)
        except ValidationError as error:
            return _refused(request, error, pk)
        messages.success(request, f"{grant.user.full_name} now has the role {grant.get_role_display()}")
        return redirect("accounts:role-request-list")
    return render(request, "accounts/role_requests/approve.html", _context(request, grant))


@require_http_methods(["GET", "POST"])
def role_request_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    require(user, Action.VIEW_ROLE_GRANT_REQUESTS)
    grant = access_role_grant_request(user, pk, Action.DECIDE_ROLE_GRANT_REQUEST)
    form = RoleGrantRefuseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_grant_request_refuse(actor=user, request=grant, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                return _refused(request, error, pk)
            add_errors(form, error)
        else:
            messages.success(
                request,
                f"You refused to give {grant.user.full_name} the role {grant.get_role_display()}",
            )
            return redirect("accounts:role-request-list")
    return render(request, "accounts/role_requests/refuse.html", {**_context(request, grant), "form": form})


@require_http_methods(["GET", "POST"])
def role_request_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    require(user, Action.VIEW_ROLE_GRANT_REQUESTS)
    grant = access_role_grant_request(user, pk, Action.WITHDRAW_ROLE_GRANT_REQUEST)
    if request.method == "POST":
        try:
            services.role_grant_request_withdraw(actor=user, request=grant)
        except ValidationError as error:
            return _refused(request, error, pk)
        messages.success(request, "The request has been withdrawn")
        return redirect("accounts:role-request-list")
    return render(request, "accounts/role_requests/withdraw.html", _context(request, grant))
