"""Times on the account pages are written as GOV.UK writes them ("2:05pm"),
never Django's "p.m."."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from prevent.accounts.roles import Role


def test_last_sign_in_is_shown_in_govuk_time(make_user: Any, client_for: Any) -> None:
    admin = make_user(Role.ADMINISTRATOR)
    subject = make_user(Role.PARTNERSHIP_ANALYST)
    london = timezone.get_current_timezone()
    subject.last_login = dt.datetime(2026, 11, 3, 14, 5, tzinfo=london)
    subject.save(update_fields=["last_login"])
    page = client_for(admin).get(reverse("users:detail", args=[subject.pk])).content.decode()
    assert "3 November 2026, 2:05pm" in page
    assert "p.m." not in page
