"""The audit actions of the people app (see prevent/audit/actions.py)."""

from prevent.audit.actions import register

register(
    "People",
    {
        "person_created": "Person record created",
        "person_updated": "Person's details corrected",
    },
)
