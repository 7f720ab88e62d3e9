"""Statistics reads go to the streaming replica (decision 0029).

When a "replica" database is configured (DATABASE_REPLICA_URL; in tests
PREVENT_TEST_REPLICA=1 makes it Django's TEST MIRROR of default), the reads
of a statistics page (any view of prevent.reporting, GET or HEAD) and any
read inside `statistics_reads()` go to it; everything else, every write
and every read inside a transaction on the primary (so a service sees its
own writes and its locks) goes to "default". Migrations run on default
only: the replica is a copy of it.

Statistics may lag the primary by the replication delay (seconds); nothing
that decides who may see what is read from the replica in a way that could
widen access: the user and their session were read from the primary before
the view ran."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
# The reads of these apps' models go to the replica wherever they happen.
REPLICA_APPS: frozenset[str] = frozenset({"reporting"})
_statistics: ContextVar[bool] = ContextVar("prevent_statistics_reads", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def statistics_reads() -> Iterator[None]:
    """Route the reads made inside it to the replica (when there is one)."""
    token = _statistics.set(True)
    try:
        yield
    finally:
        _statistics.reset(token)


class ReplicaRouter:
    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        if not replica_configured():
            return None
        if not (_statistics.get() or model._meta.app_label in REPLICA_APPS):
            return None
        if connections["default"].in_atomic_block:
            return None  # the transaction's own writes and locks are on the primary
        return REPLICA

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # one database, copied

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"


class StatisticsReadsMiddleware:
    """GET and HEAD requests to the statistics pages read from the replica."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        finally:
            token = getattr(request, "_statistics_reads_token", None)
            if token is not None:
                _statistics.reset(token)

    def process_view(self, request: HttpRequest, view: Callable[..., Any], *args: Any) -> None:
        if request.method in ("GET", "HEAD") and getattr(view, "__module__", "").startswith(
            "prevent.reporting."
        ):
            request._statistics_reads_token = _statistics.set(True)  # type: ignore[attr-defined]
