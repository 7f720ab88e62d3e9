from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "prevent.reporting"
    label = "reporting"
    verbose_name = "Partnership statistics"

    def ready(self) -> None:
        from . import audit_actions, rules  # noqa: F401  (registers the rules and audit actions)
