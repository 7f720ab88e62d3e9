"""Pages of the police gateway and Channel, one module per sub-domain. Thin
views: a selector finds the record the user may act on (404 otherwise, via
`prevent.channel.rules`), a form parses the input, one service writes
(`prevent.core.view_helpers.submit` puts a refusal on the form, keeping
everything that was typed)."""

from .assessment import vaf_detail, vaf_new
from .cases import case_detail, case_list, case_safeguarding_link
from .consent import consent
from .decisions import decision, decision_confirm, decision_supersede
from .exit import case_exit, closing_report, review_record
from .gateway import gateway_assess, gateway_assess_concern, gateway_external, gateway_history, gateway_queue
from .information import case_information_request, information_request, information_requests, response_file
from .panels import (
    action_add,
    action_done,
    agenda_add,
    agenda_notes,
    agenda_remove,
    attendance,
    minutes,
    minutes_download,
    panel_build_agenda,
    panel_detail,
    panel_details,
    panel_invitation,
    panel_list,
    panel_members,
    panel_schedule,
)
from .support import (
    intervention_add,
    intervention_change,
    intervention_end,
    intervention_progress,
    provider_archive,
    providers,
)

__all__ = [
    "action_add",
    "action_done",
    "agenda_add",
    "agenda_notes",
    "agenda_remove",
    "attendance",
    "case_detail",
    "case_exit",
    "case_information_request",
    "case_list",
    "case_safeguarding_link",
    "closing_report",
    "consent",
    "decision",
    "decision_confirm",
    "decision_supersede",
    "gateway_assess",
    "gateway_assess_concern",
    "gateway_external",
    "gateway_history",
    "gateway_queue",
    "information_request",
    "information_requests",
    "intervention_add",
    "intervention_change",
    "intervention_end",
    "intervention_progress",
    "minutes",
    "minutes_download",
    "panel_build_agenda",
    "panel_detail",
    "panel_details",
    "panel_invitation",
    "panel_list",
    "panel_members",
    "panel_schedule",
    "provider_archive",
    "providers",
    "response_file",
    "review_record",
    "vaf_detail",
    "vaf_new",
]
