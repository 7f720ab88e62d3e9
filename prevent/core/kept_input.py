"""A session that timed out keeps the page's input (issue 14 part 6, ADR
0018).

When a signed-out browser POSTs to a page that needs sign-in (the session
ran out while someone was typing), `KeepInputOnSignOutMiddleware` (before
Django's LoginRequiredMiddleware) keeps what was sent, server-side in the
cache for an hour under a random one-time token, never the password,
second-factor or CSRF fields and no files, sets that token in a cookie
of this browser, and sends the user to sign in with `next` set to
`core:kept-input`. After sign-in and the second factor, that page shows what
they typed and offers to send it again to the page it came from: a normal
form POST with a fresh CSRF token, which the page checks as any other
submission (its errors, a stale version: prevent/core/versioning.py). The
token is used once, and only from the browser holding its cookie, by the
user who was signed in on it: every signed-in response refreshes a signed
cookie naming that user (cleared on sign-out), the kept input carries it,
and the page answers 404 to anybody else signing in on the same browser. A
browser that names no user (never signed in, or signed out) keeps
nothing, so an anonymous POST stores nothing server-side."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

COOKIE = "prevent_kept_input"
LAST_USER_COOKIE = "prevent_last_user"
LAST_USER_SALT = "prevent.core.kept_input.last_user"
LAST_USER_SECONDS = 12 * 60 * 60
KEEP_SECONDS = 60 * 60
MAX_FIELDS = 200
MAX_BYTES = 200_000
# Never kept: secrets and the CSRF token (a fresh one goes with the resend).
NEVER = ("password", "csrfmiddlewaretoken", "otp", "token_code", "recovery", "secret")


def _kept(name: str) -> bool:
    lowered = name.lower()
    return not any(word in lowered for word in NEVER)


def _last_user(request: HttpRequest) -> str | None:
    """The user last signed in on this browser, from the signed cookie."""
    value = request.get_signed_cookie(
        LAST_USER_COOKIE, default=None, salt=LAST_USER_SALT, max_age=LAST_USER_SECONDS
    )
    return str(value) if value else None


def _key(token: str) -> str:
    return f"kept-input:{token}"


class KeepInputOnSignOutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        was_signed_in = request.user.is_authenticated
        response = self.get_response(request)
        if request.user.is_authenticated:
            if _last_user(request) != str(request.user.pk):
                response.set_signed_cookie(
                    LAST_USER_COOKIE,
                    str(request.user.pk),
                    salt=LAST_USER_SALT,
                    max_age=LAST_USER_SECONDS,
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
        elif was_signed_in:
            # Signed out on purpose: this browser no longer names anybody.
            response.delete_cookie(LAST_USER_COOKIE)
        return response

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        if request.method != "POST" or request.user.is_authenticated:
            return None
        if not getattr(view_func, "login_required", True):
            return None
        user = _last_user(request)
        if user is None:
            return None
        fields = {k: request.POST.getlist(k) for k in list(request.POST)[:MAX_FIELDS] if _kept(k)}
        if not fields or sum(len(v) for values in fields.values() for v in values) > MAX_BYTES:
            return None
        token = secrets.token_urlsafe(32)
        cache.set(
            _key(token), {"path": request.get_full_path(), "fields": fields, "user": user}, KEEP_SECONDS
        )
        target = reverse("core:kept-input", args=[token])
        response = HttpResponseRedirect(f"{reverse(settings.LOGIN_URL)}?next={target}")
        response.set_cookie(
            COOKIE,
            token,
            max_age=KEEP_SECONDS,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
        return response


@require_http_methods(["GET"])
def kept_input(request: HttpRequest, token: str) -> HttpResponse:
    """After sign-in: what was typed before the session ran out, to send
    again (one time, this browser only)."""
    if request.COOKIES.get(COOKIE) != token:
        raise Http404
    kept = cache.get(_key(token))
    if not kept or kept.get("user") != str(request.user.pk):
        raise Http404
    cache.delete(_key(token))
    if not url_has_allowed_host_and_scheme(kept["path"], allowed_hosts={request.get_host()}):
        raise Http404
    rows = [
        (name.replace("_", " ").capitalize(), value)
        for name, values in kept["fields"].items()
        if name not in ("once_token", "version") and not name.startswith(("merge_", "theirs_"))
        for value in values
        if value
    ]
    hidden = [(name, value) for name, values in kept["fields"].items() for value in values]
    response = render(
        request, "core/kept_input.html", {"action": kept["path"], "rows": rows, "hidden": hidden}
    )
    response.delete_cookie(COOKIE)
    return response
