"""Retention and who-looked panels for other apps' pages:

    {% load privacy %}{% record_retention case %}     (a Channel case, a gateway referral)
    {% load privacy %}{% person_privacy person %}     (the person page)

Each costs a bounded number of queries (retention.dates_for_person, and for
coordinators one query of the audit log)."""

from __future__ import annotations

from typing import Any

from django import template

from prevent.policy import Action, can

from ..access_history import Look, who_looked
from ..retention import dates_for_person

register = template.Library()

RECENT = 10


@register.inclusion_tag("privacy/panels/record_retention.html")
def record_retention(record: Any) -> dict[str, Any]:
    dates = dates_for_person(record.person_id)
    label = record._meta.label_lower
    kind = {"channel.channelcase": "channel_case", "channel.gatewayreferral": "gateway_referral"}.get(label)
    own = next((r for r in dates.records if r.record_type == kind and r.record_id == record.pk), None)
    return {"panel": {"record": own, "dates": dates}}


@register.inclusion_tag("privacy/panels/person_privacy.html", takes_context=True)
def person_privacy(context: template.Context, person: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    coordinator = user is not None and can(user, Action.VIEW_PERSON_ACCESS, person)
    looks = [Look(e) for e in who_looked(person)[:RECENT]] if coordinator else []
    return {
        "person": person,
        "dates": dates_for_person(person.pk),
        "coordinator": coordinator,
        "may_export": user is not None and can(user, Action.EXPORT_SUBJECT_ACCESS, person),
        "looks": looks,
    }
