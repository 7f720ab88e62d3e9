"""What the concern pages share."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from prevent.core.models import District
from prevent.core.view_helpers import actor

from .. import selectors
from ..models import CareNeed, Gender, ServiceInvolved


def as_querydict(raw: dict[str, list[str]]) -> QueryDict:
    qd = QueryDict(mutable=True)
    for key, values in raw.items():
        qd.setlist(key, values)
    return qd


def cannot_record(request: HttpRequest) -> HttpResponse:
    """Refused (403), with whom to ask: the SPOC, or the administrator for
    the Practitioner role."""
    user = actor(request)
    return render(
        request,
        "concerns/cannot_record.html",
        {"spocs": selectors.organisation_spocs(user), "has_organisation": user.organisation_id is not None},
        status=403,
    )


def display_context() -> dict[str, Any]:
    """The choices the answers summary shows labels of."""
    return {
        "care_need_choices": CareNeed.choices,
        "service_choices": ServiceInvolved.choices,
        "gender_choices": Gender.choices,
        "district_choices": District.choices,
    }
