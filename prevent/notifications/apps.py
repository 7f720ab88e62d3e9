from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """The notification centre: what `prevent.core.notify.notify` tells each
    user in the service, their choice of an email each time or a daily
    digest, and the administrators' page of emails that could not be sent."""

    name = "prevent.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from prevent.core.notify import set_in_service_writer

        from . import checks, rules  # noqa: F401  (registers the system checks and the policy rules)
        from .services import record_in_service

        set_in_service_writer(record_in_service)
