"""Every write of the self-assessment: one transaction each, the policy
asked first, the audit event written in the same transaction. By sub-domain:

- template.py: publishing a new template version;
- assessments.py: starting one, its details, each objective's answers,
  evidence files and rating, submitting it;
- actions.py: the actions arising;
- reads.py: audited reads (evidence downloads, exports).

Reminders are in prevent/self_assessment/reminders.py."""

from .actions import action_remove, action_save
from .assessments import (
    Upload,
    assessment_save_objective,
    assessment_start,
    assessment_submit,
    assessment_update_details,
    submission_problems,
)
from .reads import assessment_export, evidence_file_download, overview_export
from .template import template_publish

__all__ = [
    "Upload",
    "action_remove",
    "action_save",
    "assessment_export",
    "assessment_save_objective",
    "assessment_start",
    "assessment_submit",
    "assessment_update_details",
    "evidence_file_download",
    "overview_export",
    "submission_problems",
    "template_publish",
]
