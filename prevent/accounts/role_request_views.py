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

from prevent.policy import Action, can, require

from .models import RoleGrantRequest, User
from .selectors import role_grant_request_for, role_grant_requests_pending
from .services import roles as services
from .user_admin_forms import RoleGrantRefuseForm


def _actor(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):  # LoginRequiredMiddleware lets no anonymous user get here
        raise TypeError("a signed-in user is required")
    return user


@require_http_methods(["GET"])
def role_request_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW_ROLE_GRANT_REQUESTS)
    to_decide, others = role_grant_requests_pending(actor=request.user)
    return render(request, "accounts/role_requests/list.html", {"to_decide": to_decide, "others": others})


def _context(request: HttpRequest, grant: RoleGrantRequest) -> dict[str, object]:
    return {
        "grant": grant,
        "may_decide": grant.is_pending and can(request.user, Action.DECIDE_ROLE_GRANT_REQUEST, grant),
        "may_withdraw": grant.is_pending and can(request.user, Action.WITHDRAW_ROLE_GRANT_REQUEST, grant),
    }


@require_http_methods(["GET"])
def role_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.VIEW_ROLE_GRANT_REQUESTS)
    grant = role_grant_request_for(actor=request.user, pk=pk)
    return render(request, "accounts/role_requests/detail.html", _context(request, grant))


def _refused(request: HttpRequest, error: ValidationError, pk: int) -> HttpResponse:
    for message in error.messages:
        messages.error(request, message)
    return redirect("accounts:role-request-detail", pk=pk)


@require_http_methods(["GET", "POST"])
def role_request_approve(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.VIEW_ROLE_GRANT_REQUESTS)
    grant = role_grant_request_for(actor=request.user, pk=pk)
    require(request.user, Action.DECIDE_ROLE_GRANT_REQUEST, grant)
    if request.method == "POST":
        try:
            services.role_grant_request_approve(actor=_actor(request), request=grant)
        except ValidationError as error:
            return _refused(request, error, pk)
        messages.success(request, f"{grant.user.full_name} now has the role {grant.get_role_display()}")
        return redirect("accounts:role-request-list")
    return render(request, "accounts/role_requests/approve.html", _context(request, grant))


@require_http_methods(["GET", "POST"])
def role_request_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.VIEW_ROLE_GRANT_REQUESTS)
    grant = role_grant_request_for(actor=request.user, pk=pk)
    require(request.user, Action.DECIDE_ROLE_GRANT_REQUEST, grant)
    form = RoleGrantRefuseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_grant_request_refuse(
                actor=_actor(request), request=grant, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.add_error("reason", error.message_dict.get("reason", error.messages))
            else:
                return _refused(request, error, pk)
        else:
            messages.success(
                request,
                f"You refused to give {grant.user.full_name} the role {grant.get_role_display()}",
            )
            return redirect("accounts:role-request-list")
    return render(request, "accounts/role_requests/refuse.html", {**_context(request, grant), "form": form})


@require_http_methods(["GET", "POST"])
def role_request_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.VIEW_ROLE_GRANT_REQUESTS)
    grant = role_grant_request_for(actor=request.user, pk=pk)
    require(request.user, Action.WITHDRAW_ROLE_GRANT_REQUEST, grant)
    if request.method == "POST":
        try:
            services.role_grant_request_withdraw(actor=_actor(request), request=grant)
        except ValidationError as error:
            return _refused(request, error, pk)
        messages.success(request, "The request has been withdrawn")
        return redirect("accounts:role-request-list")
    return render(request, "accounts/role_requests/withdraw.html", _context(request, grant))
