"""The audit actions of the API (see prevent/audit/actions.py)."""

from prevent.audit.actions import register

register(
    "API",
    {
        "api_token_issued": "API token issued",
        "api_token_revoked": "API token revoked",
        "api_records_read": "Records read through the API",
        "webhook_registered": "Webhook endpoint registered",
        "webhook_disabled": "Webhook endpoint turned off",
        "webhook_delivery_failed": "Webhook delivery failed after every retry",
    },
)
