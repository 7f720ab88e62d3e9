"""The service navigation, by role. Each item is shown only when the policy
lets the user reach it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import reverse

from prevent.accounts.two_factor import is_verified, second_factor_required
from prevent.policy import Action, can

from .counts import UNREAD, navigation_counts

if TYPE_CHECKING:
    from prevent.accounts.models import User


@dataclass(frozen=True)
class NavItem:
    text: str
    href: str
    current: bool
    # The number of things waiting on the list it leads to (0: none shown),
    # and the words after it that only screen readers hear (counts.py).
    count: int = 0
    count_label: str = ""


_ITEMS: list[tuple[str, str, Action]] = [
    ("Your work", "home:home", Action.VIEW_HOME),
    ("Users", "users:list", Action.MANAGE_USERS),
    ("Organisations", "organisations:list", Action.MANAGE_ORGANISATIONS),
    ("Local area settings", "local-area:detail", Action.EDIT_LOCAL_AREA_SETTINGS),
    ("People", "people:list", Action.FIND_PEOPLE),
    ("Concerns", "concerns:index", Action.RECORD_CONCERN),
    ("Triage", "concerns:triage-queue", Action.VIEW_TRIAGE_QUEUE),
    ("Organisation concerns", "concerns:organisation", Action.VIEW_TRIAGE_QUEUE),
    ("Gateway", "channel:gateway-queue", Action.VIEW_GATEWAY_QUEUE),
    ("Channel cases", "channel:case-list", Action.VIEW_CHANNEL_CASES),
    ("Panels", "channel:panel-list", Action.VIEW_PANEL_MEETINGS),
    ("Information requests", "channel:information-requests", Action.VIEW_INFORMATION_REQUESTS),
    ("Guidance", "guidance:index", Action.VIEW_GUIDANCE),
    ("Self-assessment", "self_assessment:list", Action.LIST_SELF_ASSESSMENTS),
    ("Training", "training:index", Action.VIEW_OWN_TRAINING),
    ("Statistics", "reporting:statistics", Action.VIEW_STATISTICS),
    ("Role requests", "accounts:role-request-list", Action.VIEW_ROLE_GRANT_REQUESTS),
    ("Audit log", "audit:event-list", Action.VIEW_AUDIT_LOG),
    ("Failed emails", "notifications:failed-list", Action.MANAGE_FAILED_NOTIFICATIONS),
    ("API tokens", "api:token-list", Action.MANAGE_API_TOKENS),
]


def navigation_for(
    user: User | AnonymousUser | None, path: str, *, counts_out: dict[str, tuple[int, str]] | None = None
) -> list[NavItem]:
    """The items the user may reach, each with its count (one query for all
    the counts, the header's unread notifications among them: `counts_out`
    receives every count made)."""
    if user is None or not user.is_authenticated:
        return []
    if second_factor_required(user) and not is_verified(user):
        return []
    shown = [(text, name) for text, name, action in _ITEMS if can(user, action)]
    counts = navigation_counts(user, [name for _, name in shown] + [UNREAD])
    if counts_out is not None:
        counts_out.update(counts)
    items = []
    for text, name in shown:
        href = reverse(name)
        current = path == href if href == "/" else path.startswith(href)
        count, label = counts.get(name, (0, ""))
        items.append(NavItem(text, href, current, count, label))
    return items


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Context processor (settings TEMPLATES): the navigation for every page."""
    user = getattr(request, "user", None)
    counts: dict[str, tuple[int, str]] = {}
    items = navigation_for(user, request.path, counts_out=counts)
    if UNREAD in counts:
        # Read by prevent.notifications.context_processors: no second query.
        request._unread_notifications = counts[UNREAD][0]  # type: ignore[attr-defined]
    # The header's search box (people:search), for those who may find people.
    people_search = any(item.href == reverse("people:list") for item in items)
    return {"navigation": items, "people_search": people_search}
