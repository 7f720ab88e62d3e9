"""System checks for settings that must never reach production."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register("security", deploy=False)
def demo_mode_needs_debug(app_configs: Any, **kwargs: Any) -> list[Error]:
    if getattr(settings, "PREVENT_DEMO_MODE", False) and not settings.DEBUG:
        return [
            Error(
                "Demo mode is on while DEBUG is off.",
                hint="Demo mode lets demo users skip the second factor: use it only with local settings.",
                id="prevent.E001",
            )
        ]
    return []
