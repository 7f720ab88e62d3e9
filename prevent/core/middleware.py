"""Keeps pages with personal data out of every cache.

Every response to a signed-in user (pages, redirects, file downloads and
CSV/PDF exports) and every file download sends `Cache-Control: private,
no-store`, so no shared proxy or browser back-forward cache keeps a copy
of a concern, a case or the audit log. It replaces any `Cache-Control` a
view set. Static files never reach this middleware's check: WhiteNoise
answers them before sessions and authentication run, so they keep their
long-lived caching."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

NO_STORE = "private, no-store"


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)  # unset for static files and early errors
    return bool(user is not None and user.is_authenticated)


def _is_download(response: HttpResponseBase) -> bool:
    return response.get("Content-Disposition", "").lower().startswith("attachment")


class NoStoreForSignedInMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if _signed_in(request) or _is_download(response):
            response["Cache-Control"] = NO_STORE
            if "Expires" in response:
                del response["Expires"]
        return response
