"""The one no-lost-update mechanism (prevent/core/versioning.py, ADR 0018),
on a versioned model of its users (a guidance entry)."""

from __future__ import annotations

import pytest
from django import forms
from django.db import transaction
from django.http import QueryDict

from prevent.core.forms import GovUKForm
from prevent.core.versioning import EditConflict, VersionedForm, save_versioned
from prevent.guidance.models import ConcernType

pytestmark = pytest.mark.django_db


def _entry() -> ConcernType:
    return ConcernType.objects.create(code="test-versioning", label="Mixed")


def test_a_current_copy_saves_and_raises_the_version() -> None:
    entry = _entry()
    with transaction.atomic():
        before = save_versioned(entry, loaded_version=1, values={"label": "Mixed or unclear"})
    entry.refresh_from_db()
    assert before == {"label": "Mixed"} and (entry.label, entry.version) == ("Mixed or unclear", 2)


def test_a_stale_copy_that_agrees_with_what_was_saved_is_no_conflict() -> None:
    entry = _entry()
    ConcernType.objects.filter(pk=entry.pk).update(label="Unclear", version=2)
    with transaction.atomic():
        save_versioned(entry, loaded_version=1, values={"label": "Unclear"})
    entry.refresh_from_db()
    assert entry.version == 3


def test_a_stale_copy_that_differs_writes_nothing() -> None:
    entry = _entry()
    ConcernType.objects.filter(pk=entry.pk).update(label="Unclear", version=2)
    with pytest.raises(EditConflict) as conflict, transaction.atomic():
        save_versioned(entry, loaded_version=1, values={"label": "Mixed ideology"}, labels={"label": "Name"})
    (difference,) = conflict.value.differences
    assert (difference.label, difference.theirs, difference.yours) == ("Name", "Unclear", "Mixed ideology")
    entry.refresh_from_db()
    assert (entry.label, entry.version) == ("Unclear", 2)


class _Form(VersionedForm, GovUKForm):
    label = forms.CharField(max_length=200)


def test_the_form_carries_the_version_and_applies_use_theirs() -> None:
    assert 'type="hidden" name="version" value="4"' in str(_Form(initial={"version": 4, "label": "x"}))
    data = QueryDict(mutable=True)
    data.update({"version": "2", "label": "Mine", "merge_label": "theirs", "theirs_label": "Theirs"})
    form = _Form(data)
    assert form.is_valid() and form.cleaned_data["label"] == "Theirs" and form.loaded_version == 2
    kept = QueryDict(mutable=True)
    kept.update({"version": "2", "label": "Mine", "merge_label": "mine", "theirs_label": "Theirs"})
    assert _Form(kept).is_valid()
    mine = _Form(kept)
    mine.is_valid()
    assert mine.cleaned_data["label"] == "Mine"
    mine.show_conflict(EditConflict([], 7))
    assert mine.data["version"] == "7" and mine.data["label"] == "Mine" and mine.conflict is not None
