"""Rate limits on the API: per token (or per signed-in user), and failed
authentications per IP address. Counted in the shared database cache
(CACHES), so the limits hold across gunicorn workers. The rates are read
from settings on each request (PREVENT_API_RATE_LIMIT, _ANON_RATE_LIMIT)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from rest_framework.exceptions import AuthenticationFailed, NotAuthenticated, Throttled
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from prevent.audit.middleware import client_ip

from .models import ApiToken


class ApiRateThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self) -> str:
        return str(settings.PREVENT_API_RATE_LIMIT)

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AuthenticationFailures:
    """Requests from one address that did not authenticate (no token, or a
    wrong, revoked or expired one), counted in the shared cache: beyond
    PREVENT_API_ANON_RATE_LIMIT in its period, the address gets 429 before
    any token is looked at. (DRF's own throttles run after authentication,
    so a caller that never authenticates would never reach them.)"""

    def _key(self, request: Request) -> str:
        return f"api-auth-failures:{client_ip(request._request) or 'unknown'}"

    def _rate(self) -> tuple[int, int]:
        number, period = SimpleRateThrottle.parse_rate(None, str(settings.PREVENT_API_ANON_RATE_LIMIT))  # type: ignore[arg-type]
        return int(number or 0), int(period or 60)

    def blocked(self, request: Request) -> int:
        """Seconds to wait, or 0 when the address may try."""
        number, period = self._rate()
        return period if int(cache.get(self._key(request), 0)) >= number else 0

    def record(self, request: Request) -> None:
        _, period = self._rate()
        key = self._key(request)
        if not cache.add(key, 1, period):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, period)


FAILURES = AuthenticationFailures()


class LimitedAuthentication:
    """For API views: refuse an address with too many failed
    authentications (429), and count each failure."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        wait = FAILURES.blocked(request)
        if wait:
            raise Throttled(wait=wait)
        super().initial(request, *args, **kwargs)  # type: ignore[misc]

    def handle_exception(self, exc: Exception) -> Any:
        if isinstance(exc, NotAuthenticated | AuthenticationFailed):
            FAILURES.record(self.request)  # type: ignore[attr-defined]
        return super().handle_exception(exc)  # type: ignore[misc]
