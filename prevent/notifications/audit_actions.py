"""The audit actions of the notifications app (see prevent/audit/actions.py)."""

from prevent.audit.actions import register

register(
    "Notifications",
    {
        "notification_preference_changed": "Email notification preference changed",
        "failed_notification_retried": "Failed email sent again",
    },
)
