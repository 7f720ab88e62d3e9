"""Recording and reading concerns through the API: the same forms,
services, rules and audit events as the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from prevent.audit.models import AuditEvent
from prevent.concerns import selectors as concern_selectors
from prevent.concerns.models import Concern
from prevent.concerns.tests.conftest import make_submitted

from .conftest import CONCERN_STEPS, ApiClient

pytestmark = pytest.mark.django_db
CONCERNS = "/api/v1/concerns/"
DESTINATION = "childrens_social_care"


def _actions_since(last: int) -> list[str]:
    return list(AuditEvent.objects.filter(pk__gt=last).order_by("pk").values_list("action", flat=True))


def _last_event() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _record_through_the_pages(client: Any) -> Concern:
    response = client.post(reverse("concerns:new"), {"emergency": "no"})
    assert response.status_code == 302
    concern = Concern.objects.order_by("-pk").first()
    assert concern is not None
    for step, data in CONCERN_STEPS.items():
        response = client.post(reverse("concerns:step", args=[concern.pk, step]), data)
        assert response.status_code == 302, (step, response.content.decode()[:2000])
    assert client.post(reverse("concerns:check", args=[concern.pk])).status_code == 302
    concern.refresh_from_db()
    return concern


def test_a_concern_made_through_the_api_is_in_the_spocs_queue_with_the_forms_audit_events(
    issue: Any, practitioner: Any, spoc: Any, client_for: Any
) -> None:
    before = _last_event()
    through_pages = _record_through_the_pages(client_for(practitioner))
    page_actions = _actions_since(before)
    page_notices = spoc.notifications.count()

    api = ApiClient(issue(practitioner))
    before = _last_event()
    response = api.post(CONCERNS, {"emergency": "no", "steps": CONCERN_STEPS})
    assert response.status_code == 201, response.json()
    body = response.json()
    api_actions = _actions_since(before)

    assert api_actions == page_actions
    assert "concern_submitted" in api_actions and "concern_draft_created" in api_actions
    assert spoc.notifications.count() == 2 * page_notices > 0  # the SPOC is told the same way
    made = Concern.objects.get(pk=body["id"])
    assert body["reference"] == made.reference and made.status == through_pages.status == "submitted"
    assert made.person is not None and made.person.full_name == "Alex Example"
    assert made.raised_by_id == practitioner.pk and made.organisation_id == practitioner.organisation_id
    queue = list(concern_selectors.triage_queue(spoc))
    assert made in queue and through_pages in queue
    page = client_for(spoc).get(reverse("concerns:triage-queue")).content.decode()
    assert made.reference in page


def test_the_forms_validation_refuses_and_nothing_is_recorded(issue: Any, practitioner: Any) -> None:
    api = ApiClient(issue(practitioner))
    before = _last_event()
    drafts = Concern.objects.count()
    steps = {**CONCERN_STEPS, "person": {**CONCERN_STEPS["person"], "person_date_of_birth_month": "13"}}
    steps.pop("support")
    response = api.post(CONCERNS, {"emergency": "no", "steps": steps})
    assert response.status_code == 400
    errors = response.json()
    assert "person_date_of_birth" in errors["person"]
    assert "Date of birth must be a real date" in " ".join(errors["person"]["person_date_of_birth"])
    assert errors["support"] == ["Complete the section: Care and support needs and services involved"]
    assert Concern.objects.count() == drafts
    assert _actions_since(before) == []


@pytest.mark.parametrize(
    "body",
    [
        {"emergency": "maybe", "steps": {}},
        {"emergency": "no", "steps": {"person": {"person_name": {"nested": 1}}}},
        {"emergency": "no", "steps": {"not-a-step": {}}},
        {"emergency": "no", "steps": {"person": {"person_name": "A\x00B"}}},
        {"emergency": "no"},
        [],
    ],
)
def test_bad_bodies_are_400_never_500(issue: Any, practitioner: Any, body: Any) -> None:
    response = ApiClient(issue(practitioner)).post(CONCERNS, body)
    assert response.status_code == 400


def test_recording_needs_the_write_scope_and_the_users_right(
    issue: Any, practitioner: Any, make_user: Any
) -> None:
    body = {"emergency": "no", "steps": CONCERN_STEPS}
    assert ApiClient(issue(practitioner, ["concerns:read"])).post(CONCERNS, body).status_code == 403
    analyst = make_user("partnership_analyst", organisation=practitioner.organisation)
    assert ApiClient(issue(analyst)).post(CONCERNS, body).status_code == 403
    assert not Concern.objects.exists()


def test_reads_are_scoped_and_audited(issue: Any, practitioner: Any, spoc: Any, make_user: Any) -> None:
    own = make_submitted(practitioner)
    outsider = make_user("spoc", full_name="Other Spoc")
    other = make_submitted(make_user("practitioner", organisation=outsider.organisation))
    api = ApiClient(issue(spoc))
    before = _last_event()
    listed = api.get(CONCERNS).json()["results"]
    assert [c["id"] for c in listed] == [own.pk]
    event = AuditEvent.objects.get(pk__gt=before)
    assert event.action == "api_records_read" and event.actor_id == spoc.pk
    assert event.changes["records_shown"]["after"] == [own.pk]
    assert api.get(f"{CONCERNS}{own.pk}/").status_code == 200
    assert AuditEvent.objects.filter(action="concern_viewed", object_id=str(own.pk), actor=spoc).exists()
    assert api.get(f"{CONCERNS}{other.pk}/").status_code == 404
    assert api.get(f"{CONCERNS}999999/").status_code == 404
    # The other organisation's SPOC sees theirs only.
    assert [c["id"] for c in ApiClient(issue(outsider)).get(CONCERNS).json()["results"]] == [other.pk]


def test_sync_by_updated_time_and_cursor(issue: Any, practitioner: Any) -> None:
    made = [make_submitted(practitioner) for _ in range(3)]
    api = ApiClient(issue(practitioner))
    first = api.get(CONCERNS, page_size=2).json()
    assert [c["id"] for c in first["results"]] == [made[0].pk, made[1].pk]
    second = api.client.get(first["next"], headers=api.headers).json()
    assert [c["id"] for c in second["results"]] == [made[2].pk]
    since = first["results"][-1]["updated"]
    assert [c["id"] for c in api.get(CONCERNS, updated_after=since).json()["results"]] == [made[2].pk]
    assert api.get(CONCERNS, updated_after="yesterday").status_code == 400
    assert api.get(CONCERNS, updated_after="9999-12-31T23:59:59+14:00").status_code == 400
    assert api.get(CONCERNS, cursor="not-a-cursor").status_code == 404


def test_a_referral_outcome_is_read_back(issue: Any, practitioner: Any, spoc: Any) -> None:
    from prevent.concerns.models import Referral, ReferralStatus
    from prevent.concerns.services import referral_update_status

    concern = make_submitted(practitioner)
    referral = _refer(spoc, concern)
    referral_update_status(
        actor=spoc, referral=referral, status=ReferralStatus.OUTCOME_RECEIVED, outcome="Support offered"
    )
    body = ApiClient(issue(practitioner)).get(f"{CONCERNS}{concern.pk}/").json()
    assert body["referrals"][0]["status"] == "outcome_received"
    assert body["referrals"][0]["outcome"] == "Support offered"
    assert Referral.objects.get(pk=referral.pk).outcome == "Support offered"


def _refer(spoc: Any, concern: Concern) -> Any:
    """A referral to children's social care, made by the SPOC's triage decision."""
    from prevent.concerns.services import ReferralInput, triage_record_decision
    from prevent.core import clock

    referral = ReferralInput(destination=DESTINATION, sent_on=clock.today(), method="email")
    triage_record_decision(
        actor=spoc, concern=concern, pyramid_level=2, rationale="Needs support", referrals=[referral]
    )
    return concern.referrals.get()


@pytest.mark.parametrize("count", [2, 12])
def test_the_list_costs_a_bounded_number_of_queries(
    issue: Any, practitioner: Any, spoc: Any, count: int, django_assert_max_num_queries: Any
) -> None:
    for concern in [make_submitted(practitioner) for _ in range(count)]:
        _refer(spoc, concern)
    api = ApiClient(issue(spoc))
    with django_assert_max_num_queries(20):  # the same for 2 and 12 concerns
        response = api.get(CONCERNS)
    assert len(response.json()["results"]) == count


def test_the_documentation_page_lists_every_operation(practitioner: Any, client_for: Any) -> None:
    page = client_for(practitioner).get(reverse("api:docs")).content.decode()
    for path in ("/api/v1/concerns/", "/api/v1/gateway-referrals/{id}/", "/api/v1/training-completions/"):
        assert f"<code>{path}</code>" in page
    assert "Record a concern" in page and "updated_after" in page
