"""The privacy pages through the test client: the schedule and its changes,
disposal dates on the records, the review queue's decisions (bad input told
next to the field and kept; confirmation before disposal), who looked and
one's own access history, each page at a bounded number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from prevent.audit.models import AuditEvent
from prevent.concerns import services as concern_services
from prevent.concerns.tests.conftest import make_submitted
from prevent.core import clock
from prevent.people.models import Person
from prevent.privacy import services
from prevent.privacy.models import RetentionRule, ReviewItem, ReviewStatus
from prevent.privacy.retention import add_years

pytestmark = pytest.mark.django_db


def closed_concern(people: dict[str, Any], name: str = "Imogen Threlkeld") -> Any:
    concern = make_submitted(people["practitioner"], person={"person_name": name})
    concern_services.triage_close_no_further_action(
        actor=people["spoc"], concern=concern, reason="Not Prevent"
    )
    concern.refresh_from_db()
    return concern


def due_item(people: dict[str, Any], concern: Any) -> ReviewItem:
    with clock.as_of(clock.today() + dt.timedelta(days=365 * 4)):
        (item,) = [i for i in services.review_queue_refresh() if i.person_id == concern.person_id]
    return item


def test_the_schedule_shows_the_defaults_and_a_coordinator_changes_one(client_for, people, guidance) -> None:
    client = client_for(people["coordinator"])
    page = client.get(reverse("privacy:schedule"))
    body = page.content.decode()
    assert "Concern closed with no referral" in body and "Audit event (kept longest)" in body
    url = reverse("privacy:rule-change", args=["concern", "no_referral"])
    for typed, message in [
        ("abc", "The number of years must be a whole number, like 6"),
        ("0", "The number of years must be 1 or more"),
        ("", "Enter the number of years"),
    ]:
        response = client.post(url, {"years": typed})
        assert response.status_code == 200
        text = response.content.decode()
        assert message in text and f'value="{typed}"' in text if typed else message in text
    response = client.post(url, {"years": "4"})
    assert response.status_code == 302
    assert RetentionRule.objects.get(record_type="concern", outcome="no_referral").years == 4
    event = AuditEvent.objects.get(action="retention_rule_changed")
    assert event.changes["years"] == {"before": 3, "after": 4}
    assert "4 years" in client.get(reverse("privacy:schedule")).content.decode()
    assert client.get(reverse("privacy:rule-change", args=["concern", "nonsense"])).status_code == 404
    assert client_for(people["spoc"]).post(url, {"years": "9"}).status_code == 403


def test_each_record_shows_its_disposal_date(client_for, people, guidance) -> None:
    concern = closed_concern(people)
    decided = concern.updated_at.date()
    expected = add_years(decided, 3)
    page = client_for(people["spoc"]).get(reverse("concerns:detail", args=[concern.pk]))
    body = page.content.decode()
    assert "Disposal date" in body and f"{expected:%-d %B %Y}" in body
    person_page = client_for(people["spoc"]).get(reverse("concerns:person", args=[concern.person_id]))
    assert f"due for review on {expected:%-d %B %Y}" in person_page.content.decode()
    assert "Who looked" not in person_page.content.decode()  # coordinators only


def test_the_case_page_shows_its_disposal_date(client_for, people, framework, guidance) -> None:
    from prevent.home.tests.chronology_path import whole_path

    path = whole_path(people, framework)
    body = client_for(people["coordinator"]).get(reverse("channel:case-detail", args=[path.case.pk])).content
    text = body.decode()
    last_review = max(r.completed_at for r in path.case.post_exit_reviews.all() if r.completed_at)
    assert "Disposal date" in text
    assert f"{add_years(last_review.date(), 6):%-d %B %Y}" in text  # 6 years after the last post-exit review


def test_keep_tells_bad_input_next_to_the_field_and_keeps_it(client_for, people, guidance) -> None:
    item = due_item(people, closed_concern(people))
    client = client_for(people["coordinator"])
    url = reverse("privacy:review-keep", args=[item.pk])
    future = clock.today() + dt.timedelta(days=365 * 4)
    later = future + dt.timedelta(days=400)
    with clock.as_of(future):
        response = client.post(
            url, {"reason": "  ", "until_day": "1", "until_month": "1", "until_year": "2020"}
        )
        text = response.content.decode()
        assert response.status_code == 200
        assert "Enter why the records are being kept" in text
        assert "the date to review the records again must be" in text.lower()
        response = client.post(
            url, {"reason": "Legal hold", "until_day": "31", "until_month": "2", "until_year": "2031"}
        )
        text = response.content.decode()
        assert "Legal hold" in text and "must be a real date" in text
        response = client.post(
            url,
            {
                "reason": "Legal hold",
                "until_day": later.day,
                "until_month": later.month,
                "until_year": later.year,
            },
        )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ReviewStatus.KEPT and item.kept_until == later and item.kept_reason == "Legal hold"
    assert AuditEvent.objects.filter(action="retention_records_kept").count() == 1
    # Not queued again before the new date; queued again after it.
    with clock.as_of(future + dt.timedelta(days=100)):
        assert services.review_queue_refresh() == []
    with clock.as_of(later + dt.timedelta(days=1)):
        assert [i.person_id for i in services.review_queue_refresh()] == [item.person_id]


def test_disposal_asks_for_confirmation_first(client_for, people, guidance) -> None:
    concern = closed_concern(people)
    item = due_item(people, concern)
    client = client_for(people["coordinator"])
    url = reverse("privacy:review-dispose", args=[item.pk])
    with clock.as_of(clock.today() + dt.timedelta(days=365 * 4)):
        page = client.get(url)
        assert page.status_code == 200 and "cannot be undone" in page.content.decode()
        response = client.post(url, {})
        assert "Confirm that you understand disposal cannot be undone" in response.content.decode()
        assert Person.objects.filter(pk=concern.person_id).exists()
        response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=concern.person_id).exists()
    item.refresh_from_db()
    assert item.status == ReviewStatus.DISPOSED
    review = client.get(reverse("privacy:review", args=[item.pk])).content.decode()
    assert "Disposed of" in review and "Dispose of the records" not in review


def test_the_daily_command_fills_the_queue_and_tells_the_coordinators(people, guidance, mailoutbox) -> None:
    concern = closed_concern(people)
    with clock.as_of(clock.today() + dt.timedelta(days=365 * 4)):
        call_command("retention_review")
    assert ReviewItem.objects.filter(person_id=concern.person_id, status=ReviewStatus.DUE).exists()
    assert people["coordinator"].notifications.filter(kind="privacy/email/review_due").exists()


def test_the_queue_costs_the_same_with_more_items(
    client_for, people, guidance, django_assert_max_num_queries
) -> None:
    client = client_for(people["coordinator"])
    for n in range(2):
        due_item(people, closed_concern(people, name=f"Person Number{n}"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("privacy:queue")).status_code == 200
    for n in range(2, 25):
        due_item(people, closed_concern(people, name=f"Person Number{n}"))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("privacy:queue"))
    assert page.content.decode().count("data-protection/review/") >= 25


def test_who_looked_lists_the_reads_of_the_persons_records(
    client_for, people, framework, guidance, django_assert_max_num_queries
) -> None:
    from prevent.home.tests.chronology_path import whole_path

    path = whole_path(people, framework)
    spoc = client_for(people["spoc"])
    for _ in range(3):
        spoc.get(reverse("concerns:detail", args=[path.concern.pk]))
    coordinator = client_for(people["coordinator"])
    coordinator.get(reverse("channel:case-detail", args=[path.case.pk]))
    url = reverse("privacy:who-looked", args=[path.person.pk])
    with django_assert_max_num_queries(25):
        page = coordinator.get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert text.count("Sam Spoc") >= 3 and "Cora Coordinator" in text
    assert AuditEvent.objects.filter(action="person_access_viewed").count() == 1
    for _ in range(20):
        spoc.get(reverse("concerns:detail", args=[path.concern.pk]))
    with django_assert_max_num_queries(25):
        assert coordinator.get(url).status_code == 200
    # The person page shows the latest to coordinators.
    person_page = coordinator.get(reverse("concerns:person", args=[path.person.pk])).content.decode()
    assert "Who looked" in person_page and "Sam Spoc" in person_page
    assert spoc.get(url).status_code == 404


def test_everyone_sees_their_own_access_history(
    client_for, people, guidance, django_assert_max_num_queries
) -> None:
    concern = closed_concern(people)
    spoc = client_for(people["spoc"])
    spoc.get(reverse("concerns:detail", args=[concern.pk]))
    account = spoc.get(reverse("accounts:account")).content.decode()
    assert reverse("privacy:my-access") in account
    with django_assert_max_num_queries(20):
        page = spoc.get(reverse("privacy:my-access"))
    text = page.content.decode()
    assert page.status_code == 200 and f"Concern {concern.pk}" in text
    assert "Cora Coordinator" not in text and "Pat Practitioner" not in text
    for _ in range(30):
        spoc.get(reverse("concerns:detail", args=[concern.pk]))
    with django_assert_max_num_queries(20):
        assert spoc.get(reverse("privacy:my-access")).status_code == 200
    mine = client_for(people["practitioner"]).get(reverse("privacy:my-access")).content.decode()
    assert f"Concern {concern.pk}" not in mine
    assert AuditEvent.objects.filter(action="own_access_history_viewed", actor=people["spoc"]).exists()
