"""The notification centre, the email preference page and the failed
emails page in Chromium with axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from prevent.accounts.roles import Role
from prevent.core.models import FailedNotification
from prevent.notifications.models import Notification

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_notification_pages_are_accessible(
    make_user: Callable[..., Any], signed_in_page: Callable[..., Page], axe: Any
) -> None:
    coordinator = make_user(Role.PREVENT_COORDINATOR)
    admin = make_user(Role.ADMINISTRATOR)
    for n in (1, 2):
        Notification.objects.create(
            recipient=coordinator,
            kind="channel/email/case_opened",
            text=f"Channel case CH-2026-0000{n} has been opened: you are the case officer",
            reference=f"CH-2026-0000{n}",
            link_path="/",
            created_at=timezone.now(),
        )
    FailedNotification.objects.create(
        recipient=coordinator.email,
        subject="Channel case CH-2026-00001 has been opened: you are the case officer",
        body="Reference: CH-2026-00001",
        attempts=5,
        error="ConnectionRefusedError: mail server down",
        failed_at=timezone.now(),
    )

    page = signed_in_page(coordinator)
    page.goto("/notifications/")
    expect(page.locator("#unread-notifications")).to_contain_text("2")
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    axe.check(page, "notification centre")
    page.get_by_role("button", name=re.compile(r"Mark as read.*CH-2026-00001")).click()
    expect(page.locator("#unread-notifications")).to_contain_text("1")
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.locator("#unread-notifications")).to_have_count(0)
    axe.check(page, "notification centre, all read")

    page.goto("/notifications/email/")
    expect(page.get_by_label("An email for each notification")).to_be_checked()
    axe.check(page, "email preference")
    page.get_by_label("One email a day listing them (a daily digest)").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    axe.check(page, "your account, with the email preference")

    admin_page = signed_in_page(admin)
    admin_page.goto("/notifications/failed-emails/")
    expect(admin_page.locator("tbody")).to_contain_text("mail server down")
    axe.check(admin_page, "failed emails")
    axe.assert_clean()
