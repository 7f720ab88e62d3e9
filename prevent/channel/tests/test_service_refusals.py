"""Every Channel service: its happy path and its refusal, side by side
(issue 9: 15 of 38 services were called by no test)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from prevent.audit.models import AuditEvent
from prevent.channel import services as C
from prevent.channel.models import (
    AgendaItem,
    ApprovedProvider,
    Attendance,
    CaseStatus,
    DecisionOutcome,
    PanelMeeting,
    SafeguardingLink,
)

from .conftest import adopted_case, consent_given, decide, meeting_today, open_case, police_referral

pytestmark = pytest.mark.django_db
DENIED = (PermissionDenied, Http404)
TODAY = timezone.localdate()


def _events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def _intervention(people: dict[str, Any], provider: Any) -> Any:
    case, _ = adopted_case(people)
    consent_given(people, case)
    case.refresh_from_db()
    return C.intervention_add(
        actor=people["coordinator"],
        case=case,
        type="diversionary",
        provider=provider,
        description="",
        start_on=TODAY,
        review_on=None,
        end_on=None,
    )


# ---- Gateway ----------------------------------------------------------------


def test_gateway_referral_from_concern(people: dict[str, Any]) -> None:
    referral = police_referral(people)
    with pytest.raises(DENIED):
        C.gateway_referral_from_concern(actor=people["coordinator"], referral=referral)
    first = C.gateway_referral_from_concern(actor=people["police"], referral=referral)
    assert C.gateway_referral_from_concern(actor=people["police"], referral=referral) == first  # made once


def test_gateway_record_assessment_refusals(people: dict[str, Any]) -> None:
    gateway = C.gateway_referral_from_concern(actor=people["police"], referral=police_referral(people))
    kwargs: dict[str, Any] = {
        "gateway_referral": gateway,
        "checks": ["police_systems"],
        "checks_notes": "",
        "outcome": "no_further_action",
        "signposted_to": "",
        "rationale": "Nothing to act on",
        "case_officer": None,
    }
    with pytest.raises(DENIED):
        C.gateway_record_assessment(actor=people["coordinator"], **kwargs)
    with pytest.raises(ValidationError) as error:
        C.gateway_record_assessment(
            actor=people["police"], **{**kwargs, "outcome": "channel", "case_officer": people["chair"]}
        )
    assert "case_officer" in error.value.message_dict  # a case officer is a Prevent Coordinator
    C.gateway_record_assessment(actor=people["police"], **kwargs)
    with pytest.raises(ValidationError, match="already had its gateway assessment"):
        C.gateway_record_assessment(actor=people["police"], **kwargs)


def test_gateway_reads_are_audited_and_refused_to_others(people: dict[str, Any]) -> None:
    referral = police_referral(people)
    with pytest.raises(Http404):
        C.gateway_concern_referral_viewed(actor=people["coordinator"], referral=referral)
    C.gateway_concern_referral_viewed(actor=people["police"], referral=referral)
    gateway = C.gateway_referral_from_concern(actor=people["police"], referral=referral)
    with pytest.raises(Http404):
        C.gateway_referral_viewed(actor=people["member"], gateway=gateway)
    C.gateway_referral_viewed(actor=people["coordinator"], gateway=gateway)
    assert _events("channel_gateway_referral_viewed") == 2


# ---- Cases and information requests -----------------------------------------


def test_case_reads(people: dict[str, Any]) -> None:
    case = open_case(people)
    with pytest.raises(Http404):
        C.case_viewed(actor=people["spoc"], case=case)
    with pytest.raises(PermissionDenied):
        C.case_list_viewed(actor=people["spoc"], cases=[])
    C.case_viewed(actor=people["chair"], case=case)
    C.case_list_viewed(actor=people["chair"], cases=[case])
    assert _events("channel_case_viewed") == 1 and _events("channel_case_list_viewed") == 1


def test_case_add_safeguarding_link(people: dict[str, Any]) -> None:
    case = open_case(people)
    with pytest.raises(DENIED):
        C.case_add_safeguarding_link(actor=people["chair"], case=case, process="mappa", reference="M-1")
    with pytest.raises(ValidationError) as error:
        C.case_add_safeguarding_link(actor=people["coordinator"], case=case, process="mappa", reference=" ")
    assert "reference" in error.value.message_dict
    link = C.case_add_safeguarding_link(
        actor=people["coordinator"], case=case, process="mappa", reference="M-1"
    )
    assert SafeguardingLink.objects.get() == link


def test_information_request_send_refusals(people: dict[str, Any]) -> None:
    case = open_case(people)
    with pytest.raises(DENIED):
        C.information_request_send(
            actor=people["member"], case=case, agency=people["health"], question="q", due_on=TODAY
        )
    with pytest.raises(ValidationError) as error:
        C.information_request_send(
            actor=people["coordinator"],
            case=case,
            agency=people["health"],
            question="q",
            due_on=TODAY - dt.timedelta(days=1),
        )
    assert "due_on" in error.value.message_dict


def test_information_request_read_answer_and_file(people: dict[str, Any]) -> None:
    case = open_case(people)
    request = C.information_request_send(
        actor=people["coordinator"], case=case, agency=people["health"], question="q", due_on=TODAY
    )
    with pytest.raises(Http404):
        C.information_request_viewed(actor=people["outsider"], request=request)
    C.information_request_viewed(actor=people["member"], request=request)
    with pytest.raises(ValidationError) as error:
        C.information_request_answer(
            actor=people["member"],
            request=request,
            response="information_provided",
            text="Attached",
            uploads=[SimpleUploadedFile("report.pdf", b"not a pdf at all")],
        )
    assert error.value.message_dict["files"] == [
        "The selected file's content does not match its file type: it is not a real .pdf file"
    ]
    with pytest.raises(ValidationError) as error:
        C.information_request_answer(
            actor=people["member"],
            request=request,
            response="information_provided",
            text="Attached",
            uploads=[SimpleUploadedFile("run.exe", b"MZ")],
        )
    assert "PDF, PNG, JPEG" in error.value.message_dict["files"][0]
    C.information_request_answer(
        actor=people["member"],
        request=request,
        response="information_provided",
        text="Attached",
        uploads=[SimpleUploadedFile("report.pdf", b"%PDF-1.4 small")],
    )
    stored = request.files.get()
    with pytest.raises(Http404):
        C.response_file_downloaded(actor=people["outsider"], file=stored)
    C.response_file_downloaded(actor=people["member"], file=stored)
    with pytest.raises(ValidationError, match="already been answered"):  # a stale copy: the lock sees it
        C.information_request_answer(
            actor=people["member"], request=request, response="nothing_known", text="", uploads=[]
        )
    request.refresh_from_db()
    with pytest.raises(DENIED):  # answered: nobody answers it again
        C.information_request_answer(
            actor=people["member"], request=request, response="nothing_known", text="", uploads=[]
        )


def test_vaf_record_assessment_refused_to_a_member(people: dict[str, Any], framework: Any) -> None:
    case = open_case(people)
    with pytest.raises(DENIED):
        C.vaf_record_assessment(
            actor=people["member"],
            case=case,
            framework=framework,
            ratings={},
            summaries={},
            overall_judgement="x",
        )


# ---- Panels -----------------------------------------------------------------


def test_panel_generate_schedule(people: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        C.panel_generate_schedule(actor=people["member"], first_on=TODAY, months=2, location="")
    with pytest.raises(ValidationError) as error:
        C.panel_generate_schedule(actor=people["chair"], first_on=TODAY, months=25, location="")
    assert "months" in error.value.message_dict
    made = C.panel_generate_schedule(
        actor=people["chair"], first_on=TODAY, months=2, location="Council offices"
    )
    assert [m.meeting_on for m in made] == [
        C.next_working_day(TODAY),
        C.next_working_day(C.add_months(TODAY, 1)),
    ]
    with pytest.raises(ValidationError) as error:  # the first date already has a meeting
        C.panel_generate_schedule(actor=people["chair"], first_on=TODAY, months=2, location="")
    assert "already scheduled" in error.value.message_dict["first_on"][0]


def test_panel_set_members(people: dict[str, Any]) -> None:
    meeting = meeting_today(people)
    with pytest.raises(PermissionDenied):
        C.panel_set_members(actor=people["member"], meeting=meeting, members=[people["member"]])
    with pytest.raises(ValidationError):
        C.panel_set_members(actor=people["chair"], meeting=meeting, members=[people["spoc"]])
    C.panel_set_members(actor=people["chair"], meeting=meeting, members=[people["outsider"]])
    assert list(meeting.members.all()) == [people["outsider"]]


def test_agenda_build_add_and_remove(people: dict[str, Any]) -> None:
    case = open_case(people)
    meeting = meeting_today(people)
    with pytest.raises(PermissionDenied):
        C.panel_build_agenda(actor=people["member"], meeting=meeting)
    [item] = C.panel_build_agenda(actor=people["coordinator"], meeting=meeting)
    with pytest.raises(ValidationError, match="already on this meeting's agenda"):
        C.agenda_add_case(actor=people["coordinator"], meeting=meeting, case=case, kind="review")
    with pytest.raises(PermissionDenied):
        C.agenda_remove_case(actor=people["member"], item=item)
    decide(people, meeting, case, DecisionOutcome.ADOPT)
    with pytest.raises(ValidationError, match="decision recorded"):
        C.agenda_remove_case(actor=people["coordinator"], item=item)
    other = C.agenda_add_case(
        actor=people["coordinator"], meeting=meeting, case=open_case(people), kind="new_case"
    )
    C.agenda_remove_case(actor=people["coordinator"], item=other)
    assert list(AgendaItem.objects.all()) == [item]


def test_attendance_notes_and_minutes(people: dict[str, Any]) -> None:
    case = open_case(people)
    meeting = meeting_today(people)
    later = meeting_today(people, on=TODAY + dt.timedelta(days=7))
    item = C.agenda_add_case(actor=people["coordinator"], meeting=later, case=case, kind="new_case")
    with pytest.raises(ValidationError, match="not yet taken place"):
        C.attendance_record(
            actor=people["coordinator"],
            meeting=later,
            agency=people["health"],
            representative="Mo",
            status="present",
        )
    C.attendance_record(
        actor=people["coordinator"],
        meeting=later,
        agency=people["health"],
        representative="Mo",
        status="apologies",
    )
    with pytest.raises(PermissionDenied):
        C.attendance_record(
            actor=people["member"],
            meeting=meeting,
            agency=people["health"],
            representative="Mo",
            status="present",
        )
    C.attendance_record(
        actor=people["chair"], meeting=meeting, agency=people["health"], representative="Mo", status="present"
    )
    assert Attendance.objects.count() == 2
    with pytest.raises(ValidationError, match="not yet taken place"):
        C.agenda_record_notes(actor=people["coordinator"], item=item, notes="Notes")
    with pytest.raises(ValidationError, match="not yet taken place"):
        C.meeting_record_minutes(actor=people["coordinator"], meeting=later, minutes="Minutes")
    with pytest.raises(PermissionDenied):
        C.meeting_record_minutes(actor=people["member"], meeting=meeting, minutes="Minutes")
    C.meeting_record_minutes(actor=people["chair"], meeting=meeting, minutes="Quorate")
    assert PanelMeeting.objects.get(pk=meeting.pk).minutes == "Quorate"


def test_actions(people: dict[str, Any]) -> None:
    meeting = meeting_today(people)
    with pytest.raises(ValidationError) as error:
        C.action_add(
            actor=people["coordinator"],
            meeting=meeting,
            case=None,
            description="Call",
            owner=people["member"],
            due_on=TODAY - dt.timedelta(days=1),
        )
    assert "due_on" in error.value.message_dict
    action = C.action_add(
        actor=people["coordinator"],
        meeting=meeting,
        case=None,
        description="Call",
        owner=people["member"],
        due_on=TODAY,
    )
    with pytest.raises(PermissionDenied):
        C.action_mark_done(actor=people["outsider"], action=action)
    C.action_mark_done(actor=people["member"], action=action)  # the owner
    with pytest.raises(ValidationError, match="already done"):
        C.action_mark_done(actor=people["chair"], action=action)


def test_meeting_reads(people: dict[str, Any]) -> None:
    meeting = meeting_today(people)
    for service in (C.meeting_viewed, C.minutes_downloaded):
        with pytest.raises(Http404):
            service(actor=people["outsider"], meeting=meeting)
        service(actor=people["member"], meeting=meeting)
    assert _events("channel_meeting_viewed") == 1 and _events("channel_minutes_downloaded") == 1


def test_decision_supersede_refusals(people: dict[str, Any]) -> None:
    case, _ = adopted_case(people)
    decision = case.decisions.get()
    with pytest.raises(PermissionDenied):
        C.decision_supersede(
            actor=people["member"],
            decision=decision,
            reason="r",
            outcome="continue",
            other_mechanism="",
            rationale="x",
        )
    with pytest.raises(ValidationError) as error:
        C.decision_supersede(
            actor=people["chair"],
            decision=decision,
            reason=" ",
            outcome="continue",
            other_mechanism="",
            rationale="x",
        )
    assert "reason" in error.value.message_dict
    C.decision_supersede(
        actor=people["chair"],
        decision=decision,
        reason="Wrong",
        outcome="continue",
        other_mechanism="",
        rationale="x",
    )
    with pytest.raises(ValidationError, match="already been replaced"):
        C.decision_supersede(
            actor=people["chair"],
            decision=decision,
            reason="Again",
            outcome="continue",
            other_mechanism="",
            rationale="x",
        )


# ---- Support, providers, exit -----------------------------------------------


def test_progress_and_end_of_an_intervention(people: dict[str, Any], provider: Any) -> None:
    intervention = _intervention(people, provider)
    with pytest.raises(DENIED):
        C.intervention_add_progress(actor=people["chair"], intervention=intervention, note="Going well")
    with pytest.raises(ValidationError):
        C.intervention_add_progress(actor=people["coordinator"], intervention=intervention, note=" ")
    C.intervention_add_progress(actor=people["coordinator"], intervention=intervention, note="Going well")
    with pytest.raises(ValidationError) as error:
        C.intervention_end(
            actor=people["coordinator"],
            intervention=intervention,
            end_on=TODAY - dt.timedelta(days=1),
            outcome="Done",
        )
    assert "end_on" in error.value.message_dict
    ended = C.intervention_end(
        actor=people["coordinator"], intervention=intervention, end_on=TODAY, outcome="Done"
    )
    assert ended.end_on == TODAY and intervention.progress_notes.count() == 1


def test_providers(people: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        C.provider_add(actor=people["chair"], name="Boxing Club", is_home_office_intervention_provider=False)
    provider = C.provider_add(
        actor=people["coordinator"], name="Boxing Club", is_home_office_intervention_provider=False
    )
    with pytest.raises(ValidationError, match="already on the list"):
        C.provider_add(
            actor=people["coordinator"], name="boxing club", is_home_office_intervention_provider=False
        )
    with pytest.raises(PermissionDenied):
        C.provider_archive(actor=people["chair"], provider=provider)
    C.provider_archive(actor=people["coordinator"], provider=provider)
    assert ApprovedProvider.objects.get(pk=provider.pk).archived_at is not None
    with pytest.raises(PermissionDenied):  # archived already
        C.provider_archive(actor=people["coordinator"], provider=provider)


def test_post_exit_review_record(people: dict[str, Any]) -> None:
    case, meeting = adopted_case(people)
    case = decide(people, meeting, case, DecisionOutcome.EXIT)
    C.closing_report_complete(actor=people["chair"], case=case, evidence="Risk reduced")
    case = C.case_exit(actor=people["chair"], case=case)
    assert case.status == CaseStatus.EXITED
    review = case.post_exit_reviews.get(months=6)
    with pytest.raises(PermissionDenied):
        C.post_exit_review_record(
            actor=people["chair"], review=review, outcome="no_further_concerns", notes="n"
        )
    with pytest.raises(ValidationError) as error:
        C.post_exit_review_record(actor=people["coordinator"], review=review, outcome="", notes="")
    assert {"outcome", "notes"} <= set(error.value.message_dict)
    done = C.post_exit_review_record(
        actor=people["coordinator"], review=review, outcome="no_further_concerns", notes="n"
    )
    assert done.new_referral is None and done.completed_by == people["coordinator"]
    with pytest.raises(PermissionDenied):  # recorded already
        C.post_exit_review_record(actor=people["coordinator"], review=done, outcome="re_referral", notes="n")
