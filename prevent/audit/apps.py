from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "prevent.audit"
    label = "audit"
    verbose_name = "Audit"
