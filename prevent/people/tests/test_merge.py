"""Possible duplicates, merge and undo (issue 10, item 2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.http import Http404
from django.urls import reverse

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.audit.verify import verify_chain
from prevent.concerns.models import Concern
from prevent.concerns.tests.conftest import make_submitted
from prevent.people.models import Person, PersonMerge
from prevent.people.selectors import people_visible_to, possible_duplicates
from prevent.people.services import _person_relations, person_merge, person_merge_undo
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

BORN = dt.date(2011, 6, 7)


def _concern(practitioner: Any, name: str, born: dt.date | None = BORN, other: str = "") -> Concern:
    return make_submitted(
        practitioner,
        person={"person_name": name, "person_date_of_birth": born, "person_other_names": other},
    )


@pytest.fixture
def twins(practitioner: Any, spoc: Any) -> dict[str, Any]:
    a1 = _concern(practitioner, "Mohamed Ali")
    b1 = _concern(practitioner, "Muhammad Ali")
    b2 = _concern(practitioner, "Muhammad Ali")
    return {"keep": a1.person, "merge": b1.person, "other": b2.person, "concerns": [a1, b1, b2]}


def test_every_domain_that_points_at_a_person_is_merged() -> None:
    found = {(m._meta.label_lower, name) for m, name, _ in _person_relations()}
    assert {
        ("concerns.concern", "person"),
        ("channel.gatewayreferral", "person"),
        ("channel.channelcase", "person"),
    } <= found


def test_merge_keeps_every_record_and_undo_restores_exactly(spoc: Any, twins: dict[str, Any]) -> None:
    keep, merge = twins["keep"], twins["merge"]
    a1, b1, b2 = twins["concerns"]
    persons_before = Person.objects.count()
    record = person_merge(actor=spoc, keep=keep, merge=merge, reason="Same pupil, two spellings")
    assert set(Concern.objects.filter(person=keep).values_list("pk", flat=True)) == {a1.pk, b1.pk}
    assert Concern.objects.filter(person=twins["other"]).get() == b2  # untouched
    assert Person.objects.count() == persons_before  # nothing deleted
    merge.refresh_from_db()
    assert merge.merged_into == keep and record.moved == {"concerns.concern": {"person": [b1.pk]}}
    assert merge not in people_visible_to(spoc)

    undone = person_merge_undo(actor=spoc, merge_record=record, reason="Not the same pupil after all")
    assert Concern.objects.get(pk=b1.pk).person_id == merge.pk
    assert Concern.objects.get(pk=a1.pk).person_id == keep.pk
    merge.refresh_from_db()
    assert merge.merged_into is None and undone.undone_by == spoc
    assert merge in people_visible_to(spoc)
    events = list(
        AuditEvent.objects.filter(action__in=["person_merged", "person_merge_undone"]).order_by("id")
    )
    assert [e.action for e in events] == ["person_merged", "person_merge_undone"]
    assert events[0].changes["reason"]["after"] == "Same pupil, two spellings"
    assert all("Ali" not in e.summary for e in events)
    report = verify_chain()
    assert report.ok, report
    call_command("verify_audit")


def test_undo_twice_is_refused(spoc: Any, twins: dict[str, Any]) -> None:
    record = person_merge(actor=spoc, keep=twins["keep"], merge=twins["merge"], reason="Same")
    person_merge_undo(actor=spoc, merge_record=record, reason="Wrong")
    with pytest.raises(Http404):
        person_merge_undo(actor=spoc, merge_record=PersonMerge.objects.get(), reason="Again")


def test_a_merge_needs_a_reason_and_two_people_not_already_merged(spoc: Any, twins: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        person_merge(actor=spoc, keep=twins["keep"], merge=twins["merge"], reason="  ")
    with pytest.raises(ValidationError):
        person_merge(actor=spoc, keep=twins["keep"], merge=twins["keep"], reason="Same")
    person_merge(actor=spoc, keep=twins["keep"], merge=twins["merge"], reason="Same")
    with pytest.raises(Http404):  # the merged record is no longer anyone's to merge
        person_merge(actor=spoc, keep=twins["other"], merge=twins["merge"], reason="Same")
    assert PersonMerge.objects.count() == 1


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.POLICE_PREVENT_OFFICER, Role.CHANNEL_CHAIR])
def test_only_a_spoc_or_coordinator_who_sees_both_may_merge(
    make_user: Any, twins: dict[str, Any], role: Role
) -> None:
    user = make_user(role, organisation=OrganisationFactory())
    with pytest.raises(Http404):
        person_merge(actor=user, keep=twins["keep"], merge=twins["merge"], reason="Same")
    other_spoc = make_user(Role.SPOC, organisation=OrganisationFactory())
    with pytest.raises(Http404):
        person_merge(actor=other_spoc, keep=twins["keep"], merge=twins["merge"], reason="Same")


def test_possible_duplicates_need_the_same_date_of_birth_and_a_similar_name(
    practitioner: Any, spoc: Any, twins: dict[str, Any]
) -> None:
    _concern(practitioner, "Muhammad Aly", born=dt.date(2012, 1, 1))  # other date of birth
    _concern(practitioner, "Sarah Jones")  # same date of birth, another name
    _concern(practitioner, "Kay Mensah", born=dt.date(2013, 2, 2))
    _concern(practitioner, "Kwame Mensah", born=dt.date(2013, 2, 2), other="Kay Mensah")
    pairs = {frozenset((a.full_name, b.full_name)) for a, b, _ in possible_duplicates(user=spoc)}
    assert frozenset(("Mohamed Ali", "Muhammad Ali")) in pairs
    assert frozenset(("Muhammad Ali",)) in pairs  # the two Muhammad Ali records
    assert frozenset(("Kay Mensah", "Kwame Mensah")) in pairs  # through the other name
    assert not any("Sarah Jones" in p or "Muhammad Aly" in p for p in pairs)


def test_the_pages_review_merge_and_undo_without_javascript(
    client_for: Any, spoc: Any, twins: dict[str, Any]
) -> None:
    client = client_for(spoc)
    keep, merge = twins["keep"], twins["merge"]
    listed = client.get(reverse("people:duplicates")).content.decode()
    url = reverse("people:merge", kwargs={"keep_pk": keep.pk, "merge_pk": merge.pk})
    assert (
        url in listed or reverse("people:merge", kwargs={"keep_pk": merge.pk, "merge_pk": keep.pk}) in listed
    )
    page = client.get(url)
    assert page.status_code == 200 and "Merge these records" in page.content.decode()
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200 and "Enter the reason" in refused.content.decode()
    assert not PersonMerge.objects.exists()
    done = client.post(url, {"reason": "Same pupil"})
    record = PersonMerge.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse(
        "people:merge-detail", kwargs={"pk": record.pk}
    )
    detail = client.get(done["Location"]).content.decode()
    assert "Undo the merge" in detail
    kept_typed = client.post(done["Location"], {"reason": ""}).content.decode()
    assert "Enter the reason" in kept_typed
    undone = client.post(done["Location"], {"reason": "Two pupils"})
    assert undone.status_code == 302
    record.refresh_from_db()
    assert record.undone_at is not None
    assert client.get(done["Location"]).status_code == 404  # nothing left to undo


def test_merge_pages_answer_404_out_of_scope(make_user: Any, client_for: Any, twins: dict[str, Any]) -> None:
    other = client_for(make_user(Role.SPOC, organisation=OrganisationFactory()))
    url = reverse("people:merge", kwargs={"keep_pk": twins["keep"].pk, "merge_pk": twins["merge"].pk})
    assert other.get(url).status_code == 404
    assert other.post(url, {"reason": "x"}).status_code == 404
    assert (
        other.get(reverse("people:merge", kwargs={"keep_pk": 999999, "merge_pk": 999998})).status_code == 404
    )
