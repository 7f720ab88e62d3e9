"""List and detail pages cost a bounded number of queries, small or large."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from prevent.accounts.models import User
from prevent.training.models import Booking, Requirement, TrainingSession
from prevent.training.tests.conftest import schedule

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [2, 40])
def test_session_pages_and_own_page_are_bounded(
    count: int,
    make_user: Any,
    org: Any,
    coordinator: Any,
    trainer: Any,
    wrap: Any,
    client_for: Any,
    django_assert_max_num_queries: Any,
) -> None:
    Requirement.objects.create(organisation=org, job_group="all_staff", course=wrap)
    sessions = [schedule(coordinator, trainer, wrap, capacity=count) for _ in range(count)]
    User.objects.bulk_create(
        User(email=f"b{i}@x.example", full_name=f"B {i}", organisation=org) for i in range(count)
    )
    people = list(User.objects.filter(email__endswith="@x.example"))
    Booking.objects.bulk_create(Booking(session=sessions[0], user=u, status="booked") for u in people)
    staff, trainer_client = client_for(people[0]), client_for(trainer)
    with django_assert_max_num_queries(14):
        assert staff.get(reverse("training:session-list")).status_code == 200
    with django_assert_max_num_queries(14):
        assert staff.get(reverse("training:index")).status_code == 200
    with django_assert_max_num_queries(14):
        assert (
            trainer_client.get(reverse("training:session-detail", args=[sessions[0].pk])).status_code == 200
        )
    with django_assert_max_num_queries(14):
        assert (
            trainer_client.get(reverse("training:session-attendance", args=[sessions[0].pk])).status_code
            == 200
        )
    assert TrainingSession.objects.count() == count
