"""Requires a verified second factor before any page that is not exempt.

A user who has given the right password is signed in but not verified:
every request then goes to the second-factor step (or to setting one up)
until they complete it. Fails closed: only views marked with
`second_factor_not_required` (and the public pages, which are also
`login_not_required`) are reachable before that."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .two_factor import has_confirmed_device, is_verified, second_factor_required


def second_factor_not_required(view: Callable[..., Any]) -> Callable[..., Any]:
    view.second_factor_required = False  # type: ignore[attr-defined]
    return view


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated:
            return None
        if not getattr(view_func, "login_required", True):
            return None
        if not getattr(view_func, "second_factor_required", True):
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None
        if not second_factor_required(user):  # type: ignore[arg-type]
            return None
        if is_verified(user):
            return None
        if has_confirmed_device(user):  # type: ignore[arg-type]
            return redirect("accounts:two-factor-verify")
        return redirect("accounts:two-factor-setup")
