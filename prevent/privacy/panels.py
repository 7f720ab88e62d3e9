"""The disposal date on the concern page (prevent/concerns/panels.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prevent.concerns.panels import register_panel

from .retention import dates_for_person

if TYPE_CHECKING:
    from prevent.accounts.models import User
    from prevent.concerns.models import Concern


def retention_panel(user: User, concern: Concern) -> dict[str, Any] | None:
    """The concern's own disposal date and, when it has a person, the date
    their records go together (the latest of theirs). Not for drafts."""
    if concern.is_draft or concern.person_id is None:
        return None
    dates = dates_for_person(concern.person_id)
    own = next((r for r in dates.records if r.record_type == "concern" and r.record_id == concern.pk), None)
    return {"record": own, "dates": dates}


register_panel("retention", template="privacy/panels/retention.html", context=retention_panel)
