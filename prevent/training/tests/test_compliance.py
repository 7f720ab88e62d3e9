"""Compliance per organisation and across the partnership, the plan, the
CSV export and the self-assessment suggestion."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from prevent.accounts.models import User
from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.core import clock
from prevent.self_assessment.evidence import training as training_evidence
from prevent.training import selectors, services
from prevent.training.models import Completion, Course, CourseKind, Requirement, SessionCascade
from prevent.training.tests.conftest import schedule

pytestmark = pytest.mark.django_db


def _done(user: Any, course: Course, on: dt.date) -> Completion:
    return Completion.objects.create(
        user=user,
        organisation_id=user.organisation_id,
        course=course,
        completed_on=on,
        valid_until=course.valid_until(on),
        source="attendance",
        status="confirmed",
        recorded_by=user,
    )


def test_share_current_missing_and_expiring_at_the_boundaries(make_user: Any, org: Any, wrap: Any) -> None:
    Requirement.objects.create(organisation=org, job_group="all_staff", course=wrap)
    today = clock.today()
    current, expiring, expired, _missing = (make_user(organisation=org, full_name=n) for n in "ABCD")
    _done(current, wrap, today - dt.timedelta(days=100))
    _done(expiring, wrap, today.replace(year=today.year - 3) + dt.timedelta(days=30))
    _done(expired, wrap, today.replace(year=today.year - 3) - dt.timedelta(days=1))
    row = selectors.compliance(org).rows[0]
    assert (row.required, row.current, row.percent) == (4, 2, 50)
    assert sorted(row.missing) == ["C", "D"]
    assert [name for name, _ in row.expiring] == ["B"]
    # On the last day it is current, the day after it is not.
    last_day = Completion.objects.get(user=expiring).valid_until
    assert last_day is not None
    assert selectors.compliance(org, today=last_day).rows[0].current >= 1
    after = selectors.compliance(org, today=last_day + dt.timedelta(days=1)).rows[0]
    assert "B" in after.missing


def test_a_course_without_refresher_stays_current(make_user: Any, org: Any) -> None:
    chair = Course.objects.get(title="Channel panel chair training")
    Requirement.objects.create(organisation=org, job_group="all_staff", course=chair)
    _done(make_user(organisation=org), chair, dt.date(2001, 1, 1))
    assert selectors.compliance(org).rows[0].percent == 100


def test_the_spoc_sets_the_plan_from_the_sectors_defaults(
    org: Any, spoc: Any, client_for: Any, wrap: Any
) -> None:
    client = client_for(spoc)
    page = client.get(reverse("training:plan", args=[org.pk])).content.decode()
    assert "defaults for" in page
    channel = Course.objects.get(kind=CourseKind.CHANNEL_PACKAGE)
    client.post(reverse("training:plan", args=[org.pk]), {"all_staff": [str(wrap.pk), str(channel.pk)]})
    assert set(Requirement.objects.filter(organisation=org).values_list("course_id", flat=True)) == {
        wrap.pk,
        channel.pk,
    }
    assert AuditEvent.objects.filter(action="training_plan_changed").count() == 1


def test_another_organisations_spoc_gets_404(make_user: Any, org: Any, client_for: Any) -> None:
    other = client_for(make_user(Role.SPOC))
    assert other.get(reverse("training:compliance", args=[org.pk])).status_code == 404
    assert other.get(reverse("training:plan", args=[org.pk])).status_code == 404
    assert other.get(reverse("training:compliance-csv", args=[org.pk])).status_code == 404


def test_csv_is_streamed_and_audited(org: Any, spoc: Any, client_for: Any, make_user: Any, wrap: Any) -> None:
    Requirement.objects.create(organisation=org, job_group="all_staff", course=wrap)
    make_user(organisation=org, full_name="=HYPERLINK(1)")
    response = client_for(spoc).get(reverse("training:compliance-csv", args=[org.pk]))
    assert response.streaming
    body = b"".join(response.streaming_content).decode()
    assert wrap.title in body and "'=HYPERLINK(1)" in body
    assert AuditEvent.objects.filter(action="training_compliance_exported", actor=spoc).count() == 1


def test_chart_is_accessible_svg_with_the_table(
    org: Any, spoc: Any, client_for: Any, wrap: Any, make_user: Any
) -> None:
    Requirement.objects.create(organisation=org, job_group="all_staff", course=wrap)
    _done(make_user(organisation=org), wrap, clock.today())
    make_user(organisation=org)
    body = client_for(spoc).get(reverse("training:compliance", args=[org.pk])).content.decode()
    assert 'role="img"' in body and '<title id="chart-title">' in body and "<desc" in body
    assert f"{wrap.title}: 33% (1 of 3)" in body  # the SPOC and two staff
    assert 'id="compliance"' in body and ">33%<" in body


@pytest.mark.parametrize("staff", [10, 5000])
def test_compliance_pages_cost_bounded_queries(
    staff: int,
    org: Any,
    spoc: Any,
    coordinator: Any,
    client_for: Any,
    wrap: Any,
    django_assert_max_num_queries: Any,
) -> None:
    Requirement.objects.create(organisation=org, job_group="all_staff", course=wrap)
    User.objects.bulk_create(
        User(email=f"staff{i}@bulk.example", full_name=f"Staff {i:05}", organisation=org)
        for i in range(staff)
    )
    users = list(User.objects.filter(organisation=org).order_by("pk")[: staff // 2])
    Completion.objects.bulk_create(
        Completion(
            user=u,
            organisation=org,
            course=wrap,
            completed_on=clock.today(),
            valid_until=wrap.valid_until(clock.today()),
            source="attendance",
            status="confirmed",
            recorded_by=u,
        )
        for u in users
    )
    spoc_client, coordinator_client = client_for(spoc), client_for(coordinator)
    with django_assert_max_num_queries(14):
        response = spoc_client.get(reverse("training:compliance", args=[org.pk]))
    assert response.status_code == 200
    with django_assert_max_num_queries(14):
        assert coordinator_client.get(reverse("training:partnership")).status_code == 200


def test_self_assessment_suggests_figures_from_training_records(
    make_user: Any, org: Any, spoc: Any, coordinator: Any, trainer: Any, wrap: Any
) -> None:
    assert training_evidence(org) is None
    Requirement.objects.create(organisation=org, job_group="all_staff", course=wrap)
    session = schedule(coordinator, trainer, wrap)
    staff = make_user(organisation=org)
    services.session_book(actor=staff, session=session)
    services.session_cascade(actor=spoc, session=session)
    services.session_record_attendance(actor=trainer, session=session, attended=[staff.pk])
    text = training_evidence(org) or ""
    assert "A training plan is in place" in text
    assert "50% of staff (1 of 2) have current training on WRAP" in text
    assert "cascaded to staff 1 time since 1 January" in text
    assert SessionCascade.objects.count() == 1
