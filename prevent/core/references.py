"""References people quote: PH-2026-00042 (a concern), CH-2026-00007 (a
Channel case), GW-2026-00013 (a gateway referral).

One counter row per prefix and year (`ReferenceCounter`), locked with
SELECT ... FOR UPDATE while the next number is taken, so two submissions at
the same moment never get the same number: the second waits for the first
to commit. Call it inside the service's `transaction.atomic()` block, so a
rolled-back write gives its number back."""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction

from prevent.core import clock

from .models import ReferenceCounter

PREFIX = re.compile(r"[A-Z]{2,8}")


def format_reference(prefix: str, year: int, number: int) -> str:
    """`PH-2026-00042`: prefix, year and a five-digit number."""
    return f"{prefix}-{year}-{number:05d}"


def next_reference(prefix: str, *, year: int | None = None) -> str:
    """The next reference for `prefix` ("PH", "CH", "GW") in `year` (by
    default this year, in the service's time zone)."""
    if not PREFIX.fullmatch(prefix):
        raise ValueError(f"A reference prefix is 2 to 8 capital letters, not {prefix!r}")
    year = clock.today().year if year is None else year
    with transaction.atomic():
        counter = ReferenceCounter.objects.select_for_update().filter(prefix=prefix, year=year).first()
        if counter is None:
            try:
                # A savepoint: losing the race to create the row must not
                # spoil the caller's transaction.
                with transaction.atomic():
                    ReferenceCounter.objects.create(prefix=prefix, year=year)
            except IntegrityError:
                pass  # another transaction created it first
            counter = ReferenceCounter.objects.select_for_update().get(prefix=prefix, year=year)
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
    return format_reference(prefix, year, counter.last_number)
