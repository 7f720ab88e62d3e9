"""Who may do what: the engine only (see engine.py). Imports no domain app."""

from .actions import Action
from .engine import (
    Guard,
    Scope,
    access,
    can,
    guard,
    parse_pk,
    registered_rules,
    registered_scopes,
    require,
    rule,
    scope,
    scope_for,
    scoped,
)

__all__ = [
    "Action",
    "Guard",
    "Scope",
    "access",
    "can",
    "guard",
    "parse_pk",
    "registered_rules",
    "registered_scopes",
    "require",
    "rule",
    "scope",
    "scope_for",
    "scoped",
]
