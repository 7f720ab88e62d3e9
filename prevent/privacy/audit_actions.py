"""The audit actions of the privacy app (see prevent/audit/actions.py)."""

from prevent.audit.actions import register

register(
    "Data protection",
    {
        "retention_rule_changed": "Retention schedule changed",
        "retention_review_queued": "Records put in the retention review queue",
        "retention_records_kept": "Records kept past their disposal date",
        "disposal_requested": "Disposal asked for (awaiting a second coordinator)",
        "records_disposed": "Records disposed of",
        "subject_access_viewed": "Subject access page opened",
        "subject_access_exported": "Subject access export downloaded",
        "person_access_viewed": "Who looked at a person's record viewed",
        "own_access_history_viewed": "Own access history viewed",
    },
)
