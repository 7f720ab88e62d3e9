"""A reference search (PH-, GW-, CH-) for a record of a restricted person
(issue 14, ADR 0017): "a restricted record exists, ask the coordinator" to a
user whose role would see that record but for the restriction, the record's
page to those named, and nothing at all to anyone else."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from prevent.people.search import search_people
from prevent.people.tests.test_restricted import SEES
from prevent.policy import Action, scoped
from tests.builders import World, kept_for_the_module, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    with kept_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            built = World()
        yield built


def _references(world: World) -> dict[str, str]:
    case = world.restricted_case
    referral: Any = case.gateway_referral.referral
    concern = referral.concern
    return {
        "concern": concern.reference,
        "gateway": case.gateway_referral.reference,
        "case": case.reference,
    }


# Who would see each of Rhea's records but for the restriction (and is not
# named on it): the practitioner raised her concern; the chair sees every
# Channel case; the other coordinator, and the SPOC who is also a Channel
# member, see them as their roles do.
TOLD_OF = {
    "practitioner": {"concern"},
    "chair": {"case"},
}


def test_a_reference_of_a_restricted_record_is_told_only_to_roles_that_would_see_it(world: World) -> None:
    rhea = world.restricted_case.person
    references = _references(world)
    assert references["concern"].startswith("PH-") and references["case"].startswith("CH-")
    told: dict[str, set[str]] = {}
    for key, user in world.users().items():
        if not user.is_active:
            continue
        for kind, reference in references.items():
            found = search_people(user=user, text=reference.lower())
            assert found.results == []
            if key in SEES:  # named (or broke glass): the record's page where their role has one
                assert not found.restricted, (key, kind)
                if found.redirect_to:
                    told.setdefault(f"{key} opens", set()).add(kind)
                continue
            assert found.redirect_to is None, (key, kind)
            if found.restricted:
                assert found.restricted == [rhea.pk], (key, kind)
                told.setdefault(key, set()).add(kind)
    for key, kinds in TOLD_OF.items():
        assert kinds <= told.get(key, set()), (key, told)
    assert "concern" in told["spoc opens"] and "case" in told["police opens"]
    for never in ("other_practitioner", "other_spoc", "analyst", "admin", "outsider"):
        assert never not in told, (never, told)
    # Told only of a record the user's role would see: never of one out of
    # their ordinary scope (the practitioner does not see Channel cases).
    assert "case" not in told["practitioner"]
    assert not scoped(world.people["practitioner"], Action.VIEW_CHANNEL_CASE).exists()


def test_the_search_page_says_ask_the_coordinator_without_the_name(world: World) -> None:
    rhea = world.restricted_case.person
    reference = _references(world)["concern"]
    page = sign_in(world.people["practitioner"]).get(reverse("people:search"), {"q": reference})
    html = page.content.decode()
    assert page.status_code == 200
    assert "A restricted record exists" in html and "Ask the Prevent Coordinator" in html
    assert reverse("people:break-glass", args=[rhea.pk]) in html
    assert rhea.full_name not in html
    other = sign_in(world.people["other_practitioner"]).get(reverse("people:search"), {"q": reference})
    assert other.status_code == 200 and "restricted record" not in other.content.decode()
    named = sign_in(world.people["spoc"]).get(reverse("people:search"), {"q": reference})
    assert named.status_code == 302


def test_a_reference_search_costs_no_extra_query_when_nothing_is_hidden(
    world: World, django_assert_max_num_queries: Any
) -> None:
    spoc = world.people["other_spoc"]
    search_people(user=spoc, text="PH-2026-99999")  # warm the user's memo
    with django_assert_max_num_queries(6):
        assert search_people(user=spoc, text="PH-2026-99999").restricted == []
