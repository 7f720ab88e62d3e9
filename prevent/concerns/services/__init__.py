"""Writes for concerns, triage and referrals, by sub-domain:

- drafts.py: a draft, its steps and attachments, and its submission;
- triage.py: the SPOC's decision, questions and answers, closing, addenda;
- referrals.py: a referral's status and outcome (also for Channel:
  `referral_record_outcome`);
- reads.py: audited reads of pages that show a person.

Each service checks the policy first, validates the move against the table
of allowed transitions (`_common.TRANSITIONS`, `referrals.REFERRAL_TRANSITIONS`),
writes and records its audit event in one transaction. Emails go through
`prevent.core.notify` after the commit and hold links and references only.
People are created and linked by prevent/people/services.py."""

from ._common import TRANSITIONS, spoc_recipients
from .drafts import (
    concern_add_attachment,
    concern_create_draft,
    concern_remove_attachment,
    concern_save_step,
    concern_submit,
)
from .reads import (
    attachment_downloaded,
    concern_draft_viewed,
    concern_list_viewed,
    concern_viewed,
    own_concerns_viewed,
    person_matches_viewed,
    person_viewed,
)
from .referrals import (
    REFERRAL_TRANSITIONS,
    gateway_path,
    referral_add_information,
    referral_record_outcome,
    referral_update_status,
)
from .triage import (
    PYRAMID_LEVELS,
    ReferralInput,
    concern_add_addendum,
    concern_answer_question,
    open_information_request,
    triage_close_no_further_action,
    triage_record_decision,
    triage_request_more_information,
)

__all__ = [
    "PYRAMID_LEVELS",
    "REFERRAL_TRANSITIONS",
    "TRANSITIONS",
    "ReferralInput",
    "attachment_downloaded",
    "concern_add_addendum",
    "concern_add_attachment",
    "concern_answer_question",
    "concern_create_draft",
    "concern_draft_viewed",
    "concern_list_viewed",
    "concern_remove_attachment",
    "concern_save_step",
    "concern_submit",
    "concern_viewed",
    "gateway_path",
    "open_information_request",
    "own_concerns_viewed",
    "person_matches_viewed",
    "person_viewed",
    "referral_add_information",
    "referral_record_outcome",
    "referral_update_status",
    "spoc_recipients",
    "triage_close_no_further_action",
    "triage_record_decision",
    "triage_request_more_information",
]
