"""The triage queue, a person's chronology and the concern page cost the
same number of SQL queries with 1 concern as with 50."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from prevent.concerns import services
from prevent.concerns.models import Concern, ReferralDestination
from prevent.people.services import person_link

from .conftest import make_submitted

pytestmark = pytest.mark.django_db


def _populate(practitioner: Any, spoc: Any, count: int) -> Concern:
    """`count` concerns about the same person, half of them triaged with a
    referral, each with an addendum."""
    first = make_submitted(practitioner)
    for i in range(count):
        concern = first if i == 0 else make_submitted(practitioner)
        if i:
            person_link(actor=spoc, record=concern, person=first.person)  # type: ignore[arg-type]
        services.concern_add_addendum(
            actor=practitioner, concern=concern, section="other", text="t", reason="r"
        )
        if i % 2:
            services.triage_record_decision(
                actor=spoc,
                concern=concern,
                pyramid_level=2,
                rationale="r",
                referrals=[
                    services.ReferralInput(
                        destination=ReferralDestination.CUSTOMER_RESOLUTION_CENTRE,
                        sent_on=timezone.localdate(),
                        method="phone",
                        expected_response_on=timezone.localdate(),
                    )
                ],
            )
    return first


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["queue", "chronology", "concern"])
def test_pages_cost_a_fixed_number_of_queries(
    page: Any, practitioner: Any, spoc: Any, client_for: Any, guidance: Any
) -> None:
    client = client_for(spoc)
    counts = []
    first = None
    for total in (1, 50):
        first = _populate(practitioner, spoc, total if first is None else total - 1)
        url = {
            "queue": reverse("concerns:triage-queue"),
            "chronology": reverse("concerns:person", args=[first.person_id]),
            "concern": reverse("concerns:detail", args=[first.pk]),
        }[page]
        _count(client, url)  # warm caches (sessions, content types)
        counts.append(_count(client, url))
    assert Concern.objects.count() >= 50
    assert counts[0] == counts[1], counts
    assert counts[1] <= 40
