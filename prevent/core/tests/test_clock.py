"""The clock services read: the real time, or a time set by code only."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from prevent.core import clock


def test_now_is_the_real_time_by_default() -> None:
    before = timezone.now()
    assert before <= clock.now() <= timezone.now()


def test_as_of_sets_now_and_today_and_restores_them() -> None:
    with clock.as_of(dt.date(2026, 3, 2)) as moment:
        assert clock.today() == dt.date(2026, 3, 2)
        assert clock.now() == moment
        assert timezone.is_aware(clock.now())
        with clock.as_of(dt.datetime(2025, 12, 25, 9, 30)):
            assert clock.today() == dt.date(2025, 12, 25)
        assert clock.today() == dt.date(2026, 3, 2)
    assert clock.today() == timezone.localdate()


def test_today_is_in_the_local_time_zone() -> None:
    late_utc = dt.datetime(2026, 7, 1, 23, 30, tzinfo=dt.UTC)  # 00:30 on 2 July in London
    with clock.as_of(late_utc):
        assert clock.today() == dt.date(2026, 7, 2)
