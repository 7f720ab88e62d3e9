"""The concerns lists on "Your work": what each role sees, at a fixed cost."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prevent.accounts.roles import Role

from .conftest import make_draft, make_submitted

pytestmark = pytest.mark.django_db


def test_practitioner_home_lists_drafts_and_submitted_concerns(
    client_for, practitioner, spoc, guidance
) -> None:
    draft = make_draft(practitioner)
    submitted = make_submitted(practitioner)
    body = client_for(practitioner).get(reverse("core:home")).content.decode()
    assert reverse("concerns:draft", args=[draft.pk]) in body
    assert f"Concern {submitted.reference}" in body
    assert reverse("concerns:new") in body


def test_spoc_home_lists_the_triage_queue(client_for, practitioner, spoc, guidance) -> None:
    submitted = make_submitted(practitioner)
    body = client_for(spoc).get(reverse("core:home")).content.decode()
    assert "Concerns awaiting triage" in body
    assert f"Concern {submitted.reference}" in body
    assert "Waiting" in body


def test_home_costs_the_same_queries_with_1_and_many_concerns(
    client_for, make_user, org, practitioner, guidance: Any
) -> None:
    lead = make_user(Role.PRACTITIONER, Role.SPOC, organisation=org)
    client = client_for(lead)
    make_submitted(lead)
    make_submitted(practitioner)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("core:home")).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for _ in range(8):
        make_submitted(lead)
        make_draft(lead)
        make_submitted(practitioner)
    assert count() == few
