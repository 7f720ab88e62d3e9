from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The API for partner systems (/api/v1/, decision 0019): scoped, hashed,
    expiring tokens issued by administrators, rate limits, and signed
    webhooks that tell a partner a referral's outcome changed (decision 0020)."""

    name = "prevent.api"
    label = "api"
    verbose_name = "API for partner systems"

    def ready(self) -> None:
        from . import audit_actions, rules, schema, webhooks  # noqa: F401  (registers actions, rules, schema extensions, the hook)
