"""Panels other domains add to the concern page (prevent/concerns/panels.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from prevent.concerns import panels
from prevent.concerns.models import Concern

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_panel() -> Iterator[list[tuple[Any, Concern]]]:
    calls: list[tuple[Any, Concern]] = []

    def context(user: Any, concern: Concern) -> dict[str, Any] | None:
        calls.append((user, concern))
        if user.full_name == "Hidden":
            return None
        return {
            "id": "test",
            "heading": f"Outcome for {concern.reference}",
            "rows": [("Outcome", "Signposted")],
        }

    saved = dict(panels._PANELS)
    panels.register_panel("test", template="concerns/includes/panel.html", context=context)
    yield calls
    panels._PANELS.clear()
    panels._PANELS.update(saved)


def test_a_registered_panel_is_shown_on_the_concern_page(
    a_panel: list[Any], submitted_concern: Concern, spoc: Any, client_for: Any
) -> None:
    page = client_for(spoc).get(reverse("concerns:detail", args=[submitted_concern.pk])).content.decode()
    assert f"Outcome for {submitted_concern.reference}" in page and "Signposted" in page
    assert a_panel == [(spoc, submitted_concern)]


def test_a_panel_that_returns_none_is_left_out(
    a_panel: list[Any], submitted_concern: Concern, spoc: Any, client_for: Any
) -> None:
    spoc.full_name = "Hidden"
    spoc.save()
    page = client_for(spoc).get(reverse("concerns:detail", args=[submitted_concern.pk])).content.decode()
    assert 'id="panel-test"' not in page
    assert len(a_panel) == 1
