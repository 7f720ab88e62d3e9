"""Panels other domains add to the concern page.

A domain that holds something about a concern (Channel: the police
gateway's outcome) registers a panel in its AppConfig.ready():

    from prevent.concerns.panels import register_panel

    register_panel(
        "gateway-outcomes",
        template="channel/panels/gateway_outcomes.html",
        context=gateway_outcomes_panel,   # (user, concern) -> dict | None
    )

The concern page calls each panel's `context` with the signed-in user and
the concern (already checked visible to them) and renders the template with
what it returns; None (nothing to show, or nothing this user may see)
leaves the panel out. A panel asks the policy itself for anything beyond
seeing the concern, and keeps its reads to a bounded number of queries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prevent.accounts.models import User

    from .models import Concern

PanelContext = Callable[["User", "Concern"], dict[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    context: PanelContext


@dataclass(frozen=True)
class RenderedPanel:
    name: str
    template: str
    context: dict[str, Any]


_PANELS: dict[str, Panel] = {}


def register_panel(name: str, *, template: str, context: PanelContext) -> None:
    """Add (or replace, by name) a panel on the concern page."""
    _PANELS[name] = Panel(name=name, template=template, context=context)


def registered_panels() -> list[Panel]:
    return list(_PANELS.values())


def panels_for(user: User, concern: Concern) -> list[RenderedPanel]:
    """The panels to show this user on this concern's page, in the order registered."""
    shown = []
    for panel in _PANELS.values():
        context = panel.context(user, concern)
        if context is not None:
            shown.append(RenderedPanel(name=panel.name, template=panel.template, context=context))
    return shown


def panel_for(name: str, user: User, concern: Concern) -> RenderedPanel | None:
    """One registered panel (the repeat-referral panel on the decision page)."""
    panel = _PANELS.get(name)
    context = panel.context(user, concern) if panel is not None else None
    if panel is None or context is None:
        return None
    return RenderedPanel(name=panel.name, template=panel.template, context=context)
