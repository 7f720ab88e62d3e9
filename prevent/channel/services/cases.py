"""Channel cases: audited reads and links to other safeguarding processes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from prevent.accounts.models import User
from prevent.audit.services import record_event
from prevent.policy import Action, require

from ..models import (
    CaseStatus,
    ChannelCase,
    SafeguardingLink,
    SafeguardingProcess,
)
from ._common import (
    _required,
)


def case_viewed(*, actor: User, case: ChannelCase) -> None:
    require(actor, Action.VIEW_CHANNEL_CASE, case, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor, action="channel_case_viewed", summary=f"Viewed Channel case {case}", obj=case
        )


def case_list_viewed(*, actor: User, cases: list[ChannelCase], status: str = "") -> None:
    """The case list shows each person's name: one audited read per page
    view, naming the cases shown by reference (no personal data)."""
    require(actor, Action.VIEW_CHANNEL_CASES)
    filtered = f", status {status}" if status in CaseStatus.values else ""
    with transaction.atomic():
        record_event(
            actor=actor,
            action="channel_case_list_viewed",
            summary=f"Viewed the Channel case list ({len(cases)} shown{filtered})",
            object_type=ChannelCase._meta.label_lower,
            changes={"cases_shown": {"before": None, "after": [c.reference for c in cases]}},
        )


def case_add_safeguarding_link(
    *, actor: User, case: ChannelCase, process: str, reference: str
) -> SafeguardingLink:
    require(actor, Action.MANAGE_CHANNEL_CASE, case, hide=True)
    errors: dict[str, str] = {}
    if process not in SafeguardingProcess.values:
        errors["process"] = "Select the safeguarding process"
    _required(errors, reference, "reference", "Enter the reference of the process")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        link = SafeguardingLink.objects.create(
            case=case, process=process, reference=reference, added_by=actor
        )
        record_event(
            actor=actor,
            action="channel_safeguarding_link_added",
            summary=f"Linked case {case} to {link.get_process_display()}",
            obj=link,
        )
    return link
