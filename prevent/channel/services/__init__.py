"""Writes for the police gateway and Channel Panel case management, one
module per sub-domain (gateway, cases, information, assessment, panels,
decisions, consent, support, exit; reminders are in ../reminders.py).

Each service checks the policy first, validates the move against the tables
of allowed transitions, writes and records its audit event in one
transaction. Emails go after the commit and hold links and references only,
never a person's details."""

from ._common import (  # noqa: F401
    CASE_TRANSITIONS,
    DECISION_TARGET,
    REVIEW_MONTHS,
    add_months,
    agency_recipients,
)
from .assessment import (  # noqa: F401
    vaf_record_assessment,
)
from .cases import (  # noqa: F401
    case_add_safeguarding_link,
    case_list_viewed,
    case_viewed,
)
from .consent import (  # noqa: F401
    CONSENT_MOVES,
    ConsentInput,
    consent_record,
)
from .decisions import (  # noqa: F401
    decision_confirm,
    decision_record,
    decision_supersede,
)
from .exit import (  # noqa: F401
    case_exit,
    closing_report_complete,
    post_exit_review_record,
)
from .gateway import (  # noqa: F401
    GATEWAY_TRANSITIONS,
    ExternalPerson,
    gateway_concern_referral_viewed,
    gateway_history_viewed,
    gateway_log_external_referral,
    gateway_record_assessment,
    gateway_referral_from_concern,
    gateway_referral_viewed,
)
from .information import (  # noqa: F401
    information_request_answer,
    information_request_send,
    information_request_viewed,
    response_file_downloaded,
)
from .panels import (  # noqa: F401
    Schedule,
    action_add,
    action_mark_done,
    agenda_add_case,
    agenda_record_notes,
    agenda_remove_case,
    attendance_record,
    is_working_day,
    meeting_record_minutes,
    meeting_viewed,
    minutes_downloaded,
    next_working_day,
    panel_build_agenda,
    panel_generate_schedule,
    panel_set_members,
    panel_update_details,
)
from .support import (  # noqa: F401
    intervention_add,
    intervention_add_progress,
    intervention_change,
    intervention_end,
    provider_add,
    provider_archive,
)
