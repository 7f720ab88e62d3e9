"""What the official statistics need about the person (issue 13, part A):
ethnic group, mental health needs, neurodivergence and an age group are
recorded on the "About the person" step and none is required; the age at
referral is set on submission; `age_group_expression` groups in the
database exactly as the Python rule does."""

from __future__ import annotations

import datetime as dt
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from prevent.concerns import services
from prevent.concerns.demographics import (
    ETHNIC_GROUPS,
    AgeGroup,
    Ethnicity,
    age_group,
    age_group_expression,
    ethnic_group_label,
    official_gender_label,
)
from prevent.concerns.models import Concern
from prevent.core import clock

from .conftest import make_draft, make_submitted

pytestmark = pytest.mark.django_db

PERSON_POST = {
    "person_name": "Robin Example",
    "person_gender": "female",
    "person_date_of_birth_day": "4",
    "person_date_of_birth_month": "5",
    "person_date_of_birth_year": "2010",
}


def _post_person(client: Any, draft: Concern, **extra: str) -> Any:
    return client.post(reverse("concerns:step", args=[draft.pk, "person"]), {**PERSON_POST, **extra})


def test_the_ons_categories_are_19_in_5_groups_with_not_known_and_prefer_not_to_say() -> None:
    assert [group for group, _ in ETHNIC_GROUPS] == [
        "Asian, Asian British or Asian Welsh",
        "Black, Black British, Black Welsh, Caribbean or African",
        "Mixed or Multiple ethnic groups",
        "White",
        "Other ethnic group",
    ]
    detailed = [code for _, codes in ETHNIC_GROUPS for code in codes]
    assert len(detailed) == len(set(detailed)) == 19
    assert set(Ethnicity.values) == {*detailed, "not_known", "prefer_not_to_say"}
    assert ethnic_group_label(Ethnicity.WHITE_ROMA) == "White"
    assert ethnic_group_label("") == ethnic_group_label(Ethnicity.NOT_KNOWN) == "Not known"
    assert ethnic_group_label(Ethnicity.PREFER_NOT_TO_SAY) == "Prefer not to say"


def test_gender_maps_to_the_official_three() -> None:
    assert {official_gender_label(g) for g in ("male", "female", "other", "not_known", "")} == {
        "Male",
        "Female",
        "Other or not known",
    }


def test_the_journey_records_the_new_fields_and_shows_them_to_check(
    practitioner: Any, client_for: Any
) -> None:
    draft = make_draft(practitioner)
    client = client_for(practitioner)
    page = client.get(reverse("concerns:step", args=[draft.pk, "person"])).content.decode()
    assert '<optgroup label="Asian, Asian British or Asian Welsh">' in page
    assert '<option value="prefer_not_to_say">Prefer not to say</option>' in page

    response = _post_person(
        client,
        draft,
        person_ethnicity=Ethnicity.MIXED_WHITE_BLACK_CARIBBEAN,
        mental_health_needs="yes",
        neurodivergent="not_known",
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.person_ethnicity, draft.mental_health_needs, draft.neurodivergent) == (
        "mixed_white_black_caribbean",
        "yes",
        "not_known",
    )
    check = client.get(reverse("concerns:check", args=[draft.pk])).content.decode()
    assert "White and Black Caribbean" in check
    assert 'Mental health needs</dt><dd class="govuk-summary-list__value">Yes' in check
    assert 'Neurodivergent</dt><dd class="govuk-summary-list__value">Not known' in check
    assert 'Change<span class="govuk-visually-hidden"> ethnic group</span>' in check

    client.post(reverse("concerns:check", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.reference and draft.person_ethnicity == "mixed_white_black_caribbean"
    assert draft.mental_health_needs == "yes" and draft.age_at_referral is not None


def test_none_of_the_new_fields_is_required(practitioner: Any, client_for: Any) -> None:
    draft = make_draft(practitioner)
    response = _post_person(client_for(practitioner), draft)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.person_ethnicity, draft.mental_health_needs, draft.neurodivergent) == ("", "", "")
    assert draft.person_age_band == ""


def test_the_age_group_stands_in_when_neither_date_of_birth_nor_age_is_known(
    practitioner: Any, client_for: Any
) -> None:
    draft = make_draft(practitioner)
    client = client_for(practitioner)
    no_age = {"person_name": "Robin Example", "person_gender": "female"}
    url = reverse("concerns:step", args=[draft.pk, "person"])

    refused = client.post(url, no_age).content.decode()
    assert "or select their age group below" in refused

    assert client.post(url, {**no_age, "person_age_band": AgeGroup.AGED_21_TO_30}).status_code == 302
    draft.refresh_from_db()
    assert draft.person_age_band == "21_to_30" and draft.person_date_of_birth is None
    check = client.get(reverse("concerns:check", args=[draft.pk])).content.decode()
    assert "Age group: 21 to 30" in check

    # Given with a date of birth, the group is not kept: the date decides.
    _post_person(client, draft, person_age_band=AgeGroup.AGED_40_AND_OVER)
    draft.refresh_from_db()
    assert draft.person_age_band == "" and draft.person_date_of_birth == dt.date(2010, 5, 4)

    services.concern_submit(actor=practitioner, concern=draft)
    draft.refresh_from_db()
    assert draft.age_at_referral is not None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "person_ethnicity",
            "martian",
            "Select the person&#x27;s ethnic group from the list, or leave it blank",
        ),
        ("mental_health_needs", "maybe", "Select yes, no or not known for mental health needs"),
        ("neurodivergent", "perhaps", "Select yes, no or not known for neurodivergence"),
    ],
)
def test_a_value_not_offered_is_refused_next_to_the_field_keeping_the_rest(
    practitioner: Any, client_for: Any, field: str, value: str, message: str
) -> None:
    draft = make_draft(practitioner)
    response = _post_person(client_for(practitioner), draft, **{field: value})
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'id="id_{field}-error"' in page
    assert 'value="Robin Example"' in page
    draft.refresh_from_db()
    assert getattr(draft, field) == ""


