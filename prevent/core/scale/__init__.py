"""Generated data at national scale, for the bench (issue 16).

`generate(scale=..., seed=...)` fills an empty, migrated database with a
whole partnership's records at `scale` times the national design target
(plan.py), reproducibly from the seed: organisations and users
(partnership.py), people, concerns, decisions and referrals (casework.py),
the police gateway (gateway.py), Channel cases through every stage
(channel.py), self-assessments and training (assurance.py) and a verifying
audit chain (audit.py). Rows go in with raw batched inserts (writer.py),
not through services: this is test data for throwaway databases only, and
`manage.py generate_scale_data` refuses any other (docs/performance.md)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from django.db import connection, transaction

from .plan import Context, Plan
from .writer import Progress, reset_sequences


class NotEmptyError(RuntimeError):
    """The database already holds records the generator would write."""


def _check_empty() -> None:
    from prevent.accounts.models import User
    from prevent.audit.models import AuditEvent
    from prevent.concerns.models import Concern
    from prevent.core.models import Organisation
    from prevent.people.models import Person

    for model in (Organisation, User, Person, Concern, AuditEvent):
        if model.objects.exists():
            raise NotEmptyError(
                f"The database already has {model._meta.verbose_name_plural}: generate into a freshly "
                "migrated database"
            )


def generate(
    *,
    scale: float,
    seed: int = 1,
    as_of: date | None = None,
    progress: bool = False,
    log: Callable[[str], None] | None = None,
) -> Context:
    """Fill the (empty) database; returns the context with what was made."""
    from prevent.core import clock

    from .assurance import make_self_assessments, make_training
    from .audit import make_audit_events
    from .casework import Casework
    from .channel import Channel
    from .gateway import Gateway
    from .partnership import make_organisations, make_users

    _check_empty()
    ctx = Context(
        plan=Plan.for_scale(scale), seed=seed, as_of=as_of or clock.today(), progress=Progress(progress)
    )
    stages: list[tuple[str, Callable[[], None]]] = []
    casework = Casework.__new__(Casework)

    def partnership() -> None:
        make_organisations(ctx)
        make_users(ctx)

    def concerns() -> None:
        casework.__init__(ctx)  # type: ignore[misc]
        casework.run()

    def channel() -> None:
        gateway = Gateway(ctx, casework.police_referrals)
        gateway.run()
        Channel(ctx, gateway).run()

    if connection.vendor == "sqlite":
        # A large page cache for this connection: the audit table's random
        # hash index otherwise makes every insert a cache miss.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size=-262144")
    stages = [
        ("partnership", partnership),
        ("concerns", concerns),
        ("channel", channel),
        ("self-assessments", lambda: make_self_assessments(ctx)),
        ("training", lambda: make_training(ctx)),
        ("audit", lambda: make_audit_events(ctx)),
    ]
    for name, stage in stages:
        started = time.perf_counter()
        with transaction.atomic():
            stage()
        if log:
            log(f"{name}: {time.perf_counter() - started:.1f} s")
    _finish()
    return ctx


def _finish() -> None:
    from django.apps import apps

    reset_sequences(
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label != "contenttypes"
    )
    if connection.vendor == "postgresql" or connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
