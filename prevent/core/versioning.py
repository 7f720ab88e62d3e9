"""No lost update (issue 14, ADR 0018): one mechanism for every shared
record more than one person edits.

- The model has `version = version_field()`, an integer the service raises
  on every save.
- The form is a `VersionedForm` (a mixin before the GOV.UK form base): it
  carries the version it was loaded with as a hidden field (`version`), set
  from `initial={"version": obj.version}` or `VersionedForm.for_object`.
- The service, inside its `transaction.atomic()`, calls
  `save_versioned(obj, loaded_version=..., values={...}, labels={...})`:
  the row is re-read under a lock; when someone saved since the form was
  loaded and any field now differs from what this user typed, nothing is
  written and `EditConflict` (a ValidationError) is raised with the
  differences, field by field (theirs, yours). Otherwise the values are
  written and the version raised.
- The view calls the service with `submit_versioned(form, service, ...)`
  (core.view_helpers.submit with the conflict kept on the form): the page
  is shown again with everything the user typed, the hidden version moved
  to the saved one, and, from the include
  `templates/core/_edit_conflict.html`, what changed: for each field what
  was saved and what they typed, with "keep mine" / "use theirs" for each
  single-box field (or they edit the boxes), then save again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import BaseForm

from .view_helpers import add_errors

CONFLICT_MESSAGE = (
    "Someone else saved changes to this record after you opened it. Nothing you typed has been "
    "lost or saved yet: check what changed, choose what to keep and save again"
)
THEIRS = "theirs"
MINE = "mine"


def version_field() -> models.PositiveIntegerField[Any, Any]:
    return models.PositiveIntegerField(
        default=1, help_text="Raised on every save: a form loaded with an older one is stale."
    )


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def _raw(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class Difference:
    """One field saved by someone else differently from what was typed."""

    name: str
    label: str
    theirs: str  # as shown
    yours: str
    theirs_raw: str  # as a form value, for "use theirs"
    choosable: bool = True


class EditConflict(ValidationError):
    """The form was loaded before someone else's save, and they differ."""

    def __init__(self, differences: list[Difference], version: int) -> None:
        super().__init__(CONFLICT_MESSAGE, code="stale")
        self.differences = differences
        self.version = version


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, models.Model) or isinstance(b, models.Model):
        return getattr(a, "pk", a) == getattr(b, "pk", b)
    if isinstance(a, str) or isinstance(b, str):
        return (a or "").replace("\r\n", "\n").strip() == (b or "").replace("\r\n", "\n").strip()
    return bool(a == b)


def save_versioned[M: models.Model](
    obj: M,
    *,
    loaded_version: int | None,
    values: Mapping[str, Any],
    labels: Mapping[str, str] | None = None,
    extra_update_fields: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Write `values` to `obj` unless someone saved after `loaded_version`
    and a field they saved differs from `values` (EditConflict). Call inside
    the service's transaction. Returns the values before (for the audit
    event's changes). `obj` is refreshed from the locked row first."""
    current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    saved_version = int(getattr(current, "version"))  # noqa: B009 - every versioned model has it
    if loaded_version is None or int(loaded_version) != saved_version:
        differences = [
            Difference(
                name=name,
                label=(labels or {}).get(name, name.replace("_", " ").capitalize()),
                theirs=_shown(getattr(current, name)),
                yours=_shown(value),
                theirs_raw=_raw(getattr(current, name)),
                choosable=not isinstance(getattr(current, name), date),
            )
            for name, value in values.items()
            if not _same(getattr(current, name), value)
        ]
        if differences:
            raise EditConflict(differences, saved_version)
    before = {name: getattr(current, name) for name in values}
    for name, value in values.items():
        setattr(obj, name, value)
    setattr(obj, "version", saved_version + 1)  # noqa: B010
    obj.save(update_fields=[*values, "version", *extra_update_fields])
    return before


class VersionedForm(forms.Form):
    """A mixin for a form editing a versioned record: the hidden version it
    was loaded with and, after a conflict, the user's merge choices.

    Put it first: `class PlanForm(VersionedForm, GovUKForm)`."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None and any(k.startswith("merge_") for k in data):
            data = data.copy()
            for key in [k for k in data if k.startswith("merge_")]:
                name = key.removeprefix("merge_")
                if data.get(key) == THEIRS and f"theirs_{name}" in data:
                    data[name] = data[f"theirs_{name}"]
        super().__init__(data, *args, **kwargs)
        self.conflict: EditConflict | None = None

    @property
    def loaded_version(self) -> int | None:
        if self.is_bound:
            value = self.cleaned_data.get("version") if hasattr(self, "cleaned_data") else None
            return int(value) if value is not None else None
        return None

    def show_conflict(self, conflict: EditConflict) -> None:
        """Keep what was typed; move the hidden version to the saved one, so
        the next save is over what they have now seen."""
        self.conflict = conflict
        data: Any = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict
        data["version"] = str(conflict.version)
        for difference in conflict.differences:
            data.pop(f"merge_{difference.name}", None)
        self.data = data
        add_errors(self, conflict)


def submit_versioned[T](form: BaseForm, service: Callable[..., T], /, **kwargs: Any) -> T | None:
    """core.view_helpers.submit for a VersionedForm: a conflict is kept on
    the form (`form.conflict`, shown by templates/core/_edit_conflict.html)
    with everything typed; other refusals go on their fields."""
    if not form.is_valid():
        return None
    try:
        return service(**kwargs)
    except EditConflict as conflict:
        if isinstance(form, VersionedForm):
            form.show_conflict(conflict)
        else:  # pragma: no cover - every caller passes a VersionedForm
            add_errors(form, conflict)
        return None
    except ValidationError as error:
        add_errors(form, error)
        return None
