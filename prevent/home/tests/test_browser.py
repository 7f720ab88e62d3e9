"""Your work with the Channel lists, and a person's chronology, in Chromium
with axe-core."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from prevent.channel.tests.conftest import adopted_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_your_work_and_the_chronology_are_accessible(
    people: dict[str, Any], framework: Any, guidance: Any, signed_in_page: Callable[..., Page], axe: Any
) -> None:
    case, _ = adopted_case(people)
    coordinator = signed_in_page(people["coordinator"])
    coordinator.goto("/")
    expect(coordinator.get_by_role("heading", name="Cases awaiting consent")).to_be_visible()
    axe.check(coordinator, "your work (coordinator with Channel lists)")
    coordinator.goto(f"/chronology/person/{case.person_id}/")
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(case.person.full_name)
    expect(coordinator.locator("tbody")).to_contain_text("Channel case opened")
    axe.check(coordinator, "person chronology")
    axe.assert_clean()
