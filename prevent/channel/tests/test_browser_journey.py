"""The whole Channel path in Chromium: a SPOC's police Prevent referral, the
gateway outcome "referred to Channel", an information request answered by
another agency's member, a VAF assessment, a panel that adopts, consent
from a parent for a 15-year-old, a support plan with two interventions, a
review at the next meeting, exit with the chair's closing report, and the
6- and 12-month reviews. Every page is checked with axe-core."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from prevent.channel.models import ApprovedProvider, CaseStatus, ChannelCase, PanelMeeting, PostExitReview
from prevent.channel.services import add_months, next_working_day

from .conftest import police_referral, seed_vaf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_date(page: Page, name: str, day: dt.date) -> None:
    page.locator(f"#id_{name}-day").fill(str(day.day))
    page.locator(f"#id_{name}-month").fill(str(day.month))
    page.locator(f"#id_{name}-year").fill(str(day.year))


def _submit(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()


def test_the_channel_path(
    people: dict[str, Any],
    signed_in_page: Callable[..., Page],
    axe: Any,
) -> None:
    seed_vaf()
    ApprovedProvider.objects.create(name="Youth Mentoring Ltd", is_home_office_intervention_provider=True)
    ApprovedProvider.objects.create(name="Banbury Boxing Club")
    today = timezone.localdate()
    born = dt.date(today.year - 15, 1, 1) if today.month > 1 else dt.date(today.year - 16, 12, 31)
    referral = police_referral(people, born=born)
    last_month = PanelMeeting.objects.create(
        meeting_on=today - dt.timedelta(days=28), created_by=people["coordinator"]
    )
    last_month.members.set([people["member"], people["chair"]])

    # The police gateway.
    police = signed_in_page(people["police"])
    police.goto("/channel/gateway/")
    axe.check(police, "gateway queue")
    police.get_by_role("link", name=referral.concern.reference).click()
    expect(police.get_by_role("heading", level=1)).to_have_text("Gateway assessment")
    axe.check(police, "gateway assessment")
    _submit(police, "Record outcome")
    expect(police.locator(".govuk-error-summary")).to_contain_text("Select the checks you made")
    axe.check(police, "gateway assessment with errors")
    police.get_by_label("Police systems and intelligence", exact=True).check()
    police.get_by_label("Referred to Channel", exact=True).check()
    police.get_by_label("Case officer (if referred to Channel)", exact=True).select_option(
        label="Cora Coordinator (Oxfordshire County Council)"
    )
    police.get_by_label("Rationale", exact=True).fill("Vulnerable to extreme right-wing ideology")
    _submit(police, "Record outcome")
    expect(police.get_by_text("Gateway outcome recorded: Referred to Channel")).to_be_visible()
    case = ChannelCase.objects.get()
    axe.check(police, "case page (police)")

    # The case officer asks another agency for information.
    coordinator = signed_in_page(people["coordinator"])
    coordinator.goto(f"/channel/cases/{case.pk}/")
    axe.check(coordinator, "case page")
    coordinator.get_by_role("link", name="Request information from an agency").click()
    axe.check(coordinator, "information request form")
    coordinator.get_by_label("Agency", exact=True).select_option(label="Oxford Health")
    coordinator.get_by_label("What information do you need?", exact=True).fill(
        "Is the person known to CAMHS?"
    )
    _fill_date(coordinator, "due_on", today + dt.timedelta(days=7))
    _submit(coordinator, "Send request")
    expect(coordinator.get_by_text("Your request has been sent to Oxford Health")).to_be_visible()

    member = signed_in_page(people["member"])
    member.goto("/channel/information-requests/")
    axe.check(member, "information requests")
    member.get_by_role("link", name=f"on {case.reference}").click()
    axe.check(member, "information request")
    member.get_by_label("Information provided", exact=True).check()
    member.locator("#id_text").fill("Seen by CAMHS twice in 2025 for anxiety")
    _submit(member, "Send answer")
    expect(member.get_by_text("Your answer has been sent to the case officer")).to_be_visible()

    # The vulnerability assessment: every factor, a summary per dimension, no score.
    coordinator.goto(f"/channel/cases/{case.pk}/")
    expect(coordinator.get_by_text("Seen by CAMHS twice in 2025 for anxiety")).to_be_visible()
    coordinator.get_by_role("link", name="Record a vulnerability assessment").click()
    axe.check(coordinator, "VAF form")
    radios = coordinator.locator("input[type=radio][value=not_known]")
    expect(radios).to_have_count(22)
    for i in range(22):
        radios.nth(i).check()
    coordinator.locator("input[type=radio][value=present]").first.check()
    for name in (
        "Engagement with a group, cause or ideology",
        "Intent to cause harm",
        "Capability to cause harm",
    ):
        coordinator.get_by_label(f"Summary: {name}", exact=True).fill(f"Summary of {name.lower()}")
    coordinator.get_by_label("Overall professional judgement", exact=True).fill(
        "Vulnerable; suitable for Channel"
    )
    _submit(coordinator, "Record assessment")
    expect(coordinator.get_by_role("heading", level=1)).to_contain_text("Vulnerability assessment of")
    axe.check(coordinator, "VAF assessment")

    # Last month's panel adopts the case; the chair confirms.
    coordinator.goto(f"/channel/panels/{last_month.pk}/")
    axe.check(coordinator, "panel meeting")
    _submit(coordinator, "Build the agenda")
    expect(coordinator.get_by_text("1 case(s) have been added to the agenda")).to_be_visible()
    coordinator.get_by_role("link", name=f"Record decision on {case.reference}").click()
    axe.check(coordinator, "decision form")
    coordinator.get_by_label("Adopt as a Channel case", exact=True).check()
    coordinator.get_by_label("Rationale", exact=True).fill("Vulnerable and suitable for Channel support")
    _submit(coordinator, "Record decision")
    chair = signed_in_page(people["chair"])
    chair.goto(f"/channel/panels/{last_month.pk}/")
    chair.get_by_role("link", name=f"Confirm the decision on {case.reference}").click()
    axe.check(chair, "confirm decision")
    _submit(chair, "Confirm decision")
    expect(chair.get_by_text(f"The decision on {case.reference} has been confirmed")).to_be_visible()
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_CONSENT

    # Consent from a parent for a 15-year-old, with the child's view.
    coordinator.goto(f"/channel/cases/{case.pk}/")
    coordinator.get_by_role("link", name="Record consent").click()
    axe.check(coordinator, "consent form")
    coordinator.get_by_label("Consent given", exact=True).check()
    coordinator.get_by_label("A parent or guardian", exact=True).check()
    coordinator.get_by_label("Their name", exact=True).fill("Jo Parent")
    _fill_date(coordinator, "obtained_on", today)
    coordinator.get_by_label("In person", exact=True).check()
    coordinator.get_by_label("Who obtained it?", exact=True).fill("Cora Coordinator")
    coordinator.get_by_label(
        "They were told that support cannot take place without consent", exact=True
    ).check()
    _submit(coordinator, "Record consent")
    expect(coordinator.locator(".govuk-error-summary")).to_contain_text("Enter the child's own view")
    axe.check(coordinator, "consent form with errors")
    coordinator.get_by_label("The child's own view (for a child)", exact=True).fill("Happy to meet a mentor")
    _submit(coordinator, "Record consent")
    expect(coordinator.get_by_text("Consent has been recorded")).to_be_visible()

    # A support plan with two interventions.
    for kind, provider in [
        ("Home Office Intervention Provider: ideological or theological mentoring", "Youth Mentoring Ltd"),
        ("Diversionary activity", "Banbury Boxing Club"),
    ]:
        coordinator.get_by_role("link", name="Add an intervention").click()
        axe.check(coordinator, "intervention form")
        coordinator.get_by_label("Type of intervention", exact=True).select_option(label=kind)
        coordinator.get_by_label("Provider", exact=True).select_option(label=provider)
        _fill_date(coordinator, "start_on", today)
        _fill_date(coordinator, "review_on", today + dt.timedelta(days=30))
        _submit(coordinator, "Add intervention")
        expect(coordinator.get_by_text("The intervention has been added to the support plan")).to_be_visible()
    assert case.interventions.count() == 2
    axe.check(coordinator, "case with support plan")

    # This month's meeting (scheduled monthly) reviews the case and recommends exit.
    coordinator.goto("/channel/panels/")
    axe.check(coordinator, "panel list")
    coordinator.get_by_role("link", name="Schedule monthly meetings").click()
    axe.check(coordinator, "schedule form")
    _fill_date(coordinator, "first_on", today)
    coordinator.get_by_label("Number of monthly meetings", exact=True).fill("2")
    coordinator.get_by_label("Start time (optional)", exact=True).fill("2pm")
    coordinator.get_by_label("End time (optional)", exact=True).fill("1pm")
    coordinator.get_by_label("Place (optional)", exact=True).fill("County Hall, Oxford")
    _submit(coordinator, "Schedule meetings")
    expect(coordinator.locator(".govuk-error-summary")).to_contain_text(
        "The end time must be after the start time"
    )
    expect(coordinator.get_by_label("End time (optional)", exact=True)).to_have_value("1pm")
    axe.check(coordinator, "schedule form with errors")
    coordinator.get_by_label("End time (optional)", exact=True).fill("4:30pm")
    _submit(coordinator, "Schedule meetings")
    expect(coordinator.get_by_text("2 meeting(s) have been scheduled")).to_be_visible()
    # Weekends and bank holidays are skipped: the meetings are on working days.
    scheduled = [next_working_day(today), next_working_day(add_months(today, 1))]
    assert (
        list(PanelMeeting.objects.filter(meeting_on__gte=today).values_list("meeting_on", flat=True))
        == scheduled
    )
    if scheduled[0] == today:
        this_month = PanelMeeting.objects.get(meeting_on=today)
    else:  # run on a weekend or a bank holiday: today's meeting is held anyway, for the journey
        this_month = PanelMeeting.objects.create(meeting_on=today, created_by=people["coordinator"])
        this_month.members.set([people["member"], people["chair"]])
    next_month = PanelMeeting.objects.get(meeting_on=scheduled[1])
    coordinator.goto(f"/channel/panels/{next_month.pk}/")
    expect(coordinator.get_by_text("2:00 p.m. to 4:30 p.m. (UK time)")).to_be_visible()
    expect(coordinator.get_by_role("link", name="Download calendar invitation (.ics)")).to_be_visible()
    expect(coordinator.get_by_role("link", name="Download the minutes (PDF)")).to_have_count(0)
    coordinator.get_by_role("link", name="Change time and place").click()
    axe.check(coordinator, "time and place form")
    coordinator.get_by_label("Start time", exact=True).fill("10am")
    coordinator.get_by_label("End time", exact=True).fill("noon")
    _submit(coordinator, "Save time and place")
    expect(coordinator.get_by_text("10:00 a.m. to 12:00 p.m. (UK time)")).to_be_visible()
    axe.check(coordinator, "panel meeting with a time and place")
    next_month.refresh_from_db()
    assert next_month.calendar_sequence == 1
    coordinator.goto(f"/channel/panels/{this_month.pk}/")
    _submit(coordinator, "Build the agenda")
    expect(coordinator.get_by_text("Review of an open case")).to_be_visible()
    coordinator.get_by_role("link", name=f"Notes on {case.reference}").click()
    coordinator.get_by_label("Notes of the discussion", exact=True).fill(
        "Engaging well with mentoring and boxing"
    )
    _submit(coordinator, "Save notes")
    coordinator.get_by_role("link", name=f"Record decision on {case.reference}").click()
    coordinator.get_by_label("Exit the process", exact=True).check()
    coordinator.get_by_label("Rationale", exact=True).fill("Risk reduced: engaging well")
    _submit(coordinator, "Record decision")
    axe.check(coordinator, "panel meeting with decision")
    chair.goto(f"/channel/panels/{this_month.pk}/")
    chair.get_by_role("link", name=f"Confirm the decision on {case.reference}").click()
    _submit(chair, "Confirm decision")

    # The chair reads the approved providers (no 403 dead end).
    chair.goto("/channel/panels/")
    chair.get_by_role("link", name="Approved providers").click()
    expect(chair.get_by_text("Banbury Boxing Club")).to_be_visible()
    axe.check(chair, "approved providers (chair)")

    # Exit after the chair's closing report; reviews at 6 and 12 months.
    chair.goto(f"/channel/cases/{case.pk}/")
    chair.get_by_role("link", name="Complete the closing report").click()
    axe.check(chair, "closing report")
    chair.get_by_label("Evidence for the panel's recommendation", exact=True).fill(
        "Mentor reports change of views"
    )
    _submit(chair, "Complete closing report")
    expect(chair.get_by_role("heading", level=1)).to_have_text("Are you sure the case should exit Channel?")
    axe.check(chair, "exit confirmation")
    _submit(chair, "Yes, exit the case")
    expect(chair.get_by_text("has exited Channel")).to_be_visible()
    axe.check(chair, "exited case")
    case.refresh_from_db()
    assert case.status == CaseStatus.EXITED
    reviews = list(PostExitReview.objects.filter(case=case).order_by("months"))
    assert [(r.months, r.due_on) for r in reviews] == [(6, add_months(today, 6)), (12, add_months(today, 12))]
    expect(chair.get_by_text(f"{add_months(today, 6):%-d %B %Y}")).to_be_visible()
    axe.assert_clean()
