"""The database router (config/routers.py, ADR 0029): statistics reads go to
the replica when one is configured, outside transactions only; writes and
migrations stay on default. The end-to-end test runs when the suite is run
with the replica mirror (PREVENT_TEST_REPLICA=1, as .ci/run does)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from config import routers
from prevent.accounts.roles import Role
from prevent.concerns.models import Concern

router = routers.ReplicaRouter()


@pytest.fixture
def replica(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(routers, "replica_configured", lambda: True)


def test_without_a_replica_every_read_goes_to_default() -> None:
    if "replica" in settings.DATABASES:
        pytest.skip("the replica mirror is configured in this run")
    with routers.statistics_reads():
        assert router.db_for_read(Concern) is None


def test_statistics_reads_go_to_the_replica(replica: None) -> None:
    assert router.db_for_read(Concern) is None  # an ordinary read
    with routers.statistics_reads():
        assert router.db_for_read(Concern) == "replica"
    assert router.db_for_read(Concern) is None  # and only inside


def test_writes_and_migrations_stay_on_default(replica: None) -> None:
    with routers.statistics_reads():
        assert router.db_for_write(Concern) == "default"
    assert router.allow_migrate("default", "concerns")
    assert not router.allow_migrate("replica", "concerns")


@pytest.mark.django_db(transaction=True)
def test_a_read_inside_a_transaction_stays_on_the_primary(replica: None) -> None:
    with routers.statistics_reads(), transaction.atomic():
        assert router.db_for_read(Concern) is None


@pytest.mark.django_db(transaction=True)  # and the replica, when it is configured (conftest.py)
def test_the_statistics_page_reads_from_the_replica_and_others_do_not(
    make_user: Callable[..., Any], client_for: Callable[[Any], Client]
) -> None:
    if "replica" not in settings.DATABASES:
        pytest.skip("run with PREVENT_TEST_REPLICA=1 (the replica mirror), as .ci/run does")
    client = client_for(make_user(Role.PARTNERSHIP_ANALYST))
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        assert client.get("/statistics/").status_code == 200
    assert any("concerns_concern" in query["sql"] for query in on_replica.captured_queries)
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        assert client.get("/").status_code == 200
    assert on_replica.captured_queries == []
