"""System checks for the email provider (PREVENT_EMAIL_PROVIDER)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register("prevent")
def check_email_provider(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    provider = getattr(settings, "PREVENT_EMAIL_PROVIDER", "django")
    if provider not in ("django", "notify"):
        return [
            Error(
                f"PREVENT_EMAIL_PROVIDER is {provider!r}: it must be 'django' or 'notify'",
                id="prevent.E101",
            )
        ]
    if provider == "notify":
        missing = [
            name
            for name in ("PREVENT_NOTIFY_API_KEY", "PREVENT_NOTIFY_TEMPLATE_ID")
            if not getattr(settings, name, "")
        ]
        if missing:
            return [
                Error(
                    f"GOV.UK Notify is the email provider but {', '.join(missing)} is not set",
                    hint="See docs/operations.md, 'Email: providers, notifications and failures'",
                    id="prevent.E102",
                )
            ]
    return []
