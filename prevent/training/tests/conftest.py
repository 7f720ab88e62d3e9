from __future__ import annotations

import datetime as dt
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps as django_apps

from prevent.accounts.roles import Role
from prevent.core import clock
from prevent.training import services
from prevent.training.models import AccreditedTrainer, Course, CourseKind, TrainingSession
from tests.factories import OrganisationFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def wrap(db: Any) -> Course:
    """The seeded WRAP course (seeded again after a transactional test's flush)."""
    if not Course.objects.exists():
        import_module("prevent.training.migrations.0002_seed_courses").seed(django_apps, None)
    return Course.objects.get(kind=CourseKind.WRAP)


@pytest.fixture
def org(db: Any) -> Any:
    return OrganisationFactory(name="Cherwell School")


@pytest.fixture
def coordinator(make_user: Any) -> Any:
    return make_user(Role.PREVENT_COORDINATOR, full_name="Cora Coordinator")


@pytest.fixture
def trainer(make_user: Any, coordinator: Any) -> Any:
    user = make_user(full_name="Tess Trainer")
    AccreditedTrainer.objects.create(user=user, accredited_by=coordinator)
    return user


@pytest.fixture
def spoc(make_user: Any, org: Any) -> Any:
    return make_user(Role.SPOC, organisation=org, full_name="Sam Spoc")


def schedule(
    actor: Any, trainer: Any, course: Course, *, capacity: int = 2, on: dt.date | None = None
) -> TrainingSession:
    return services.session_schedule(
        actor=actor,
        course=course,
        date=on or clock.today(),
        start_time=dt.time(9, 30),
        end_time=dt.time(12, 0),
        trainer=trainer,
        capacity=capacity,
        venue="County Hall, Oxford",
    )


from tests.browser.conftest import (  # noqa: E402, F401  (the browser fixtures, for test_browser)
    _flush_past_audit_triggers,
    axe,
    browser,
    context,
    live_server,
    make_context,
    page,
    playwright_instance,
    signed_in_page,
)
