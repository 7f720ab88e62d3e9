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
    },
)
