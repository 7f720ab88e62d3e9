"""prevent.core.references: one counter for every reference, in the
existing formats."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from prevent.core.models import ReferenceCounter
from prevent.core.references import next_reference


class Boom(Exception):
    pass


@pytest.mark.django_db
def test_references_keep_the_existing_formats_and_count_up() -> None:
    assert next_reference("PH", year=2026) == "PH-2026-00001"
    assert next_reference("PH", year=2026) == "PH-2026-00002"
    assert next_reference("CH", year=2026) == "CH-2026-00001"
    assert next_reference("GW", year=2026) == "GW-2026-00001"


@pytest.mark.django_db
def test_each_prefix_and_year_counts_on_its_own() -> None:
    next_reference("PH", year=2026)
    assert next_reference("PH", year=2027) == "PH-2027-00001"
    assert next_reference("PH", year=2026) == "PH-2026-00002"
    assert ReferenceCounter.objects.count() == 2


@pytest.mark.django_db
def test_the_year_defaults_to_this_year_in_the_service_time_zone() -> None:
    year = timezone.localdate().year
    assert next_reference("CH") == f"CH-{year}-00001"


@pytest.mark.django_db
def test_numbers_past_five_digits_still_count() -> None:
    ReferenceCounter.objects.create(prefix="PH", year=2026, last_number=99_999)
    assert next_reference("PH", year=2026) == "PH-2026-100000"


@pytest.mark.django_db
def test_a_rolled_back_write_gives_its_number_back() -> None:
    assert next_reference("PH", year=2026) == "PH-2026-00001"
    with pytest.raises(Boom), transaction.atomic():
        assert next_reference("PH", year=2026) == "PH-2026-00002"
        raise Boom
    assert next_reference("PH", year=2026) == "PH-2026-00002"


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["ph", "P", "PH-", "PH 1", ""])
def test_a_malformed_prefix_is_refused(prefix: str) -> None:
    with pytest.raises(ValueError, match="prefix"):
        next_reference(prefix, year=2026)


@pytest.mark.django_db
@pytest.mark.skipif(not connection.features.has_select_for_update, reason="SQLite serialises writers itself")
def test_the_counter_row_is_locked_while_the_number_is_taken() -> None:
    ReferenceCounter.objects.create(prefix="PH", year=2026, last_number=4)
    with CaptureQueriesContext(connection) as queries:
        next_reference("PH", year=2026)
    assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries)
