"""System checks for settings that must never reach production."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

# The only settings module that may switch demo mode on (make demo).
DEMO_SETTINGS_MODULE = "config.settings.local"
# Demo mode serves only this machine: hosts a browser on it reaches.
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


@register("security", deploy=False)
def demo_mode_only_with_local_settings(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Demo mode (demo users skip the second factor) is allowed only with the
    local settings and only for loopback hosts, so production can never run
    in it. It no longer needs DEBUG on: the demo runs with DEBUG off."""
    if not getattr(settings, "PREVENT_DEMO_MODE", False):
        return []
    errors = []
    if settings.SETTINGS_MODULE != DEMO_SETTINGS_MODULE:
        errors.append(
            Error(
                f"Demo mode is on outside the local settings ({settings.SETTINGS_MODULE}).",
                hint="Demo mode lets demo users skip the second factor: only "
                f"{DEMO_SETTINGS_MODULE} (make demo) may turn it on.",
                id="prevent.E001",
            )
        )
    public = sorted(set(settings.ALLOWED_HOSTS) - LOOPBACK_HOSTS)
    if public:
        errors.append(
            Error(
                f"Demo mode is on for hosts other than this machine: {', '.join(public)}.",
                hint="Demo mode serves 127.0.0.1 and localhost only; set PREVENT_DEMO_MODE=false "
                "to serve other hosts.",
                id="prevent.E002",
            )
        )
    return errors
