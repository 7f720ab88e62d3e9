"""The organisation's sector carries the official statistics' categories
(issue 13): every official category is a choice, each code has its
official label, and the older codes are moved by migration core.0005."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps

from prevent.core.models import OFFICIAL_SECTOR_LABELS, Organisation, Sector, official_sector_label

OFFICIAL = [
    "Education",
    "Police",
    "Local authority",
    "Health",
    "Community",
    "Prisons",
    "Probation",
    "Higher education",
    "Further education",
    "Other",
]


def test_every_official_category_is_a_sector_in_the_official_order() -> None:
    assert [official_sector_label(code) for code in Sector.values] == OFFICIAL
    assert set(OFFICIAL_SECTOR_LABELS) == set(Sector.values)


def test_an_unknown_code_counts_as_other() -> None:
    assert official_sector_label("voluntary") == "Other"
    assert official_sector_label("") == "Other"


@pytest.mark.django_db
def test_the_migration_moves_old_codes_and_keeps_the_others() -> None:
    names = {"voluntary": "Banbury Food Bank", "youth_justice": "Youth Justice Service", "school": "A School"}
    for code, name in names.items():
        Organisation.objects.create(name=name, sector=Sector.OTHER, district="cherwell")
        Organisation.objects.filter(name=name).update(sector=code)  # as stored before 0005
    migration = import_module("prevent.core.migrations.0005_sector_official_categories")

    migration.to_official(apps, None)
    migration.to_official(apps, None)  # a second run changes nothing

    sectors = dict(Organisation.objects.filter(name__in=names.values()).values_list("name", "sector"))
    assert sectors == {
        "Banbury Food Bank": Sector.COMMUNITY,
        "Youth Justice Service": Sector.LOCAL_AUTHORITY,
        "A School": Sector.SCHOOL,
    }
