"""The list of assessments is paged (issue 16): every assessment can be
reached, 50 to a page, where the list used to stop silently at 500."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse

from prevent.self_assessment.models import Assessment

from .conftest import today

pytestmark = pytest.mark.django_db

LIST_URL = reverse("self_assessment:list")


def test_the_list_pages_fifty_at_a_time_and_keeps_every_assessment(
    start: Callable[..., Assessment],
    coordinator: Any,
    client_for: Any,
    django_assert_max_num_queries: Any,
) -> None:
    for n in range(55):
        start(assessed_on=today() - timedelta(days=n + 1))
    client = client_for(coordinator)
    first = client.get(LIST_URL)
    body = first.content.decode()
    assert len(first.context["assessments"]) == 50
    assert "Showing 1 to 50 of 55 assessments" in body
    assert 'href="?page=2" rel="next"' in body
    with django_assert_max_num_queries(15):
        second = client.get(LIST_URL, {"page": "2"})
    assert len(second.context["assessments"]) == 5
    assert "Showing 51 to 55 of 55 assessments" in second.content.decode()
    shown = {a.pk for a in first.context["assessments"]} | {a.pk for a in second.context["assessments"]}
    assert shown == set(Assessment.objects.values_list("pk", flat=True))


def test_an_odd_page_number_shows_the_first_page(
    start: Callable[..., Assessment], coordinator: Any, client_for: Any
) -> None:
    start()
    response = client_for(coordinator).get(LIST_URL, {"page": "²"})
    assert response.status_code == 200
    assert response.context["page"].number == 1
