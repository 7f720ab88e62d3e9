"""Moving references and reminder markers to core keeps the numbers going
and sends nothing twice (migration channel.0004)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("channel", "0003_person_in_people"), ("core", "0003_references_notifications_reminders")]
AFTER = [("channel", "0004_core_references_and_reminders")]


@pytest.fixture
def back_to_the_latest_schema() -> Any:
    """Whatever happens in the test, leave the database fully migrated for the
    tests that follow (this one moves it back and forth)."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_the_latest_schema")
def test_counters_and_sent_markers_are_copied_to_core(people: dict[str, Any]) -> None:
    from .conftest import open_case

    case = open_case(people)  # takes GW-<year>-00001 and CH-<year>-00001 from core
    year = timezone.localdate().year
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    counters = old.get_model("channel", "CaseCounter").objects
    assert counters.get(kind="CH", year=year).last_number == 1  # copied back by the reverse step
    counters.filter(kind="CH", year=year).update(last_number=41)
    counters.create(kind="GW", year=year - 1, last_number=7)
    request = old.get_model("channel", "InformationRequest").objects.create(
        case_id=case.pk,
        agency_id=people["health"].pk,
        question="q",
        due_on=yesterday,
        sent_by_id=people["coordinator"].pk,
        last_reminder_on=today,
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    from prevent.core.models import ReferenceCounter
    from prevent.core.references import next_reference

    assert ReferenceCounter.objects.get(prefix="GW", year=year - 1).last_number == 7
    assert next_reference("CH") == f"CH-{year}-00042"  # carries on, never back to 00001
    mail.outbox.clear()
    call_command("send_reminders", "--now", "--only=channel-information-request-overdue")
    assert mail.outbox == []  # reminded today already, before the move
    from prevent.core.models import SentReminder

    assert SentReminder.objects.filter(
        name="channel-information-request-overdue", key=f"{request.pk}:{today.isoformat()}"
    ).exists()
