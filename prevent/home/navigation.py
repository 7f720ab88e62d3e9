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

if TYPE_CHECKING:
    from prevent.accounts.models import User


@dataclass(frozen=True)
class NavItem:
    text: str
    href: str
    current: bool


_ITEMS: list[tuple[str, str, Action]] = [
    ("Your work", "home:home", Action.VIEW_HOME),
    ("Users", "users:list", Action.MANAGE_USERS),
    ("Organisations", "organisations:list", Action.MANAGE_ORGANISATIONS),
    ("Local area settings", "local-area:detail", Action.EDIT_LOCAL_AREA_SETTINGS),
    ("People", "people:list", Action.FIND_PEOPLE),
    ("Concerns", "concerns:index", Action.RECORD_CONCERN),
    ("Triage", "concerns:triage-queue", Action.VIEW_TRIAGE_QUEUE),
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


def navigation_for(user: User | AnonymousUser | None, path: str) -> list[NavItem]:
    if user is None or not user.is_authenticated:
        return []
    if second_factor_required(user) and not is_verified(user):
        return []
    items = []
    for text, name, action in _ITEMS:
        if not can(user, action):
            continue
        href = reverse(name)
        current = path == href if href == "/" else path.startswith(href)
        items.append(NavItem(text, href, current))
    return items


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Context processor (settings TEMPLATES): the navigation for every page."""
    user = getattr(request, "user", None)
    items = navigation_for(user, request.path)
    # The header's search box (people:search), for those who may find people.
    people_search = any(item.href == reverse("people:list") for item in items)
    return {"navigation": items, "people_search": people_search}
