"""What the official statistics need to know about the person of a concern
(issue 13): ethnic group, age group, and the wording of gender in the
statistics. Recorded on the "About the person" step (prevent/concerns/steps.py);
none of it is required.

Age: `Concern.age_at_referral` is the person's age in whole years on the day
the concern was submitted, from the date of birth when it is known, else the
approximate age the practitioner gave (`concerns.services.concern_submit`).
When neither is known the practitioner may give an age group instead
(`Concern.person_age_band`). `age_group_expression()` turns these into the
statistics' age group in the database, so figures are grouped by an
aggregate query, never in Python."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Case, F, Value, When


class Ethnicity(models.TextChoices):
    """The ONS harmonised standard for ethnic group (England, 2021 Census):
    19 categories under 5 high-level groups (`ETHNIC_GROUPS`), plus "not
    known" and "prefer not to say"."""

    ASIAN_BANGLADESHI = "asian_bangladeshi", "Bangladeshi"
    ASIAN_CHINESE = "asian_chinese", "Chinese"
    ASIAN_INDIAN = "asian_indian", "Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Pakistani"
    ASIAN_OTHER = "asian_other", "Any other Asian background"
    BLACK_AFRICAN = "black_african", "African"
    BLACK_CARIBBEAN = "black_caribbean", "Caribbean"
    BLACK_OTHER = "black_other", "Any other Black, Black British or Caribbean background"
    MIXED_WHITE_ASIAN = "mixed_white_asian", "White and Asian"
    MIXED_WHITE_BLACK_AFRICAN = "mixed_white_black_african", "White and Black African"
    MIXED_WHITE_BLACK_CARIBBEAN = "mixed_white_black_caribbean", "White and Black Caribbean"
    MIXED_OTHER = "mixed_other", "Any other Mixed or Multiple ethnic background"
    WHITE_BRITISH = "white_british", "English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "white_irish", "Irish"
    WHITE_GYPSY_OR_IRISH_TRAVELLER = "white_gypsy_irish_traveller", "Gypsy or Irish Traveller"
    WHITE_ROMA = "white_roma", "Roma"
    WHITE_OTHER = "white_other", "Any other White background"
    OTHER_ARAB = "other_arab", "Arab"
    OTHER_ANY = "other_any", "Any other ethnic group"
    NOT_KNOWN = "not_known", "Not known"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"


# The 5 high-level groups of the ONS standard, in its order, each with its
# detailed categories.
ETHNIC_GROUPS: list[tuple[str, list[Ethnicity]]] = [
    (
        "Asian, Asian British or Asian Welsh",
        [
            Ethnicity.ASIAN_BANGLADESHI,
            Ethnicity.ASIAN_CHINESE,
            Ethnicity.ASIAN_INDIAN,
            Ethnicity.ASIAN_PAKISTANI,
            Ethnicity.ASIAN_OTHER,
        ],
    ),
    (
        "Black, Black British, Black Welsh, Caribbean or African",
        [Ethnicity.BLACK_AFRICAN, Ethnicity.BLACK_CARIBBEAN, Ethnicity.BLACK_OTHER],
    ),
    (
        "Mixed or Multiple ethnic groups",
        [
            Ethnicity.MIXED_WHITE_ASIAN,
            Ethnicity.MIXED_WHITE_BLACK_AFRICAN,
            Ethnicity.MIXED_WHITE_BLACK_CARIBBEAN,
            Ethnicity.MIXED_OTHER,
        ],
    ),
    (
        "White",
        [
            Ethnicity.WHITE_BRITISH,
            Ethnicity.WHITE_IRISH,
            Ethnicity.WHITE_GYPSY_OR_IRISH_TRAVELLER,
            Ethnicity.WHITE_ROMA,
            Ethnicity.WHITE_OTHER,
        ],
    ),
    ("Other ethnic group", [Ethnicity.OTHER_ARAB, Ethnicity.OTHER_ANY]),
]

ETHNIC_GROUP_OF: dict[str, str] = {code: group for group, codes in ETHNIC_GROUPS for code in codes}


