"""The privacy page and the documents in docs/data-protection/ say the same
thing because both come from prevent/core/privacy_notice.py: the page
renders it, and these tests check the documents list its categories,
recipients and lawful bases, and that every model holding personal data is
in one of its categories (a new model fails here until it is placed)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client

from prevent.accounts.roles import Role
from prevent.core import privacy_notice
from prevent.privacy.retention import SCHEDULE
from prevent.privacy.services import retention_rule_set

DOCS = Path(settings.BASE_DIR) / "docs" / "data-protection"


def _words(text: str) -> str:
    """Text with Markdown emphasis and line breaks taken out, spaces single."""
    return re.sub(r"\s+", " ", text.replace("**", "").replace("`", "")).lower()


def _doc(name: str) -> str:
    return _words((DOCS / name).read_text(encoding="utf-8"))


@pytest.mark.django_db
def test_the_privacy_page_is_public_and_shows_every_part_of_the_notice(client: Client) -> None:
    response = client.get("/privacy/")

    assert response.status_code == 200
    page = _words(html.unescape(response.content.decode()))
    items: list[privacy_notice.Item | privacy_notice.DataCategory] = [
        *privacy_notice.DATA_SUBJECTS,
        *privacy_notice.DATA_CATEGORIES,
        *privacy_notice.LAWFUL_BASES,
        *privacy_notice.RECIPIENTS,
        *privacy_notice.RIGHTS,
    ]
    for item in items:
        assert _words(item.label) in page
        assert _words(item.text) in page
    for line in privacy_notice.SECURITY:
        assert _words(line) in page
    assert _words(privacy_notice.TRANSFERS) in page
    assert "information commissioner's office" in page


def _kept_for(page: str, label: str) -> int:
    match = re.search(re.escape(_words(label)) + r"\s*</th>\s*<td [^>]*>(\d+) years", page)
    assert match, label
    return int(match.group(1))


@pytest.mark.django_db
def test_the_page_shows_the_retention_periods_in_force(client: Client, make_user: Any) -> None:
    page = _words(html.unescape(client.get("/privacy/").content.decode()))
    for row in SCHEDULE:
        assert _kept_for(page, row.label) == row.default_years

    first = SCHEDULE[0]
    retention_rule_set(
        actor=make_user(Role.PREVENT_COORDINATOR),
        record_type=first.record_type,
        outcome=first.outcome,
        years=first.default_years + 2,
    )
    page = _words(html.unescape(client.get("/privacy/").content.decode()))
    assert _kept_for(page, first.label) == first.default_years + 2


@pytest.mark.parametrize("document", ["privacy-notice.md", "records-of-processing.md", "dpia.md"])
def test_each_document_lists_the_notice_s_categories_recipients_and_lawful_bases(document: str) -> None:
    text = _doc(document)
    items: list[privacy_notice.Item | privacy_notice.DataCategory] = [
        *privacy_notice.DATA_CATEGORIES,
        *privacy_notice.RECIPIENTS,
        *privacy_notice.LAWFUL_BASES,
    ]
    for item in items:
        assert _words(item.label) in text, f"{document} does not mention {item.label!r}"
    for item in privacy_notice.DATA_SUBJECTS:
        assert _words(item.label) in text, f"{document} does not mention {item.label!r}"
    assert "retention.md" in text


def test_the_records_of_processing_list_each_category_s_tables() -> None:
    text = _doc("records-of-processing.md")
    for category in privacy_notice.DATA_CATEGORIES:
        for label in category.models:
            assert label.lower() in text, f"records-of-processing.md does not name {label} ({category.label})"


def test_every_model_is_in_a_category_or_named_as_holding_no_personal_data() -> None:
    placed = {label for category in privacy_notice.DATA_CATEGORIES for label in category.models}
    models = {model._meta.label for model in apps.get_models() if model.__module__.startswith("prevent.")}

    assert placed <= models, f"categories name models that do not exist: {sorted(placed - models)}"
    unplaced = models - placed - privacy_notice.NOT_PERSONAL
    assert not unplaced, (
        f"{sorted(unplaced)}: put each in a category of prevent/core/privacy_notice.py (and the documents in "
        "docs/data-protection/) or in NOT_PERSONAL"
    )
