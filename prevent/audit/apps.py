from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "prevent.audit"
    label = "audit"
    verbose_name = "Audit"

    def ready(self) -> None:
        from . import actions, rules  # noqa: F401  (registers the rules with prevent.policy)

        actions.registered()  # imports each app's audit_actions module, if it has one
