"""The guidance pages: every page renders for a signed-in practitioner,
anonymous users are sent to sign in, search and its "No results" message,
stable anchors, and the factors page's query count."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from prevent.guidance.models import GuidancePage, KeyQuestion, VulnerabilityArea, VulnerabilityFactor

pytestmark = pytest.mark.django_db

PAGE_SLUGS = [
    "definitions",
    "risk-in-oxfordshire",
    "prevent-duty",
    "reducing-the-risk",
    "referral-and-intervention",
    "channel",
    "training-and-resources",
]
FIXED_PAGES = [
    "guidance:index",
    "guidance:how-to-report",
    "guidance:vulnerability-factors",
    "guidance:influences",
    "guidance:pyramid",
]
ALL_URLS = [reverse(name) for name in FIXED_PAGES] + [reverse("guidance:page", args=[s]) for s in PAGE_SLUGS]


@pytest.mark.parametrize("url", ALL_URLS)
def test_every_guidance_page_renders_for_a_practitioner(
    guidance: None, practitioner_client: Client, url: str
) -> None:
    response = practitioner_client.get(url)
    assert response.status_code == 200
    assert b'<h1 class="govuk-' in response.content
    assert b"Contents" in response.content


@pytest.mark.parametrize("url", ALL_URLS)
def test_anonymous_users_are_sent_to_sign_in(guidance: None, client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_a_guidance_page_shows_its_text_inert_with_sections(
    guidance: None, practitioner_client: Client
) -> None:
    page = GuidancePage.objects.get(slug="channel")
    page.body = page.body + "\n\nA <script>alert(1)</script> test www.gov.uk/x"
    page.save()
    content = practitioner_client.get(reverse("guidance:page", args=["channel"])).content.decode()
    assert '<h1 class="govuk-heading-l">Channel process</h1>' in content
    assert 'id="section-the-channel-panel"' in content
    assert 'href="#section-the-channel-panel"' in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert(1)" not in content
    assert (
        '<a class="govuk-link" href="https://www.gov.uk/government/publications/channel-guidance">' in content
    )
    assert "<li>Identify people at risk of being drawn into terrorism;</li>" in content


def test_unknown_and_retired_pages_are_not_found(guidance: None, practitioner_client: Client) -> None:
    assert practitioner_client.get(reverse("guidance:page", args=["no-such-page"])).status_code == 404
    GuidancePage.objects.filter(slug="definitions").update(retired_at="2026-01-01T00:00:00Z")
    assert practitioner_client.get(reverse("guidance:page", args=["definitions"])).status_code == 404


def test_factors_page_says_no_single_profile_and_not_a_checklist(
    guidance: None, practitioner_client: Client
) -> None:
    content = practitioner_client.get(reverse("guidance:vulnerability-factors")).content.decode()
    assert "There is no single profile" in content
    assert "not a checklist to score" in content
    for code in ("personal", "family", "religion", "environmental", "social", "criminal"):
        assert f'id="area-{code}"' in content
    question = KeyQuestion.objects.get(text__startswith="Does the individual have any marks")
    assert f'id="question-{question.pk}"' in content
    assert (
        "Does the individual have any marks, scars or tattoos which are linked to extremist groups?"
        in content
    )


def test_influences_and_pyramid_anchors(guidance: None, practitioner_client: Client) -> None:
    influences = practitioner_client.get(reverse("guidance:influences")).content.decode()
    for code in ("online", "peer-interaction", "tv-and-media", "family-members", "friends", "direct-contact"):
        assert f'id="influence-{code}"' in influences
    pyramid = practitioner_client.get(reverse("guidance:pyramid")).content.decode()
    for level in (1, 2, 3, 4):
        assert f'id="level-{level}"' in pyramid
    assert pyramid.index('id="level-4"') < pyramid.index('id="level-1"')
    assert "Moving towards extremism" in pyramid


def test_search_results_are_grouped_and_linked(guidance: None, practitioner_client: Client) -> None:
    factor = VulnerabilityFactor.objects.get(text="A sense of isolation")
    content = practitioner_client.get(reverse("guidance:index"), {"q": "isolation"}).content.decode()
    assert "result" in content and "for \u2018isolation\u2019" in content
    assert '<h3 class="govuk-heading-s">Vulnerability factors</h3>' in content
    assert '<h3 class="govuk-heading-s">Guidance pages</h3>' in content
    assert f'href="/guidance/vulnerability-factors/#factor-{factor.pk}"' in content
    assert 'href="/guidance/risk-in-oxfordshire/"' in content
    assert 'value="isolation"' in content


def test_search_says_no_results(guidance: None, practitioner_client: Client) -> None:
    content = practitioner_client.get(reverse("guidance:index"), {"q": "<b>xylophone</b>"}).content.decode()
    assert "No results for \u2018&lt;b&gt;xylophone&lt;/b&gt;\u2019" in content
    assert "checking your spelling" in content


def test_the_index_links_the_editing_pages_for_a_coordinator_only(
    guidance: None, practitioner_client: Client, coordinator_client: Client
) -> None:
    manage = reverse("guidance:manage")
    assert manage not in practitioner_client.get(reverse("guidance:index")).content.decode()
    assert manage in coordinator_client.get(reverse("guidance:index")).content.decode()


def test_factors_page_query_count_does_not_grow_with_the_data(
    guidance: None, practitioner_client: Client, django_assert_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        assert practitioner_client.get(reverse("guidance:vulnerability-factors")).status_code == 200
    for n in range(10):
        area = VulnerabilityArea.objects.create(code=f"extra-{n}", name=f"Extra {n}", order=100 + n)
        VulnerabilityFactor.objects.bulk_create(
            VulnerabilityFactor(area=area, text=f"Factor {i}") for i in range(20)
        )
        KeyQuestion.objects.bulk_create(KeyQuestion(area=area, text=f"Question {i}?") for i in range(5))
    with django_assert_num_queries(len(before.captured_queries)):
        response = practitioner_client.get(reverse("guidance:vulnerability-factors"))
    assert b"Extra 9" in response.content
    # Session, user, roles, OTP device, areas, factors, key questions, pages.
    assert len(before.captured_queries) <= 12
