"""The concern pages, by sub-domain: drafts.py (recording a concern),
concern.py (a submitted concern, its attachments, addenda, answers and
person), triage.py (the SPOC's queue, decisions and referrals).

Thin views: an `access_*` helper of rules.py finds the record the user may
act on (404 otherwise), a form parses the input, one service writes
(`submit` puts its refusal on the form)."""

from .concern import addendum, answer, attachment_download, detail, link_person, person
from .drafts import attachment_remove, check, draft, index, new, step, submitted
from .triage import (
    close,
    decision,
    organisation_concerns,
    referral_information,
    referral_update,
    request_information,
    triage_queue,
)

__all__ = [
    "addendum",
    "answer",
    "attachment_download",
    "attachment_remove",
    "check",
    "close",
    "decision",
    "detail",
    "draft",
    "index",
    "link_person",
    "new",
    "organisation_concerns",
    "person",
    "referral_information",
    "referral_update",
    "request_information",
    "step",
    "submitted",
    "triage_queue",
]
