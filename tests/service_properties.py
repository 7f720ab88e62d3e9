"""Helpers for tests/test_service_properties.py: hypothesis strategies that
fill any form with hostile or plausible input, a cheap snapshot of every
table's row count, and the registry of every form of the service with the
service behind it.

Each entry of FORMS names a form class (by its dotted path) and says how to
bind it to data in the World (tests/builders.py) and, for a form behind a
write, how the view hands its cleaned data to the service. `Case.service`
is None for a form with no write behind it (a filter or a search); then
`reason` says so. tests/test_service_properties.py fails when a form class
of the service has no entry here."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.apps import apps
from django.db import connection
from django.utils.datastructures import MultiValueDict
from hypothesis import strategies as st

import prevent

# ---- input ---------------------------------------------------------------

CONTROL = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u202e", "\u2066", "\ufeff", "\ud800"]
HUGE = "Z" * 60_001  # above every text limit (core.forms.DEFAULT_TEXT_LIMIT is 50,000)
ODD_DATES = [
    "0",
    "00",
    "-1",
    "31",
    "32",
    "13",
    "2",
    "29",
    "1e3",
    "\uff19",
    "99999",
    "2026-02-31",
    "1752",
    "0000",
]
WRONG_CHOICES = ["not-a-choice", "-1", "0", "999999999999999999999", "1.5", "true", "[]", "None"]

hostile_text = st.one_of(
    st.sampled_from(["", " ", "\n", HUGE, *CONTROL, *ODD_DATES, *WRONG_CHOICES]),
    # Any code point, surrogates and control characters included.
    st.text(st.characters(codec=None, exclude_categories=()), max_size=40),
    st.builds(
        lambda a, c, b: a + c + b, st.text(max_size=10), st.sampled_from(CONTROL), st.text(max_size=10)
    ),
)


def _good_values(field: forms.Field) -> list[str]:
    """Values a careful user might send for this field (so that valid
    writes happen too)."""
    today = dt.date.today()
    if isinstance(field, forms.BooleanField):
        return ["on"]
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        values = []
        choices: Any = field.choices
        for value, _label in list(choices)[:12]:
            if isinstance(value, list | tuple):  # an optgroup
                continue
            value = getattr(value, "value", value)
            if value not in ("", None):
                values.append(str(value))
        return values or ["x"]
    if isinstance(field, forms.DateField):
        return [today.isoformat(), (today - dt.timedelta(days=3)).isoformat()]
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return ["1", "3", "12"]
    if isinstance(field, forms.EmailField):
        return ["someone@example.org"]
    if isinstance(field, forms.URLField):
        return ["https://example.org/hook"]
    return ["Seen at the school gate on Monday", "Y"]


def _keys(form: forms.BaseForm, name: str) -> list[tuple[str, list[str]]]:
    """The POST keys of one field, each with a plausible value for it."""
    field = form.fields[name]
    html_name = form.add_prefix(name)
    widget = field.widget
    if isinstance(widget, forms.MultiWidget):
        today = dt.date.today()
        parts = {"day": str(today.day), "month": str(today.month), "year": str(today.year)}
        return [
            (f"{html_name}{suffix}", [parts.get(suffix.strip("_-"), "1")])
            for suffix in getattr(widget, "widgets_names", [])
        ]
    return [(html_name, _good_values(field))]


@st.composite
def form_data(draw: st.DrawFn, form: forms.BaseForm) -> MultiValueDict[str, str]:
    """POST data for every key of `form`: left out (None), a plausible value,
    or a hostile one; several values for a multiple choice."""
    data: MultiValueDict[str, str] = MultiValueDict()
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            continue
        for key, good in _keys(form, name):
            kind = draw(st.sampled_from(["missing", "good", "good", "hostile"]))
            if kind == "missing":
                continue
            value = draw(st.sampled_from(good)) if kind == "good" else draw(hostile_text)
            if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
                data.setlist(key, [value, *draw(st.lists(st.sampled_from(good) | hostile_text, max_size=2))])
            else:
                data[key] = value
    return data


# ---- what was stored -----------------------------------------------------

# Tables that change without a write of the service (sessions, caches).
NOT_COUNTED = {"sessions.session", "api.cacheentry", "django_tasks_database.dbtaskresult"}


def row_counts() -> dict[str, int]:
    """Every table's row count, in one query."""
    models = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.label_lower not in NOT_COUNTED and m._meta.managed and not m._meta.proxy
    ]
    tables = sorted({m._meta.db_table for m in models})
    quote = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)  # nosec B608  # names from the models
        row = cursor.fetchone()
    return dict(zip(tables, row, strict=True))


# ---- the registry --------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """How to bind a form in the World (`bind(world, data)`) and, when a
    write is behind it, call that service as its view does
    (`service(world, form)`, after `form.is_valid()`)."""

    bind: Callable[[Any, Any], forms.BaseForm]
    service: Callable[[Any, forms.BaseForm], Any] | None = None
    reason: str = ""
    # Made before each example (e.g. the question a form answers).
    prepare: Callable[[Any], Any] | None = None
    # The service records no event when the value does not change.
    quiet_when_unchanged: bool = False


def form_classes() -> dict[str, type[forms.BaseForm]]:
    """Every form class defined in the service's code (not in tests)."""
    found: dict[str, type[forms.BaseForm]] = {}
    for module in pkgutil.walk_packages(prevent.__path__, "prevent."):
        parts = module.name.split(".")
        if "tests" in parts or "migrations" in parts:
            continue
        if not any("forms" in part for part in parts[2:]):
            continue
        loaded = importlib.import_module(module.name)
        for value in vars(loaded).values():
            if (
                inspect.isclass(value)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == loaded.__name__
            ):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return found