def test_an_age_group_not_offered_is_refused(practitioner: Any, client_for: Any) -> None:
    draft = make_draft(practitioner)
    response = client_for(practitioner).post(
        reverse("concerns:step", args=[draft.pk, "person"]),
        {"person_name": "Robin Example", "person_gender": "female", "person_age_band": "ancient"},
    )
    assert "Select the person&#x27;s age group, or not known" in response.content.decode()


def _submitted_on(user: Any, day: dt.date, **person: Any) -> Concern:
    draft = make_draft(user, person=person)
    with clock.as_of(timezone.make_aware(dt.datetime.combine(day, dt.time(0, 30)))):
        return services.concern_submit(actor=user, concern=draft)


@pytest.mark.parametrize(
    ("born", "submitted", "age"),
    [
        (dt.date(2010, 5, 4), dt.date(2026, 5, 4), 16),  # birthday on the day of submission
        (dt.date(2010, 5, 4), dt.date(2026, 5, 3), 15),  # the day before
        (dt.date(2008, 2, 29), dt.date(2026, 2, 28), 17),  # leap-day birth, no 29 February
        (dt.date(2008, 2, 29), dt.date(2026, 3, 1), 18),
        (dt.date(2008, 2, 29), dt.date(2028, 2, 29), 20),  # a leap year: on the day itself
        (dt.date(2008, 2, 29), dt.date(2028, 2, 28), 19),
    ],
)
def test_age_at_referral_is_the_age_on_the_local_day_of_submission(
    practitioner: Any, born: dt.date, submitted: dt.date, age: int
) -> None:
    concern = _submitted_on(practitioner, submitted, person_date_of_birth=born)
    concern.refresh_from_db()
    assert concern.age_at_referral == age
    assert concern.person_date_of_birth is None  # moved to the person record


def test_age_at_referral_falls_back_to_the_approximate_age_then_none(practitioner: Any) -> None:
    approximate = make_submitted(
        practitioner, person={"person_date_of_birth": None, "person_approximate_age": 33}
    )
    unknown = make_submitted(
        practitioner,
        person={"person_date_of_birth": None, "person_approximate_age": None, "person_age_band": "not_known"},
    )
    assert approximate.age_at_referral == 33
    assert unknown.age_at_referral is None


def test_age_group_expression_equals_the_python_rule_over_a_mix(practitioner: Any) -> None:
    mix: list[tuple[int | None, str]] = [
        (0, ""),
        (14, ""),
        (15, ""),
        (20, ""),
        (21, ""),
        (30, ""),
        (31, ""),
        (39, ""),
        (40, ""),
        (97, ""),
        (16, AgeGroup.AGED_40_AND_OVER),  # a known age wins over a band
        (None, AgeGroup.UNDER_15),
        (None, AgeGroup.AGED_31_TO_39),
        (None, AgeGroup.NOT_KNOWN),
        (None, ""),
    ]
    made = []
    for age, band in mix:
        concern = make_submitted(practitioner)
        Concern.objects.filter(pk=concern.pk).update(age_at_referral=age, person_age_band=band)
        made.append(concern.pk)

    rows = Concern.objects.filter(pk__in=made).annotate(group=age_group_expression())
    in_database = {pk: group for pk, group in rows.values_list("pk", "group")}
    expected = {pk: age_group(age, band) for pk, (age, band) in zip(made, mix, strict=True)}

    assert in_database == expected
    assert [expected[pk] for pk in made[:10]] == [
        "under_15",
        "under_15",
        "15_to_20",
        "15_to_20",
        "21_to_30",
        "21_to_30",
        "31_to_39",
        "31_to_39",
        "40_and_over",
        "40_and_over",
    ]
    assert [expected[pk] for pk in made[10:]] == [
        "15_to_20",
        "under_15",
        "31_to_39",
        "not_known",
        "not_known",
    ]


def test_age_group_expression_through_a_relation_groups_in_one_query(
    practitioner: Any, django_assert_num_queries: Any
) -> None:
    from django.db.models import Count

    for age in (12, 13, 25):
        concern = make_submitted(practitioner)
        Concern.objects.filter(pk=concern.pk).update(age_at_referral=age)
    with django_assert_num_queries(1):
        counts = dict(
            Concern.objects.annotate(group=age_group_expression())
            .values("group")
            .annotate(n=Count("pk"))
            .values_list("group", "n")
        )
    assert counts == {"under_15": 2, "21_to_30": 1}


def test_the_back_fill_sets_the_age_of_concerns_submitted_before(practitioner: Any) -> None:
    born_before = make_submitted(practitioner)  # born 4 May 2010
    approximate = make_submitted(
        practitioner, person={"person_date_of_birth": None, "person_approximate_age": 44}
    )
    draft = make_draft(practitioner)
    Concern.objects.update(age_at_referral=None)
    Concern.objects.filter(pk=born_before.pk).update(
        submitted_at=timezone.make_aware(dt.datetime(2026, 5, 3, 12, 0))
    )
    migration = import_module("prevent.concerns.migrations.0006_demographics_for_statistics")

    migration.backfill_age_at_referral(apps, None)

    ages = dict(Concern.objects.values_list("pk", "age_at_referral"))
    assert ages == {born_before.pk: 15, approximate.pk: 44, draft.pk: None}
