"""The audit actions of the people app (see prevent/audit/actions.py)."""

from prevent.audit.actions import register

register(
    "People",
    {
        "person_created": "Person record created",
        "person_updated": "Person's details corrected",
        "people_searched": "People searched",
        "people_list_viewed": "People list viewed",
        "person_duplicates_viewed": "Possible duplicate people viewed",
        "person_merge_viewed": "People viewed to merge them",
        "person_merged": "People merged",
        "person_merge_record_viewed": "Merge of people viewed",
        "person_merge_undone": "Merge of people undone",
        "person_restricted": "Person record restricted",
        "person_restriction_changed": "Who may see a restricted record changed",
        "person_restriction_lifted": "Restriction of a person record lifted",
        "person_restriction_viewed": "Restriction of a person record viewed",
        "break_glass_granted": "Break-glass access to a restricted record",
        "break_glass_report_viewed": "Break-glass report viewed",
    },
)
