"""manage.py load_demo: the Oxfordshire partnership and a demo user for every role."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from prevent.accounts.models import User, UserRole
from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.audit.verify import verify_chain
from prevent.core.models import LocalAreaSettings, Organisation, Sector
from prevent.home.demo.casework import INVITED
from prevent.home.demo.partnership import DEMO_PASSWORD
from prevent.home.demo.training import STAFF

pytestmark = pytest.mark.django_db

DISTRICT_COUNCILS = {
    "Cherwell District Council",
    "Oxford City Council",
    "South Oxfordshire District Council",
    "Vale of White Horse District Council",
    "West Oxfordshire District Council",
}


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=StringIO())
    return out.getvalue()


def snapshot() -> dict[str, object]:
    return {
        "organisations": sorted(Organisation.objects.values_list("name", "sector", "district")),
        "users": sorted(
            User.objects.values_list(
                "email",
                "full_name",
                "job_title",
                "organisation__name",
                "password",
                "session_token",
                "is_active",
            )
        ),
        "roles": sorted(UserRole.objects.values_list("user__email", "role")),
        "events": AuditEvent.objects.count(),
        "settings": LocalAreaSettings.objects.values().get(),
    }


def test_load_demo_creates_the_oxfordshire_partnership():
    load()
    names = set(Organisation.objects.values_list("name", flat=True))
    assert {
        "Oxfordshire County Council",
        "Thames Valley Police",
        "Oxford Health NHS Foundation Trust",
        "Oxford University Hospitals NHS Foundation Trust",
    } | DISTRICT_COUNCILS <= names
    sectors = list(Organisation.objects.values_list("sector", flat=True))
    assert sectors.count(Sector.SCHOOL) == 3
    assert Sector.PROBATION in sectors
    assert Sector.FURTHER_EDUCATION in sectors
    assert Sector.HIGHER_EDUCATION in sectors


def test_load_demo_gives_every_role_a_demo_user_with_the_shared_password():
    load()
    demo_users = User.objects.filter(is_demo_user=True).prefetch_related("role_assignments")
    assert {role for user in demo_users for role in user.roles} == set(Role.values)
    for user in demo_users:
        assert user.email.endswith("@demo.example")
        assert user.check_password(DEMO_PASSWORD)
        assert user.organisation is not None
    # Besides the invited teacher, the only other accounts are the staff the
    # school's SPOC imported for training: no role, no demo password.
    others = User.objects.filter(is_demo_user=False)
    assert set(others.values_list("email", flat=True)) == {INVITED} | {row.email for row in STAFF}
    assert not UserRole.objects.filter(user__in=others).exists()


def _holders(role: str) -> list[tuple[str, str]]:
    return list(
        User.objects.filter(role_assignments__role=role).values_list(
            "organisation__name", "organisation__sector"
        )
    )


def test_load_demo_places_the_required_roles_in_the_right_agencies():
    load()
    spocs = _holders(Role.SPOC)
    assert any(sector == Sector.SCHOOL for _, sector in spocs)
    assert ("Oxford Health NHS Foundation Trust", Sector.HEALTH) in spocs
    assert any(name in DISTRICT_COUNCILS for name, _ in spocs)
    assert any(sector == Sector.SCHOOL for _, sector in _holders(Role.PRACTITIONER))
    assert ("Oxfordshire County Council", Sector.LOCAL_AUTHORITY) in _holders(Role.PREVENT_COORDINATOR)
    assert _holders(Role.POLICE_PREVENT_OFFICER) == [("Thames Valley Police", Sector.POLICE)]
    assert _holders(Role.CHANNEL_CHAIR) == [("Oxfordshire County Council", Sector.LOCAL_AUTHORITY)]
    assert (
        User.objects.get(role_assignments__role=Role.CHANNEL_CHAIR).job_title == "Deputy Chief Fire Officer"
    )
    assert len({name for name, _ in _holders(Role.CHANNEL_MEMBER)}) >= 2
    assert _holders(Role.PARTNERSHIP_ANALYST)
    assert _holders(Role.ADMINISTRATOR)


def test_load_demo_fills_the_contact_points():
    load()
    area = LocalAreaSettings.load()
    assert area.customer_resolution_centre_phone
    assert area.childrens_front_door_email
    assert area.adults_front_door_email
    assert area.police_prevent_email
    assert area.childrens_out_of_hours_phone


def test_load_demo_keeps_contact_points_confirmed_locally(make_user):
    LocalAreaSettings.objects.update_or_create(pk=1, defaults={"police_prevent_phone": "01865 123456"})
    load()
    assert LocalAreaSettings.load().police_prevent_phone == "01865 123456"


def test_load_demo_is_idempotent():
    load()
    first = snapshot()
    load()
    assert snapshot() == first


def test_load_demo_goes_through_audited_services_and_keeps_the_chain_intact():
    load()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "user_created",
        "organisation_created",
        "local_area_settings_updated",
        "demo_user_prepared",
    } <= actions
    bootstrap = AuditEvent.objects.earliest("id")
    assert bootstrap.actor is None
    assert bootstrap.actor_label == "manage.py load_demo"
    admin = User.objects.get(email="admin@demo.example")
    # Case roles are granted by the operator path (ADR 0007), audited as this command.
    operator = AuditEvent.objects.filter(actor=None).exclude(pk=bootstrap.pk)
    assert set(operator.values_list("action", "actor_label")) == {
        ("user_roles_changed", "manage.py load_demo")
    }
    # The partnership is set up by the administrator, the casework by the
    # demo user whose work each step is: every other event has a demo actor,
    # except the imported staff's own training (bookings, declared completions).
    assert AuditEvent.objects.filter(action="organisation_created").exclude(actor=admin).count() == 0
    by_others = AuditEvent.objects.exclude(actor=None).exclude(actor__is_demo_user=True)
    assert set(by_others.values_list("actor__email", flat=True)) <= {row.email for row in STAFF}
    assert set(by_others.values_list("action", flat=True)) <= {
        "training_session_booked",
        "training_completion_declared",
    }
    stored = str(list(AuditEvent.objects.values_list("summary", "changes")))
    assert DEMO_PASSWORD not in stored
    assert verify_chain().ok


def test_load_demo_prints_the_sign_in_table_and_password():
    output = load()
    for email in User.objects.filter(is_demo_user=True).values_list("email", flat=True):
        assert email in output
    assert "Channel Panel Chair" in output
    assert f"Password for every demo user: {DEMO_PASSWORD}" in output
