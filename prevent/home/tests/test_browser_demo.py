"""On a fresh demo, in Chromium: every role's "Your work" lists at least one
item, following it reaches the page where the work is done, and the home
page has no axe-core violations."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from io import StringIO
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from playwright.sync_api import Page, expect

from prevent.accounts.models import User
from prevent.guidance.seed import load_guidance
from prevent.home.demo.partnership import DEMO_USERS
from prevent.training.models import Course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_roles_home_on_the_demo_leads_to_the_work(
    settings: Any, signed_in_page: Callable[..., Page], axe: Any
) -> None:
    settings.PREVENT_DEMO_MODE = True
    # A transactional test before this one may have flushed what the data
    # migrations seeded (the Appendix 1 template, the guidance, the courses): put it back.
    import_module("prevent.self_assessment.migrations.0002_seed_appendix_1").seed(django_apps, None)
    if not Course.objects.exists():  # the training catalogue, seeded by migration too
        import_module("prevent.training.migrations.0002_seed_courses").seed(django_apps, None)
    load_guidance()
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    for demo in DEMO_USERS:
        page = signed_in_page(User.objects.get(email=demo.email))
        page.goto("/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Your work")
        axe.check(page, f"your work ({demo.email})")
        if demo.email == "analyst@demo.example":
            # The analyst's work is the statistics: links, not records.
            items = page.get_by_role("link", name="Partnership statistics")
        else:
            items = page.locator("a.govuk-task-list__link")
        assert items.count() >= 1, demo.email
        response = None
        with page.expect_navigation() as navigation:
            items.first.click()
        response = navigation.value
        assert response is not None and response.status == 200, demo.email
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        page.context.close()
    axe.assert_clean()
