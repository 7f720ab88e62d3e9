"""The sign-in rate limit (django-ratelimit) beside django-axes' lockout.

Axes locks an account or an address after repeated failures; this limit
counts every sign-in attempt from one address, failed or not
(PREVENT_SIGN_IN_RATE_LIMIT, default 20 a minute), in the shared cache, and
answers 429 beyond it. The sign-in view is decorated with
`@ratelimit(group="sign-in", key="ip", rate="prevent.api.ratelimits.sign_in_rate", method="POST")`;
the address is the audit log's (RATELIMIT_IP_META_KEY), and
RatelimitMiddleware turns the refusal into `too_many_requests`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def sign_in_rate(group: str, request: HttpRequest) -> str:
    return str(settings.PREVENT_SIGN_IN_RATE_LIMIT)


def too_many_requests(request: HttpRequest, exception: Any = None) -> HttpResponse:
    response = render(request, "api/too_many_requests.html", status=429)
    response["Retry-After"] = "60"
    return response
