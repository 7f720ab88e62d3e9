from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.http import Http404
from django.utils import timezone

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.concerns import forms as F
from prevent.concerns import services
from prevent.concerns.models import ConcernStatus, Person, ReferralDestination, ReferralStatus
from prevent.concerns.selectors import chronology, possible_matches
from prevent.people.services import person_link
from tests.factories import OrganisationFactory

from .conftest import make_draft, make_submitted

pytestmark = pytest.mark.django_db


def test_submission_gives_a_reference_a_person_and_emails_the_spoc_without_personal_details(
    practitioner: Any, spoc: Any, django_capture_on_commit_callbacks: Any
) -> None:
    draft = make_draft(practitioner)
    with django_capture_on_commit_callbacks(execute=True):
        concern = services.concern_submit(actor=practitioner, concern=draft)
    assert re.fullmatch(r"PH-\d{4}-00001", concern.reference or "")
    assert concern.status == ConcernStatus.SUBMITTED
    assert concern.person is not None and concern.person.full_name == "Alex Example"
    # The person is held once: on the Person row, not also on the concern,
    # and the draft's raw answers are gone.
    concern.refresh_from_db()
    assert (concern.person_name, concern.person_address, concern.person_postcode) == ("", "", "")
    assert concern.person_date_of_birth is None and concern.answers == {}
    assert concern.identity.full_name == "Alex Example"
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [spoc.email]
    assert str(concern.reference) in str(email.body) and f"/concerns/{concern.pk}/" in str(email.body)
    for detail in ("Alex", "Example", "2010", "OX16", "High Street", "Lex", "extremist"):
        assert detail not in email.body and detail not in email.subject
    assert AuditEvent.objects.filter(action="concern_submitted", object_id=str(concern.pk)).exists()
    second = make_submitted(practitioner)
    assert second.reference and second.reference.endswith("00002")