def ethnic_group_label(code: str) -> str:
    """The high-level group of a recorded ethnicity; "Not known" when none
    was recorded, "Prefer not to say" as said."""
    if code == Ethnicity.PREFER_NOT_TO_SAY:
        return Ethnicity.PREFER_NOT_TO_SAY.label
    return ETHNIC_GROUP_OF.get(code, Ethnicity.NOT_KNOWN.label)


def ethnicity_choices() -> list[tuple[str, object]]:
    """Form choices: blank, then each high-level group as an optgroup, then
    "Not known" and "Prefer not to say"."""
    return [
        ("", "Not given"),
        *[(group, [(c.value, c.label) for c in codes]) for group, codes in ETHNIC_GROUPS],
        (
            "Not known or prefer not to say",
            [
                (Ethnicity.NOT_KNOWN.value, Ethnicity.NOT_KNOWN.label),
                (Ethnicity.PREFER_NOT_TO_SAY.value, Ethnicity.PREFER_NOT_TO_SAY.label),
            ],
        ),
    ]


class AgeGroup(models.TextChoices):
    """The age groups of the official Prevent statistics."""

    UNDER_15 = "under_15", "Under 15"
    AGED_15_TO_20 = "15_to_20", "15 to 20"
    AGED_21_TO_30 = "21_to_30", "21 to 30"
    AGED_31_TO_39 = "31_to_39", "31 to 39"
    AGED_40_AND_OVER = "40_and_over", "40 and over"
    NOT_KNOWN = "not_known", "Not known"


# The upper bound (inclusive) of each group with one.
_AGE_BOUNDS: list[tuple[int, AgeGroup]] = [
    (14, AgeGroup.UNDER_15),
    (20, AgeGroup.AGED_15_TO_20),
    (30, AgeGroup.AGED_21_TO_30),
    (39, AgeGroup.AGED_31_TO_39),
]
KNOWN_AGE_BANDS = [g.value for g in AgeGroup if g != AgeGroup.NOT_KNOWN]


def age_on(date_of_birth: date, day: date) -> int:
    """Age in whole years on `day`. Someone born on 29 February is a year
    older on 1 March in a year that has no 29 February."""
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - int(before_birthday)


def age_at_referral(date_of_birth: date | None, approximate_age: int | None, day: date) -> int | None:
    """The age at referral: from the date of birth on `day` (the day the
    concern was submitted), else the approximate age given, else None."""
    if date_of_birth is not None:
        return max(age_on(date_of_birth, day), 0)
    return approximate_age


def age_group(age: int | None, band: str = "") -> str:
    """The AgeGroup value for an age at referral, falling back to the
    recorded age band, else not known (what `age_group_expression` computes
    in the database)."""
    if age is not None:
        for upper, group in _AGE_BOUNDS:
            if age <= upper:
                return group.value
        return AgeGroup.AGED_40_AND_OVER.value
    if band in KNOWN_AGE_BANDS:
        return band
    return AgeGroup.NOT_KNOWN.value


def age_group_expression(prefix: str = "") -> Case:
    """A Case/When giving the AgeGroup value of a Concern row: from
    `age_at_referral`, else `person_age_band`, else not known. `prefix`
    reaches the concern through a relation ("concern__" from a referral).
    Use it in `.annotate(age_group=...)` then `.values("age_group")`."""
    age = f"{prefix}age_at_referral"
    whens = [When(**{f"{age}__lte": upper}, then=Value(group.value)) for upper, group in _AGE_BOUNDS]
    whens.append(When(**{f"{age}__isnull": False}, then=Value(AgeGroup.AGED_40_AND_OVER.value)))
    whens.append(
        When(**{f"{prefix}person_age_band__in": KNOWN_AGE_BANDS}, then=F(f"{prefix}person_age_band"))
    )
    return Case(*whens, default=Value(AgeGroup.NOT_KNOWN.value), output_field=models.CharField())


# Gender in the official statistics: male, female, and other / not known
# together. Keys are `Concern.person_gender` values ("" when not given).
OFFICIAL_GENDER_LABELS: dict[str, str] = {
    "male": "Male",
    "female": "Female",
    "other": "Other or not known",
    "not_known": "Other or not known",
    "": "Other or not known",
}


def official_gender_label(code: str) -> str:
    return OFFICIAL_GENDER_LABELS.get(code, OFFICIAL_GENDER_LABELS[""])
