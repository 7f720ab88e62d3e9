"""Values every page needs: service name, phase, demo banner, session timeout.
The navigation comes from prevent.home.navigation.navigation (the home app
knows every domain; core knows none)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict[str, object]:
    return {
        "service_name": settings.PREVENT_SERVICE_NAME,
        "service_phase": settings.PREVENT_PHASE,
        "demo_mode": settings.PREVENT_DEMO_MODE,
        "session_timeout_seconds": settings.SESSION_COOKIE_AGE,
        "session_timeout_minutes": settings.SESSION_COOKIE_AGE // 60,
    }
