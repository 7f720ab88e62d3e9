"""prevent.core.fields: the GOV.UK date input, its messages, its range and
its markup."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.template import Context, Template
from django.utils import timezone

from prevent.core import clock
from prevent.core.fields import (
    DateBoundField,
    DateErrorsMixin,
    GovUKDateField,
    today,
    years_ago,
    years_from_today,
)
from prevent.core.forms import GovUKForm


class EventForm(DateErrorsMixin, GovUKForm):
    happened_on = GovUKDateField(
        label="When did it happen?",
        subject="The date it happened",
        help_text="For example, 27 3 2026",
        earliest=dt.date(1900, 1, 1),
        latest=today,
    )
    ends_on = GovUKDateField(
        label="End date (optional)",
        subject="The end date",
        required=False,
        earliest=today,
        before=dt.date(2036, 1, 1),
    )


def _post(**dates: tuple[str, str, str]) -> EventForm:
    data = {}
    for name, (day, month, year) in dates.items():
        data.update({f"{name}_day": day, f"{name}_month": month, f"{name}_year": year})
    return EventForm(data=data)


def _error(form: EventForm, name: str) -> str:
    assert not form.is_valid()
    return str(form.errors[name][0])


def _boxes_in_error(form: EventForm, name: str) -> list[str]:
    bound = form[name]
    assert isinstance(bound, DateBoundField)
    return [item["part"] for item in bound.date_items if item["error"]]


def test_a_real_date_in_range_is_accepted() -> None:
    form = _post(happened_on=("27", "3", "2026"), ends_on=("", "", ""))
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"happened_on": dt.date(2026, 3, 27), "ends_on": None}


@pytest.mark.parametrize("month", ["3", "03", "Mar", "march", " MARCH "])
def test_a_month_as_a_number_or_a_name(month: str) -> None:
    form = _post(happened_on=("7", month, "2026"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["happened_on"] == dt.date(2026, 3, 7)


@pytest.mark.parametrize(
    ("typed", "message", "boxes"),
    [
        (("", "", ""), "Enter the date it happened", ["day", "month", "year"]),
        (("27", "", "2026"), "The date it happened must include a month", ["month"]),
        (("", "", "2026"), "The date it happened must include a day and month", ["day", "month"]),
        (("27", "3", ""), "The date it happened must include a year", ["year"]),
        (("x", "3", "2026"), "The date it happened must be a real date", ["day"]),
        (("27", "13", "2026"), "The date it happened must be a real date", ["month"]),
        (("30", "2", "2026"), "The date it happened must be a real date", ["day"]),
        (("29", "2", "2025"), "The date it happened must be a real date", ["day"]),
        (("32", "13", "2026"), "The date it happened must be a real date", ["day", "month"]),
        (("0", "1", "2026"), "The date it happened must be a real date", ["day"]),
        (("27", "3", "26"), "Year must include 4 numbers", ["year"]),
        (("27", "3", "20266"), "Year must include 4 numbers", ["year"]),
    ],
)
def test_each_mistake_gets_its_govuk_message_and_only_its_boxes_highlighted(
    typed: tuple[str, str, str], message: str, boxes: list[str]
) -> None:
    form = _post(happened_on=typed)
    assert _error(form, "happened_on") == message
    assert _boxes_in_error(form, "happened_on") == boxes


def test_a_leap_day_is_a_real_date() -> None:
    assert _post(happened_on=("29", "2", "2024")).is_valid()


def test_out_of_range_dates_get_the_govuk_message_and_the_whole_date_highlighted() -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    form = _post(happened_on=(str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)))
    assert _error(form, "happened_on") == "The date it happened must be today or in the past"
    assert _boxes_in_error(form, "happened_on") == ["day", "month", "year"]

    form = _post(happened_on=("31", "12", "1899"))
    assert _error(form, "happened_on") == "The date it happened must be the same as or after 1 January 1900"

    yesterday = timezone.localdate() - dt.timedelta(days=1)
    form = _post(
        happened_on=("1", "1", "2000"),
        ends_on=(str(yesterday.day), str(yesterday.month), str(yesterday.year)),
    )
    assert _error(form, "ends_on") == "The end date must be today or in the future"

    form = _post(happened_on=("1", "1", "2000"), ends_on=("1", "1", "2036"))
    assert _error(form, "ends_on") == "The end date must be before 1 January 2036"


def test_the_bounds_are_inclusive_or_exclusive_as_named() -> None:
    assert _post(happened_on=("1", "1", "1900"), ends_on=("31", "12", "2035")).is_valid()
    t = timezone.localdate()
    assert _post(happened_on=(str(t.day), str(t.month), str(t.year))).is_valid()


@pytest.mark.parametrize(
    ("bounds", "typed", "message"),
    [
        (
            {"after": dt.date(1900, 1, 1), "latest": dt.date(2030, 1, 1)},
            ("1", "1", "1900"),
            "must be after 1 January 1900",
        ),
        ({"after": today, "latest": years_from_today(1)}, None, "must be in the future"),
        ({"earliest": years_ago(120), "before": today}, None, "must be in the past"),
        (
            {"earliest": dt.date(2000, 1, 1), "latest": dt.date(2035, 12, 31)},
            ("1", "1", "2036"),
            "must be the same as or before 31 December 2035",
        ),
    ],
)
def test_each_kind_of_bound_has_its_message(bounds: dict[str, Any], typed: Any, message: str) -> None:
    field = GovUKDateField(subject="Date of birth", **bounds)
    if typed is None:
        t = timezone.localdate()
        typed = (str(t.day), str(t.month), str(t.year))
    with pytest.raises(Exception) as caught:
        field.clean(list(typed))
    assert caught.value.messages == [f"Date of birth {message}"]  # type: ignore[attr-defined]


def test_moving_bounds_are_worked_out_when_the_form_is_checked() -> None:
    field = GovUKDateField(subject="The review date", earliest=today, latest=years_from_today(10))
    with clock.as_of(dt.date(2026, 3, 27)):
        assert field.clean(["27", "3", "2036"]) == dt.date(2036, 3, 27)
        with pytest.raises(Exception, match="must be the same as or before 27 March 2036"):
            field.clean(["28", "3", "2036"])
    with clock.as_of(dt.date(2028, 2, 29)):
        assert years_from_today(1)() == dt.date(2029, 2, 28)


def test_a_date_without_both_bounds_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="lower bound"):
        GovUKDateField(subject="The date", latest=today)
    with pytest.raises(TypeError, match="upper bound"):
        GovUKDateField(subject="The date", earliest=today)
    with pytest.raises(TypeError):
        GovUKDateField(subject="The date", earliest=today, after=today, latest=today)


def test_messages_can_be_the_callers_own() -> None:
    field = GovUKDateField(
        subject="Date of assessment",
        earliest=dt.date(2000, 1, 1),
        latest=today,
        error_messages={
            "required": "Enter the date you assessed",
            "year": "Year of {the_subject} must be 4 numbers",
        },
    )
    with pytest.raises(Exception, match="Enter the date you assessed"):
        field.clean(["", "", ""])
    with pytest.raises(Exception, match="Year of the date of assessment must be 4 numbers"):
        field.clean(["1", "2", "26"])


def test_the_error_summary_links_to_the_first_box_in_error() -> None:
    form = _post(happened_on=("27", "", ""), ends_on=("1", "1", "2036"))
    assert not form.is_valid()
    items = dict((message, anchor) for anchor, message in form.error_summary_items())
    assert items["The date it happened must include a month and year"] == "id_happened_on-month"
    assert items["The end date must be before 1 January 2036"] == "id_ends_on-day"


def test_an_error_the_form_adds_highlights_the_whole_date() -> None:
    form = _post(happened_on=("1", "1", "2020"))
    assert form.is_valid()
    form.add_error("happened_on", "The date it happened must be after the referral")
    assert _boxes_in_error(form, "happened_on") == ["day", "month", "year"]
    assert (
        dict((m, a) for a, m in form.error_summary_items())["The date it happened must be after the referral"]
        == "id_happened_on-day"
    )


def _render(form: EventForm, name: str) -> str:
    html = Template("{{ field.as_field_group }}").render(Context({"field": form[name]}))
    return re.sub(r"\s+", " ", html)


def test_the_markup_is_the_govuk_date_input_with_what_was_typed() -> None:
    form = _post(happened_on=("27", "", "2o26"))
    assert not form.is_valid()
    html = _render(form, "happened_on")
    assert '<div class="govuk-form-group govuk-form-group--error">' in html
    assert (
        '<fieldset class="govuk-fieldset" role="group" '
        'aria-describedby="id_happened_on-hint id_happened_on-error">' in html
    )
    assert (
        '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s"> When did it happen? </legend>'
        in html
    )
    assert '<div id="id_happened_on-hint" class="govuk-hint">For example, 27 3 2026</div>' in html
    assert (
        '<p id="id_happened_on-error" class="govuk-error-message">'
        '<span class="govuk-visually-hidden">Error:</span> '
        "The date it happened must include a month</p>" in html
    )
    assert '<div class="govuk-date-input" id="id_happened_on">' in html
    assert (
        '<label class="govuk-label govuk-date-input__label" for="id_happened_on-day">Day</label> '
        '<input class="govuk-input govuk-date-input__input govuk-input--width-2" id="id_happened_on-day" '
        'name="happened_on_day" type="text" inputmode="numeric" value="27">'
    ) in html
    assert (
        '<input class="govuk-input govuk-date-input__input govuk-input--error govuk-input--width-2" '
        'id="id_happened_on-month" name="happened_on_month" type="text" inputmode="numeric" value="">'
    ) in html
    assert (
        '<input class="govuk-input govuk-date-input__input govuk-input--width-4" id="id_happened_on-year" '
        'name="happened_on_year" type="text" inputmode="numeric" value="2o26">'
    ) in html


def test_an_unbound_form_shows_its_initial_date_and_no_error() -> None:
    form = EventForm(initial={"happened_on": dt.date(2026, 3, 7)})
    html = _render(form, "happened_on")
    assert "govuk-form-group--error" not in html and "govuk-input--error" not in html
    assert 'aria-describedby="id_happened_on-hint"' in html
    assert re.findall(r'name="happened_on_(\w+)" type="text" inputmode="numeric" value="(\w*)"', html) == [
        ("day", "7"),
        ("month", "3"),
        ("year", "2026"),
    ]


def test_typed_text_is_escaped() -> None:
    form = _post(happened_on=('"><script>', "3", "2026"))
    assert not form.is_valid()
    html = _render(form, "happened_on")
    assert "<script>" not in html
    assert 'value="&quot;&gt;&lt;script&gt;"' in html
