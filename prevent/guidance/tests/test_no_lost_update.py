"""Two coordinators rewording the same guidance entry cannot overwrite each
other (issue 14 part 6, prevent/core/versioning.py, ADR 0018)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from prevent.core.versioning import EditConflict
from prevent.guidance import services
from prevent.guidance.models import VulnerabilityFactor

pytestmark = pytest.mark.django_db


def test_a_stale_wording_is_not_saved_and_the_page_shows_both(
    guidance: None, coordinator: Any, coordinator_client: Client
) -> None:
    factor = VulnerabilityFactor.objects.get(text="Low self-esteem")
    assert factor.version == 1
    url = reverse("guidance:manage-change", args=["vulnerability-factors", factor.pk])
    assert 'name="version" value="1"' in coordinator_client.get(url).content.decode()
    services.vulnerability_factor_update(actor=coordinator, factor=factor, text="Low self-worth", version=1)
    factor.refresh_from_db()
    assert factor.version == 2
    with pytest.raises(EditConflict):
        services.vulnerability_factor_update(
            actor=coordinator, factor=factor, text="Low self-esteem or confidence", version=1
        )
    page = coordinator_client.post(url, {"text": "Low self-esteem or confidence", "version": "1"})
    html = page.content.decode()
    assert "Someone else saved changes" in html
    assert "Low self-worth" in html and "Low self-esteem or confidence" in html
    factor.refresh_from_db()
    assert factor.text == "Low self-worth"
    merged = coordinator_client.post(
        url,
        {
            "text": "Low self-esteem or confidence",
            "version": "2",
            "merge_text": "theirs",
            "theirs_text": "Low self-worth",
        },
    )
    assert merged.status_code == 302
    factor.refresh_from_db()
    # Theirs was chosen: the same wording, so nothing more is written.
    assert (factor.text, factor.version) == ("Low self-worth", 2)
