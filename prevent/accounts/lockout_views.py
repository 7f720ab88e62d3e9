"""The administrator's page to unlock an account django-axes locked after
repeated failed sign-ins: a confirmation (GET) and the unlock (POST)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from prevent.core.view_helpers import actor
from prevent.policy import Action, require

from .lockouts import lockout_of
from .rules import access_user
from .services.lockouts import user_unlock


@require_http_methods(["GET", "POST"])
def user_unlock_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    require(user, Action.MANAGE_USERS)
    subject = access_user(user, pk)
    if request.method == "POST":
        try:
            user_unlock(actor=user, user=subject)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"{subject.full_name or subject.email} can sign in again")
        return redirect("users:detail", pk=subject.pk)
    return render(request, "users/unlock.html", {"subject": subject, "lockout": lockout_of(subject)})
