"""The pages: GOV.UK errors, inert HTML, the check-and-submit steps, the
overview and history at a bounded number of queries."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse

from prevent.accounts.roles import Role
from prevent.core.models import District, Sector
from prevent.self_assessment import services
from prevent.self_assessment.models import Assessment, AssessmentAction, Rating
from prevent.self_assessment.selectors import assessment_sections, current_template
from tests.factories import OrganisationFactory, UserFactory

from .conftest import answer_all, today

pytestmark = pytest.mark.django_db


def date_fields(name: str, value: Any) -> dict[str, str]:
    return {f"{name}_day": str(value.day), f"{name}_month": str(value.month), f"{name}_year": str(value.year)}


def test_start_page_shows_govuk_errors(spoc: Any, client_for: Any) -> None:
    client = client_for(spoc)
    url = reverse("self_assessment:start")
    response = client.post(url, {})
    assert response.status_code == 200
    for message in (
        "Enter the name of the assessor or assessors",
        "Enter the date of assessment",
        "Enter the date to be reviewed",
    ):
        assert message in response.text
    assert 'href="#id_assessed_on-day"' in response.text

    response = client.post(
        url,
        {
            "assessor_names": "Sam",
            "assessed_on_day": "3",
            "assessed_on_year": "2026",
            **date_fields("review_due_on", today()),
        },
    )
    assert "Date of assessment must include a month" in response.text
    assert 'href="#id_assessed_on-month"' in response.text

    response = client.post(
        url,
        {
            "assessor_names": "Sam",
            **date_fields("assessed_on", today()),
            **date_fields("review_due_on", today() - timedelta(days=1)),
        },
    )
    assert "Date to be reviewed must be after the date of assessment" in response.text

    response = client.post(
        url,
        {
            "assessor_names": "Sam",
            **date_fields("assessed_on", today() + timedelta(days=2)),
            **date_fields("review_due_on", today() + timedelta(days=300)),
        },
    )
    assert "Date of assessment must be today or in the past" in response.text
    response = client.post(
        url,
        {
            "assessor_names": "Sam",
            "assessed_on_day": "31",
            "assessed_on_month": "2",
            "assessed_on_year": "2025",
            **date_fields("review_due_on", today()),
        },
    )
    assert "Date of assessment must be a real date" in response.text
    assert not Assessment.objects.exists()


def test_start_page_creates_a_draft(spoc: Any, client_for: Any) -> None:
    client = client_for(spoc)
    response = client.post(
        reverse("self_assessment:start"),
        {
            "assessor_names": "Sam Spoc",
            **date_fields("assessed_on", today()),
            **date_fields("review_due_on", today() + timedelta(days=365)),
        },
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "self_assessment:detail", args=[assessment.pk]
    )
    page = client.get(response["Location"])
    assert "Not started" in page.text and "Check your answers" in page.text


def test_html_is_shown_inert(spoc: Any, start: Any, client_for: Any) -> None:
    assessment = start(assessor_names="<b>Sam</b>")
    client = client_for(spoc)
    url = reverse("self_assessment:objective", args=[assessment.pk, 1])
    pk = assessment_sections(assessment)[0].rows[0].statement.pk
    client.post(url, {f"met_{pk}": "yes", f"note_{pk}": "<script>alert(1)</script>"})
    for page_url in (
        url,
        reverse("self_assessment:check", args=[assessment.pk]),
        reverse("self_assessment:detail", args=[assessment.pk]),
    ):
        text = client.get(page_url).text
        assert "<script>alert(1)</script>" not in text
        assert "<b>Sam</b>" not in text
    check = client.get(reverse("self_assessment:check", args=[assessment.pk])).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in check


def test_objective_page_override_and_actions(spoc: Any, start: Any, client_for: Any) -> None:
    assessment = start()
    client = client_for(spoc)
    url = reverse("self_assessment:objective", args=[assessment.pk, 2])
    section = assessment_sections(assessment)[1]
    data = {f"met_{row.statement.pk}": "yes" for row in section.rows}
    data["override"] = Rating.GREEN
    response = client.post(url, data)
    assert "Enter why you changed the suggested rating" in response.text
    data["override_reason"] = "We go further than the guidance"
    response = client.post(url, {**data, "add_action": "1"})
    assert response["Location"] == reverse("self_assessment:action-add", args=[assessment.pk, 2])
    missing = client.post(response["Location"], {})
    for message in (
        "Enter a description of the action",
        "Enter who will do the action",
        "Enter the due date",
    ):
        assert message in missing.text
    saved = client.post(
        response["Location"],
        {
            "description": "Book WRAP",
            "owner": "Deputy head",
            "status": "not_started",
            **date_fields("due_on", today() + timedelta(days=60)),
        },
    )
    assert saved.status_code == 302
    assert AssessmentAction.objects.get().owner == "Deputy head"
    page = client.get(url).text
    assert "Book WRAP" in page and "We go further than the guidance" in page


def test_check_and_submit(spoc: Any, start: Any, client_for: Any) -> None:
    assessment = start()
    client = client_for(spoc)
    check = client.get(reverse("self_assessment:check", args=[assessment.pk]))
    assert "Answer every statement of objective 1: 6 not answered" in check.text
    refused = client.post(reverse("self_assessment:submit", args=[assessment.pk]))
    assert refused.status_code == 200 and "There is a problem" in refused.text
    answer_all(spoc, assessment)
    confirm = client.get(reverse("self_assessment:submit", args=[assessment.pk]))
    assert "Once you submit, nobody can change this assessment" in confirm.text
    done = client.post(reverse("self_assessment:submit", args=[assessment.pk]))
    assert done.status_code == 302
    assessment.refresh_from_db()
    assert assessment.is_locked
    page = client.get(reverse("self_assessment:detail", args=[assessment.pk])).text
    assert "Start the next assessment from a copy of this one" in page
    start_page = client.get(reverse("self_assessment:start")).text
    assert "From a copy of the last assessment" in start_page


def make_org_with_assessment(n: int, coordinator: Any) -> None:
    org: Any = OrganisationFactory(name=f"Org {n:03d}", sector=Sector.HEALTH if n % 2 else Sector.SCHOOL)
    spoc: Any = UserFactory(roles=[Role.SPOC], organisation=org)
    assessment = services.assessment_start(
        actor=spoc,
        organisation=org,
        assessor_names="A",
        assessed_on=today() - timedelta(days=10),
        review_due_on=today() + timedelta(days=100),
    )
    answer_all(spoc, assessment)
    services.action_save(
        actor=spoc,
        assessment=assessment,
        objective=assessment_sections(assessment)[0].objective,
        description="x",
        owner="y",
        due_on=today() + timedelta(days=1),
        status="not_started",
    )
    services.assessment_submit(actor=spoc, assessment=assessment)


def test_overview_and_history_queries_are_bounded(
    coordinator: Any, client_for: Any, django_assert_max_num_queries: Any, spoc: Any
) -> None:
    client = client_for(coordinator)
    make_org_with_assessment(0, coordinator)
    client.get(reverse("self_assessment:overview"))  # warm the session

    def count(url: str) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    org = Assessment.objects.get().organisation
    small_overview = count(reverse("self_assessment:overview"))
    small_history = count(reverse("self_assessment:history", args=[org.pk]))
    small_list = count(reverse("self_assessment:list"))
    for n in range(1, 13):
        make_org_with_assessment(n, coordinator)
    # More assessments for one organisation, too.
    org_spoc: Any = UserFactory(roles=[Role.SPOC], organisation=org)
    for days in (400, 800):
        a = services.assessment_start(
            actor=org_spoc,
            organisation=org,
            assessor_names="B",
            assessed_on=today() - timedelta(days=days),
            review_due_on=today() - timedelta(days=days - 300),
        )
        answer_all(org_spoc, a)
        services.assessment_submit(actor=org_spoc, assessment=a)
    assert count(reverse("self_assessment:overview")) == small_overview
    assert count(reverse("self_assessment:history", args=[org.pk])) == small_history
    assert count(reverse("self_assessment:list")) == small_list
    with django_assert_max_num_queries(15):
        client.get(reverse("self_assessment:overview"))


def test_overview_lists_organisations_needing_attention_first(
    coordinator: Any, client_for: Any, spoc: Any, start: Any
) -> None:
    # Cherwell Academy (the spoc's) has a current, complete assessment.
    assessment = start()
    answer_all(spoc, assessment)
    services.assessment_submit(actor=spoc, assessment=assessment)
    OrganisationFactory(name="Abingdon School", sector=Sector.SCHOOL, district=District.VALE_OF_WHITE_HORSE)
    OrganisationFactory(name="Zeta Health", sector=Sector.HEALTH, district=District.CHERWELL)
    client = client_for(coordinator)
    page = client.get(reverse("self_assessment:overview"))
    rows = [row.organisation.name for row, _ in page.context["rows"]]
    assert rows.index("Abingdon School") < rows.index("Cherwell Academy")
    assert rows.index("Zeta Health") < rows.index("Cherwell Academy")
    assert "No assessment" in page.text
    assert ">Green</strong>" in page.text  # a text label, not colour alone
    filtered = client.get(
        reverse("self_assessment:overview"), {"sector": Sector.SCHOOL, "district": District.CHERWELL}
    )
    assert [row.organisation.name for row, _ in filtered.context["rows"]] == ["Cherwell Academy"]


def test_history_and_compare(spoc: Any, start: Any, client_for: Any) -> None:
    first = start(assessed_on=today() - timedelta(days=400), review_due_on=today() - timedelta(days=30))
    answer_all(spoc, first, met=False, note="")
    services.assessment_submit(actor=spoc, assessment=first)
    second = start(copy_from=first)
    answer_all(spoc, second, note="Now in place")
    services.assessment_submit(actor=spoc, assessment=second)
    client = client_for(spoc)
    history = client.get(reverse("self_assessment:history", args=[spoc.organisation_id]))
    assert history.text.count(">Red</strong>") == 4 and history.text.count(">Green</strong>") == 4
    compare = client.get(
        reverse("self_assessment:compare", args=[spoc.organisation_id]),
        {"before": first.pk, "after": second.pk},
    )
    assert compare.status_code == 200
    diff = compare.context["diff"]
    assert len(diff["statements"]) == 22
    objective, old, new = diff["ratings"][0]
    assert (objective.number, old.rating, new.rating) == (1, "red", "green")
    same = client.get(
        reverse("self_assessment:compare", args=[spoc.organisation_id]),
        {"before": first.pk, "after": first.pk},
    )
    assert "Select two different assessments" in same.text


def test_template_pages(coordinator: Any, client_for: Any, spoc: Any) -> None:
    client = client_for(coordinator)
    page = client.get(reverse("self_assessment:template"))
    assert "An audit trail for notification reports/referrals exists" in page.text
    template = current_template()
    statement = list(template.objectives.all()[2].statements.all())[2]
    form = client.get(reverse("self_assessment:template-publish")).context["form"]
    data = {name: form[name].value() or "" for name in form.fields if not name.startswith("retire_")}
    data[f"text_{statement.pk}"] = "An audit trail for notifications and referrals exists"
    data["notes"] = "Clearer wording"
    response = client.post(reverse("self_assessment:template-publish"), data)
    assert response.status_code == 302
    assert current_template().number == 2
    assert client_for(spoc).get(reverse("self_assessment:template-publish")).status_code == 403
