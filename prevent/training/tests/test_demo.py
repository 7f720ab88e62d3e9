"""The demo seeds training (prevent/home/demo/training.py) through the
services: a plan, a full WRAP session with a waiting list, completions from
attendance and declared ones, some expiring within 60 days; the SPOC's and
the practitioner's homes show that work. Loading twice adds nothing."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from prevent.accounts.models import User
from prevent.audit.verify import verify_chain
from prevent.core import clock
from prevent.training.models import (
    Booking,
    BookingStatus,
    Completion,
    CompletionSource,
    CompletionStatus,
    Requirement,
    TrainingSession,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings: Any, wrap: Any) -> None:
    settings.PREVENT_DEMO_MODE = True
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())


def _home(email: str) -> str:
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client.get("/").content.decode()


def test_the_demo_seeds_training_through_the_services(demo: None) -> None:
    today = clock.today()
    assert Requirement.objects.filter(organisation__name="Banbury Meadows Academy").exists()
    full = TrainingSession.objects.get(venue="County Hall, New Road, Oxford")
    statuses = sorted(Booking.objects.filter(session=full).values_list("status", flat=True))
    assert statuses == [BookingStatus.BOOKED] * 2 + [BookingStatus.WAITING] * 2
    attended = Completion.objects.filter(
        source=CompletionSource.ATTENDANCE, status=CompletionStatus.CONFIRMED
    )
    assert attended.count() == 3
    assert all(0 <= (c.valid_until - today).days <= 60 for c in attended)  # type: ignore[operator]
    declared = Completion.objects.filter(source=CompletionSource.DECLARED)
    assert sorted(declared.values_list("status", flat=True)) == ["confirmed", "confirmed", "pending"]
    own = declared.get(user__email="spoc.school@demo.example")
    assert own.decided_by is not None and own.decided_by.email == "coordinator@demo.example"
    assert verify_chain().ok
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    assert Completion.objects.count() == 6 and TrainingSession.objects.count() == 3


def test_the_spocs_and_the_practitioners_homes_show_training_work(demo: None) -> None:
    spoc = _home("spoc.school@demo.example")
    assert "Staff training expiring within 60 days" in spoc
    assert "Priya Shah: Workshop to Raise Awareness of Prevent (WRAP)" in spoc
    assert "Noor Haddad: Channel awareness eLearning" in spoc  # declared, to confirm
    practitioner = _home("practitioner@demo.example")
    assert "Your training" in practitioner and "Expires soon" in practitioner
    assert "Session to book" in practitioner
