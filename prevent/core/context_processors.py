"""Values every page needs: service name, phase, demo banner, navigation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .navigation import navigation_for


def service(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "service_name": settings.PREVENT_SERVICE_NAME,
        "service_phase": settings.PREVENT_PHASE,
        "demo_mode": settings.PREVENT_DEMO_MODE,
        "session_timeout_seconds": settings.SESSION_COOKIE_AGE,
        "session_timeout_minutes": settings.SESSION_COOKIE_AGE // 60,
        "navigation": navigation_for(user, request.path),
    }
