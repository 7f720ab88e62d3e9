"""No lost update on the support plan, panel minutes and agenda notes
(issue 14 part 6, prevent/core/versioning.py, ADR 0018)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from prevent.channel import services as C
from prevent.channel.models import Intervention
from prevent.channel.tests.conftest import adopted_case, consent_given
from prevent.core import clock
from prevent.core.versioning import EditConflict
from tests.builders import sign_in

pytestmark = pytest.mark.django_db


def _intervention(people: dict[str, Any], provider: Any) -> Intervention:
    case, _meeting = adopted_case(people)
    consent_given(people, case)
    case.refresh_from_db()
    return C.intervention_add(
        actor=people["coordinator"],
        case=case,
        type="diversionary",
        provider=provider,
        description="Football on Saturdays",
        start_on=clock.today(),
        review_on=None,
        end_on=None,
    )


def test_a_save_raises_the_version(people: dict[str, Any], provider: Any) -> None:
    intervention = _intervention(people, provider)
    assert intervention.version == 1
    C.intervention_change(
        actor=people["coordinator"],
        intervention=intervention,
        version=1,
        description="Football and boxing",
        review_on=None,
        outcome="",
    )
    intervention.refresh_from_db()
    assert (intervention.version, intervention.description) == (2, "Football and boxing")


def test_a_stale_save_writes_nothing_and_says_what_changed(people: dict[str, Any], provider: Any) -> None:
    intervention = _intervention(people, provider)
    stale = Intervention.objects.get(pk=intervention.pk)
    C.intervention_change(
        actor=people["coordinator"],
        intervention=intervention,
        version=1,
        description="Boxing instead",
        review_on=None,
        outcome="",
    )
    with pytest.raises(EditConflict) as conflict:
        C.intervention_change(
            actor=people["coordinator"],
            intervention=stale,
            version=1,
            description="Football and cricket",
            review_on=None,
            outcome="Going well",
        )
    (difference, outcome) = conflict.value.differences
    assert (difference.name, difference.theirs, difference.yours) == (
        "description",
        "Boxing instead",
        "Football and cricket",
    )
    assert (outcome.name, outcome.theirs, outcome.yours) == ("outcome", "(blank)", "Going well")
    assert conflict.value.version == 2
    intervention.refresh_from_db()
    assert (intervention.description, intervention.outcome, intervention.version) == ("Boxing instead", "", 2)


def test_ending_an_intervention_makes_an_open_change_form_stale(
    people: dict[str, Any], provider: Any
) -> None:
    intervention = _intervention(people, provider)
    C.intervention_end(
        actor=people["coordinator"], intervention=intervention, end_on=clock.today(), outcome="Completed"
    )
    with pytest.raises(EditConflict):
        C.intervention_change(
            actor=people["coordinator"],
            intervention=Intervention.objects.get(pk=intervention.pk),
            version=1,
            description="Football on Saturdays",
            review_on=None,
            outcome="",
        )


def test_the_page_shows_theirs_and_yours_keeps_what_was_typed_and_merges(
    people: dict[str, Any], provider: Any
) -> None:
    intervention = _intervention(people, provider)
    url = reverse("channel:intervention-change", args=[intervention.case_id, intervention.pk])
    first, second = sign_in(people["coordinator"]), sign_in(people["coordinator"])
    assert 'name="version" value="1"' in first.get(url).content.decode()
    saved = first.post(url, {"version": "1", "description": "Boxing instead", "outcome": ""})
    assert saved.status_code == 302
    page = second.post(url, {"version": "1", "description": "Football and cricket", "outcome": "Going well"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Someone else saved changes to this record after you opened it" in html
    assert "Boxing instead" in html and "Football and cricket" in html and "Going well" in html
    assert 'name="version" value="2"' in html
    intervention.refresh_from_db()
    assert intervention.description == "Boxing instead"
    # Use theirs for the description, keep mine for the outcome.
    merged = second.post(
        url,
        {
            "version": "2",
            "description": "Football and cricket",
            "outcome": "Going well",
            "merge_description": "theirs",
            "theirs_description": "Boxing instead",
            "merge_outcome": "mine",
            "theirs_outcome": "",
        },
    )
    assert merged.status_code == 302
    intervention.refresh_from_db()
    assert (intervention.description, intervention.outcome, intervention.version) == (
        "Boxing instead",
        "Going well",
        3,
    )


def test_panel_minutes_saved_over_a_stale_copy_show_what_changed(people: dict[str, Any]) -> None:
    _case, meeting = adopted_case(people)
    C.meeting_record_minutes(actor=people["coordinator"], meeting=meeting, minutes="Quorate", version=1)
    meeting.refresh_from_db()
    assert meeting.version == 2
    with pytest.raises(EditConflict) as conflict:
        C.meeting_record_minutes(actor=people["chair"], meeting=meeting, minutes="Not quorate", version=1)
    assert [(d.theirs, d.yours) for d in conflict.value.differences] == [("Quorate", "Not quorate")]
    url = reverse("channel:minutes", args=[meeting.pk])
    page = sign_in(people["chair"]).post(url, {"minutes": "Not quorate", "version": "1"})
    html = page.content.decode()
    assert "Someone else saved changes" in html and 'name="version" value="2"' in html
    assert "Not quorate" in html
    meeting.refresh_from_db()
    assert meeting.minutes == "Quorate"


def test_agenda_notes_saved_over_a_stale_copy_show_what_changed(people: dict[str, Any]) -> None:
    case, meeting = adopted_case(people)
    item = meeting.agenda_items.get(case=case)
    C.agenda_record_notes(actor=people["coordinator"], item=item, notes="Discussed the risks", version=1)
    with pytest.raises(EditConflict):
        C.agenda_record_notes(actor=people["chair"], item=item, notes="Agreed to adopt", version=1)
    url = reverse("channel:agenda-notes", args=[meeting.pk, item.pk])
    page = sign_in(people["chair"]).post(url, {"notes": "Agreed to adopt", "version": "1"})
    html = page.content.decode()
    assert "Discussed the risks" in html and "Agreed to adopt" in html
    item.refresh_from_db()
    assert (item.notes, item.version) == ("Discussed the risks", 2)
    # Saved again over what they have now seen: written.
    saved = sign_in(people["chair"]).post(url, {"notes": "Agreed to adopt", "version": "2"})
    assert saved.status_code == 302
    item.refresh_from_db()
    assert (item.notes, item.version) == ("Agreed to adopt", 3)
