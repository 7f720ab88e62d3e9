"""Audit actions of the operators' commands in core (see prevent/audit/actions.py)."""

from prevent.audit.actions import register

register(
    "Backups",
    {
        "backup_restored": "Database and private files restored from a backup",
    },
)
