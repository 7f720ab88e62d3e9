"""The reporting domain's audit actions (see prevent/audit/actions.py)."""

from prevent.audit.actions import register

register(
    "Statistics",
    {
        "statistics_csv_exported": "Statistics exported as CSV",
        "statistics_board_report_exported": "Partnership board report downloaded",
        "statistics_national_return_exported": "National return exported",
        "statistics_api_read": "Statistics read through the API",
        "statistics_refresh_requested": "Statistics refresh asked for",
    },
)