def test_without_a_spoc_the_prevent_coordinators_are_told(
    make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    lone = make_user(Role.PRACTITIONER, organisation=OrganisationFactory(name="No SPOC here"))
    coordinator = make_user(Role.PREVENT_COORDINATOR)
    make_user(Role.PREVENT_COORDINATOR, is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        make_submitted(lone)
    assert [m.to for m in mail.outbox] == [[coordinator.email]]


def test_an_incomplete_draft_cannot_be_submitted(practitioner: Any) -> None:
    draft = services.concern_create_draft(actor=practitioner, emergency="no")
    with pytest.raises(ValidationError) as error:
        services.concern_submit(actor=practitioner, concern=draft)
    assert "Complete the section: About the person" in error.value.messages
    draft.refresh_from_db()
    assert draft.status == ConcernStatus.DRAFT


def test_a_level_3_decision_with_a_police_prevent_referral(submitted_concern: Any, spoc: Any) -> None:
    with pytest.raises(ValidationError):
        services.triage_record_decision(
            actor=spoc, concern=submitted_concern, pyramid_level=3, rationale="Moving towards", referrals=[]
        )
    referral = services.ReferralInput(
        destination=ReferralDestination.POLICE_PREVENT,
        sent_on=timezone.localdate(),
        method="email",
        receiving_reference="TVP-1",
        expected_response_on=timezone.localdate() + dt.timedelta(days=5),
    )
    other = services.ReferralInput(
        destination=ReferralDestination.CHILDRENS_SOCIAL_CARE, sent_on=timezone.localdate(), method="phone"
    )
    decision = services.triage_record_decision(
        actor=spoc,
        concern=submitted_concern,
        pyramid_level=3,
        rationale="Moving towards",
        referrals=[referral, other],
    )
    submitted_concern.refresh_from_db()
    assert submitted_concern.status == ConcernStatus.REFERRED
    assert submitted_concern.referred_to_police_prevent is True
    assert submitted_concern.pyramid_level == 3
    assert decision.referrals.count() == 2
    # A decided concern cannot be triaged again.
    with pytest.raises(Exception):  # noqa: B017
        services.triage_record_decision(
            actor=spoc, concern=submitted_concern, pyramid_level=1, rationale="x", referrals=[]
        )


def test_the_practitioner_cannot_triage(submitted_concern: Any, practitioner: Any) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        services.triage_record_decision(
            actor=practitioner, concern=submitted_concern, pyramid_level=1, rationale="x", referrals=[]
        )


def test_referral_statuses_and_overdue_reminders_once_a_day(
    submitted_concern: Any, spoc: Any, django_capture_on_commit_callbacks: Any
) -> None:
    today = timezone.localdate()
    decision = services.triage_record_decision(
        actor=spoc,
        concern=submitted_concern,
        pyramid_level=3,
        rationale="Gateway",
        referrals=[
            services.ReferralInput(
                destination=ReferralDestination.POLICE_PREVENT,
                sent_on=today - dt.timedelta(days=10),
                method="email",
                expected_response_on=today - dt.timedelta(days=1),
            )
        ],
    )
    referral = decision.referrals.get()
    assert referral.is_overdue()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--only", "referral-overdue", "--now")
        call_command("send_referral_reminders")  # the old command: the same reminder, not sent twice
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [spoc.email]
    assert "Alex" not in mail.outbox[0].body and submitted_concern.reference in mail.outbox[0].body
    # The outcome is the form's to ask for; the service keeps to the table.
    form = F.ReferralUpdateForm({"status": ReferralStatus.OUTCOME_RECEIVED})
    assert not form.is_valid() and form.errors["outcome"] == ["Enter the outcome of the referral"]
    services.referral_update_status(
        actor=spoc, referral=referral, status=ReferralStatus.CHASED, note="Phoned"
    )
    referral = services.referral_update_status(
        actor=spoc, referral=referral, status=ReferralStatus.OUTCOME_RECEIVED, outcome="Adopted for gateway"
    )
    assert referral.status == ReferralStatus.OUTCOME_RECEIVED and not referral.is_overdue()
    with pytest.raises(ValidationError):
        services.referral_update_status(actor=spoc, referral=referral, status=ReferralStatus.CHASED)
    assert referral.updates.count() == 2


def test_more_information_request_and_answer(
    submitted_concern: Any, spoc: Any, practitioner: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.triage_request_more_information(
            actor=spoc, concern=submitted_concern, question="Which class?"
        )
    submitted_concern.refresh_from_db()
    assert submitted_concern.status == ConcernStatus.MORE_INFORMATION_REQUESTED
    assert mail.outbox[-1].to == [practitioner.email] and "Which class" not in mail.outbox[-1].body
    services.concern_answer_question(actor=practitioner, concern=submitted_concern, answer="10B")
    submitted_concern.refresh_from_db()
    assert submitted_concern.status == ConcernStatus.SUBMITTED
    assert submitted_concern.information_requests.get().answer == "10B"


def test_close_with_no_further_action_needs_a_reason(submitted_concern: Any, spoc: Any) -> None:
    form = F.CloseForm({"reason": " "})
    assert not form.is_valid()
    assert form.errors["reason"] == ["Enter the reason for closing with no further action"]
    services.triage_close_no_further_action(actor=spoc, concern=submitted_concern, reason="Misunderstanding")
    submitted_concern.refresh_from_db()
    assert submitted_concern.status == ConcernStatus.CLOSED_NO_FURTHER_ACTION
    # A closed concern cannot be closed again (the transition table).
    with pytest.raises(Http404):
        services.triage_close_no_further_action(actor=spoc, concern=submitted_concern, reason="Again")


def test_an_addendum_keeps_the_original(submitted_concern: Any, practitioner: Any) -> None:
    services.concern_add_addendum(
        actor=practitioner, concern=submitted_concern, section="concern", text="It was room 5", reason="Typo"
    )
    submitted_concern.refresh_from_db()
    assert submitted_concern.location == "Classroom 4"
    addendum = submitted_concern.addenda.get()
    assert (addendum.added_by, addendum.text, addendum.reason) == (practitioner, "It was room 5", "Typo")


def test_possible_matches_and_linking(practitioner: Any, spoc: Any, make_user: Any) -> None:
    first = make_submitted(practitioner)
    similar = make_submitted(
        practitioner, person={"person_name": "Alexander Example", "person_address": "", "person_postcode": ""}
    )
    same_address = make_submitted(
        practitioner, person={"person_name": "Someone Else", "person_date_of_birth": dt.date(1990, 1, 1)}
    )
    unrelated = make_submitted(
        practitioner,
        person={
            "person_name": "Jo Bloggs",
            "person_other_names": "",
            "person_date_of_birth": dt.date(2010, 5, 4),
            "person_postcode": "OX1 1AA",
        },
    )
    # Another organisation's person with the same details is out of scope.
    other_org_user = make_user(Role.PRACTITIONER, organisation=OrganisationFactory(name="Elsewhere"))
    hidden = make_submitted(other_org_user)
    matches = possible_matches(user=spoc, concern=first)
    assert {p.pk for p in matches} == {similar.person_id, same_address.person_id}
    assert hidden.person_id not in {p.pk for p in matches} and unrelated.person_id not in {
        p.pk for p in matches
    }
    assert similar.person_id is not None
    person_link(actor=spoc, record=similar, person=first.person)  # type: ignore[arg-type]
    similar.refresh_from_db()
    assert similar.person_id == first.person_id
    entries = chronology(user=spoc, person=first.person)  # type: ignore[arg-type]
    assert [e.reference for e in entries if e.kind == "concern"] == [first.reference, similar.reference]
    with pytest.raises(Http404):
        person_link(actor=spoc, record=similar, person=Person.objects.get(concerns=hidden))
