"""A registry for apps above concerns that must hear of a referral's
outcome (the API's webhooks): they register with
`@on_referral_outcome_changed` in their AppConfig.ready(); the referral
service calls `referral_outcome_changed(referral)` inside its transaction,
so what a hook writes commits or rolls back with the outcome."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Referral

Hook = Callable[["Referral"], None]
_HOOKS: list[Hook] = []


def on_referral_outcome_changed(fn: Hook) -> Hook:
    if fn not in _HOOKS:
        _HOOKS.append(fn)
    return fn


def referral_outcome_changed(referral: Referral) -> None:
    for hook in list(_HOOKS):
        hook(referral)
