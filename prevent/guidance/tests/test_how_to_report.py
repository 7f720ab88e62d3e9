"""The "How to report a concern" pathway (Appendix 2), without JavaScript:
one GET question a page, leading to the right local contacts."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from prevent.core.models import LocalAreaSettings
from prevent.guidance import pathway

pytestmark = pytest.mark.django_db

URL = reverse("guidance:how-to-report")


@pytest.fixture
def local_area(db: Any) -> LocalAreaSettings:
    settings = LocalAreaSettings.load()
    settings.emergency_guidance = "Call 999 and ask for the police. Then tell Thames Valley Police Prevent."
    settings.childrens_front_door_phone = "0345 050 7666"
    settings.childrens_front_door_email = "mash-childrens@example.gov.uk"
    settings.customer_resolution_centre_phone = "0345 050 7666"
    settings.customer_resolution_centre_email = "mash-childrens@example.gov.uk"
    settings.adults_front_door_phone = "0345 050 1111"
    settings.adults_front_door_email = "adults@example.gov.uk"
    settings.childrens_out_of_hours_phone = "0800 833 408"
    settings.adults_out_of_hours_phone = "0800 833 409"
    settings.police_prevent_phone = ""
    settings.police_prevent_email = "prevent@example.police.uk"
    settings.police_non_emergency_phone = "101"
    settings.save()
    return settings


def text(response: Any) -> str:
    return response.content.decode()


def test_the_first_question_is_the_emergency(
    local_area: LocalAreaSettings, practitioner_client: Client
) -> None:
    content = text(practitioner_client.get(URL))
    assert "Is there information that a violent act is imminent" in content
    assert '<form method="get"' in content
    assert 'name="step" value="emergency"' in content
    assert "There is a problem" not in content


def test_emergency_shows_call_999_with_the_local_guidance(
    local_area: LocalAreaSettings, practitioner_client: Client
) -> None:
    response = practitioner_client.get(URL, {"step": "emergency", "emergency": "yes"})
    content = text(response)
    assert response.status_code == 200
    assert "<title>Call 999 now" in content
    assert '<h1 class="govuk-heading-xl">Call 999 now</h1>' in content
    assert "Call 999 and ask for the police. Then tell Thames Valley Police Prevent." in content
    assert 'href="/concerns/new/"' in content
    assert "Is the person a child or an adult?" not in content


def test_no_emergency_asks_child_or_adult_then_hours(
    local_area: LocalAreaSettings, practitioner_client: Client
) -> None:
    second = text(practitioner_client.get(URL, {"step": "emergency", "emergency": "no"}))
    assert "Is the person a child or an adult?" in second
    assert '<input type="hidden" name="emergency" value="no">' in second
    assert 'href="/guidance/how-to-report/"' in second  # back to the first question
    third = text(practitioner_client.get(URL, {"emergency": "no", "step": "person", "person": "adult"}))
    assert "Is it during office hours?" in third
    assert "Monday to Friday, 9am to 5pm" in third


def test_child_in_office_hours_gets_the_childrens_front_door(
    local_area: LocalAreaSettings, practitioner_client: Client
) -> None:
    response = practitioner_client.get(
        URL, {"emergency": "no", "person": "child", "step": "hours", "hours": "office-hours"}
    )
    content = text(response)
    assert "Who to contact about a child in office hours" in content
    assert "Children&#x27;s social care front door (Customer Resolution Centre)" in content
    assert 'href="tel:03450507666"' in content
    assert "mailto:mash-childrens@example.gov.uk" in content
    assert "1. Tell your organisation's SPOC" in content
    assert 'href="/concerns/new/"' in content
    assert "mailto:prevent@example.police.uk" in content
    assert ">101<" in content
    # The police Prevent phone is not set.
    assert "Not set: ask your administrator" in content
    assert "0800 833 408" not in content
    assert "adults@example.gov.uk" not in content


def test_adult_out_of_hours_gets_the_adults_out_of_hours_number(
    local_area: LocalAreaSettings, practitioner_client: Client
) -> None:
    content = text(
        practitioner_client.get(
            URL, {"emergency": "no", "person": "adult", "step": "hours", "hours": "out-of-hours"}
        )
    )
    assert "Who to contact about an adult out of hours" in content
    assert "Adults&#x27; social care out of hours" in content
    assert ">0800 833 409<" in content
    assert "0800 833 408" not in content
    assert "mash-childrens@example.gov.uk" not in content
    assert ">101<" in content
    # Each answer can be changed.
    assert 'href="/guidance/how-to-report/?emergency=no&amp;person=adult"' in content


def test_a_missing_answer_gets_an_error_message(
    local_area: LocalAreaSettings, practitioner_client: Client
) -> None:
    content = text(practitioner_client.get(URL, {"step": "emergency"}))
    assert "<title>Error: " in content
    assert "There is a problem" in content
    assert 'href="#id_emergency_0"' in content
    assert "Select yes if a violent act is imminent or weapons or other materials are involved" in content
    assert 'id="id_emergency_0"' in content
    person = text(practitioner_client.get(URL, {"emergency": "no", "step": "person"}))
    assert "Select whether the person is a child or an adult" in person
    hours = text(
        practitioner_client.get(
            URL, {"emergency": "no", "person": "child", "step": "hours", "hours": "later"}
        )
    )
    assert "Select whether it is during office hours or out of hours" in hours


def test_a_tampered_earlier_answer_is_asked_again(
    local_area: LocalAreaSettings, practitioner_client: Client
) -> None:
    content = text(practitioner_client.get(URL, {"emergency": "maybe", "person": "child", "step": "hours"}))
    assert "Is there information that a violent act is imminent" in content
    assert "There is a problem" in content


def test_missing_contacts_say_not_set(practitioner_client: Client) -> None:
    settings = LocalAreaSettings.load()
    assert settings.childrens_front_door_phone == ""
    content = text(
        practitioner_client.get(URL, {"emergency": "no", "person": "child", "hours": "out-of-hours"})
    )
    assert content.count("Not set: ask your administrator") >= 3


def test_pathway_contacts_choose_by_person_and_hours(local_area: LocalAreaSettings) -> None:
    child_office = pathway.social_care_contacts(local_area, person=pathway.CHILD, hours=pathway.OFFICE_HOURS)
    assert [c.key for c in child_office] == ["childrens-front-door"]
    child_night = pathway.social_care_contacts(local_area, person=pathway.CHILD, hours=pathway.OUT_OF_HOURS)
    assert child_night[0].details[0].value == "0800 833 408"
    adult_office = pathway.social_care_contacts(local_area, person=pathway.ADULT, hours=pathway.OFFICE_HOURS)
    assert [d.value for d in adult_office[0].details] == ["0345 050 1111", "adults@example.gov.uk"]
    local_area.customer_resolution_centre_email = "crc@example.gov.uk"
    separate = pathway.social_care_contacts(local_area, person=pathway.CHILD, hours=pathway.OFFICE_HOURS)
    assert [c.key for c in separate] == ["childrens-front-door", "customer-resolution-centre"]
