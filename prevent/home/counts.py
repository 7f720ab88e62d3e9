"""The counts the navigation shows beside its work lists ("Triage (3)"):
each from the same selector as the list on "Your work", all of them in one
query whatever the number of records."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import IntegerField, QuerySet, Subquery

from prevent.policy import Action, can

if TYPE_CHECKING:
    from prevent.accounts.models import User


class _CountOf(Subquery):
    """COUNT(*) of a queryset, as a subquery of another query."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()


@dataclass(frozen=True)
class NavCount:
    """What a navigation item counts: the querysets (added together) and the
    words a screen reader hears after the number ("3 awaiting triage")."""

    label: str
    querysets: Callable[[User], list[QuerySet[Any]]]
    action: Action | None = None


def _questions(user: User) -> list[QuerySet[Any]]:
    from prevent.concerns.work import questions_to_answer

    return [questions_to_answer(user)]


def _triage(user: User) -> list[QuerySet[Any]]:
    from prevent.concerns.selectors import triage_queue

    return [triage_queue(user)]


def _gateway(user: User) -> list[QuerySet[Any]]:
    from prevent.channel.selectors import concern_referrals_awaiting_gateway, gateway_referrals_awaiting

    return [concern_referrals_awaiting_gateway(user), gateway_referrals_awaiting(user)]


def _information_requests(user: User) -> list[QuerySet[Any]]:
    from prevent.channel.work import requests_to_answer

    return [requests_to_answer(user)]


def _decisions(user: User) -> list[QuerySet[Any]]:
    from prevent.channel.work import decisions_to_confirm

    return [decisions_to_confirm(user)]


def _failed_emails(user: User) -> list[QuerySet[Any]]:
    from prevent.notifications.selectors import failed_notifications

    return [failed_notifications(actor=user)]


def _unread(user: User) -> list[QuerySet[Any]]:
    from prevent.notifications.selectors import unread_notifications

    return [unread_notifications(actor=user)]


# The header's "Notifications (2 unread)" link (templates/base.html).
UNREAD = "notifications:list"

# By the URL name of the navigation item (prevent/home/navigation.py).
COUNTS: dict[str, NavCount] = {
    UNREAD: NavCount("unread", _unread, Action.VIEW_NOTIFICATIONS),
    "concerns:index": NavCount("questions to answer", _questions, Action.RECORD_CONCERN),
    "concerns:triage-queue": NavCount("awaiting triage", _triage, Action.VIEW_TRIAGE_QUEUE),
    "channel:gateway-queue": NavCount("awaiting a gateway assessment", _gateway, Action.VIEW_GATEWAY_QUEUE),
    "channel:information-requests": NavCount(
        "awaiting your answer", _information_requests, Action.VIEW_INFORMATION_REQUESTS
    ),
    "channel:panel-list": NavCount("decisions to confirm", _decisions, Action.CONFIRM_PANEL_DECISIONS),
    "notifications:failed-list": NavCount("failed", _failed_emails, Action.MANAGE_FAILED_NOTIFICATIONS),
}


def navigation_counts(user: User, names: Iterable[str]) -> dict[str, tuple[int, str]]:
    """The count and its hidden words for each of `names` that counts
    something the user may see (one query for all of them; none when
    nothing is counted)."""
    from prevent.accounts.models import User as UserModel

    wanted = [(name, COUNTS[name]) for name in names if name in COUNTS]
    wanted = [(name, c) for name, c in wanted if c.action is None or can(user, c.action)]
    annotations: dict[str, _CountOf] = {}
    parts: dict[str, list[str]] = {}
    for index, (name, count) in enumerate(wanted):
        for part, queryset in enumerate(count.querysets(user)):
            key = f"count_{index}_{part}"
            annotations[key] = _CountOf(queryset.order_by().values("pk"))
            parts.setdefault(name, []).append(key)
    if not annotations:
        return {}
    found = UserModel.objects.filter(pk=user.pk).values(**annotations).first()
    row: dict[str, Any] = dict(found) if found else {}
    return {
        name: (sum(int(row.get(key) or 0) for key in keys), COUNTS[name].label)
        for name, keys in parts.items()
    }
