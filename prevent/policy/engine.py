"""The policy engine: "may this user do this action (to this object)?".

It knows nothing of the domains. Each domain app registers, in its own
`rules.py` (imported by its AppConfig.ready()):

- one **rule** per action, `@rule(Action.X)`: a function `(user, obj) -> bool`,
  one condition per line, failing closed;
- for an action on records, the **scope** beside it, `@scope(Action.X,
  "app.Model")`: a function `(user) -> Q` selecting the records the rule
  allows, so that "may this user see this record" and "which records may
  this user see" are one definition (tests/test_policy_scopes.py proves that
  an object passes the rule exactly when it is in the scope).

Views and services ask `can()` / `require()`, list what a user may see with
`scoped()`, and look one record up with `access()` (or the domain's
`access_<entity>()` built on it), which answers 404 for a record that is
missing or out of scope, so that existence does not leak."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from .actions import Action

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from prevent.accounts.models import User

    AnyUser = User | AnonymousUser | None

Rule = Callable[..., bool]
ScopeFn = Callable[..., Q]


@dataclass(frozen=True)
class Scope:
    action: Action
    model_label: str
    build: ScopeFn

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.model_label)


_RULES: dict[Action, Rule] = {}
_SCOPES: dict[Action, Scope] = {}


@dataclass(frozen=True)
class Guard:
    """A condition on every record of a model, whatever the action: `q`
    (user -> Q) is added to every scope on the model, `check` (user, obj ->
    bool) to every rule asked about one of its records, so a scope and its
    rule still agree. Used for restricted person records
    (prevent/people/rules.py `restricted_through`)."""

    q: ScopeFn
    check: Rule


_GUARDS: dict[str, list[Guard]] = {}


def guard(model_label: str, *, q: ScopeFn, check: Rule) -> None:
    """Register a condition every scope on and rule about `model_label` applies."""
    guards = _GUARDS.setdefault(model_label, [])
    if all(g.q is not q for g in guards):
        guards.append(Guard(q=q, check=check))


def _guards_allow(user: Any, obj: Any) -> bool:
    if not isinstance(obj, Model):
        return True
    return all(g.check(user, obj) for g in _GUARDS.get(obj._meta.label, ()))


def rule(action: Action) -> Callable[[Rule], Rule]:
    """Register the rule for `action` (one per action)."""

    def register(fn: Rule) -> Rule:
        if action in _RULES and _RULES[action] is not fn:
            raise ValueError(f"{action} already has a rule: {_RULES[action].__module__}")
        _RULES[action] = fn
        return fn

    return register


def scope(action: Action, model_label: str) -> Callable[[ScopeFn], ScopeFn]:
    """Register the records of `model_label` the rule for `action` allows."""

    def register(fn: ScopeFn) -> ScopeFn:
        _SCOPES[action] = Scope(action=action, model_label=model_label, build=fn)
        return fn

    return register


def _signed_in(user: AnyUser) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def can(user: AnyUser, action: Action, obj: Any = None) -> bool:
    """Whether the user may; an action without a rule is refused."""
    if not _signed_in(user):
        return False
    check = _RULES.get(action)
    if check is None:
        return False
    return bool(check(user, obj)) and _guards_allow(user, obj)


def require(user: AnyUser, action: Action, obj: Any = None, *, hide: bool = False) -> None:
    """Raise unless the user may: 404 when `hide` (records about people), else 403."""
    if can(user, action, obj):
        return
    if hide:
        raise Http404
    raise PermissionDenied


def scope_for(action: Action) -> Scope:
    try:
        return _SCOPES[action]
    except KeyError:
        raise LookupError(f"{action} has no scope") from None


def scoped[M: Model](user: AnyUser, action: Action, queryset: QuerySet[M] | None = None) -> QuerySet[M]:
    """The records the user may act on: `queryset` (default: all) within the scope."""
    definition = scope_for(action)
    qs: QuerySet[Any] = definition.model._default_manager.all() if queryset is None else queryset
    if not _signed_in(user):
        return qs.none()
    qs = qs.filter(definition.build(user))
    for extra in _GUARDS.get(definition.model._meta.label, ()):
        qs = qs.filter(extra.q(user))
    return qs


def parse_pk(value: object) -> int:
    """A primary key from a URL or form; anything else is a 404."""
    text = str(value)
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        raise Http404
    return int(text)


def access[M: Model](user: AnyUser, action: Action, pk: object, queryset: QuerySet[M] | None = None) -> M:
    """The one record `pk` the user may act on, else 404 (missing or out of scope).

    The scope finds it, then the rule is asked, so state conditions that the
    scope does not express (a draft, a confirmed decision) still apply."""
    obj = scoped(user, action, queryset).filter(pk=parse_pk(pk)).first()
    if obj is None or not can(user, action, obj):
        raise Http404
    return obj


def registered_rules() -> dict[Action, Rule]:
    return dict(_RULES)


def registered_scopes() -> dict[Action, Scope]:
    return dict(_SCOPES)
