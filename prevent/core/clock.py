"""The time services read: `clock.now()` and `clock.today()`.

Services, selectors and rules call these instead of `timezone.now()` /
`timezone.localdate()`, so that code which must act *as of* another time can
do so without relaxing any rule. The one such caller is the demo loader,
which seeds a partnership in mid-year by running the real services as of
past dates (`with clock.as_of(when): ...`): the audit chain, the state
transitions and every check stay exactly those a user meets. Nothing a user
does can set the clock: it is a context variable set only by code."""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

_AS_OF: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar(
    "prevent_clock_as_of", default=None
)


def now() -> dt.datetime:
    """The current time (aware), or the time set by `as_of`."""
    fixed = _AS_OF.get()
    return fixed if fixed is not None else timezone.now()


def today() -> dt.date:
    """Today's date in the service's time zone (Europe/London)."""
    return timezone.localdate(now())


@contextmanager
def as_of(when: dt.datetime | dt.date) -> Iterator[dt.datetime]:
    """Run the enclosed code as if it were `when` (a date means 10am that day)."""
    if isinstance(when, dt.datetime):
        moment = when if timezone.is_aware(when) else timezone.make_aware(when)
    else:
        moment = timezone.make_aware(dt.datetime.combine(when, dt.time(10, 0)))
    token = _AS_OF.set(moment)
    try:
        yield moment
    finally:
        _AS_OF.reset(token)
