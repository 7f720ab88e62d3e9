"""The demo partnership (manage.py load_demo): Oxfordshire's organisations,
with one demo user for every role, for trying the service out. Never for
real data.

How it acts. Every service needs a signed-in actor who passes the policy,
and a fresh database has nobody. So the command first makes (or finds) the
demo Administrator with `user_bootstrap_administrator`, the one write that
needs no actor: like `createsuperuser` it writes directly, in one
transaction, with an audit event naming this command. Everything else
(organisations, users, settings, demo passwords) then goes through the
ordinary services with that administrator as actor, so it is checked by
the policy and audited like a change made in the browser. Roles that see
case content need a second person's approval in the service (ADR 0007);
this command is run by an operator at the shell, so it grants them with the
operator path `user_set_roles_by_operator`, audited as this command.

Idempotent: each step compares what is there with what should be and calls
a service only for a difference, so a second run writes nothing (no rows,
no audit events) and leaves passwords and sessions alone. Contact points
are filled in only where empty, so values confirmed locally are kept.

Education settings have made-up names; councils, police, NHS trusts and
probation are the real Oxfordshire agencies."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from prevent.accounts.models import User
from prevent.accounts.roles import Role
from prevent.accounts.services import roles as role_services
from prevent.accounts.services import users as user_services
from prevent.core import services
from prevent.core.models import District, LocalAreaSettings, Organisation, Sector
from prevent.core.selectors_admin import EXAMPLE_CONTACT_POINTS

DEMO_PASSWORD = "prevent-demo-password"
DEMO_DOMAIN = "demo.example"
COMMAND_LABEL = "manage.py load_demo"
BASE_URL = "http://127.0.0.1:8000"

COUNTY = "Oxfordshire County Council"
CHERWELL = "Cherwell District Council"
OXFORD_HEALTH = "Oxford Health NHS Foundation Trust"
OUH = "Oxford University Hospitals NHS Foundation Trust"
TVP = "Thames Valley Police"
PROBATION = "Probation Service (Thames Valley)"
SCHOOL_A = "Banbury Meadows Academy"
SCHOOL_B = "Didcot Vale School"

ORGANISATIONS: list[tuple[str, str, str]] = [
    (COUNTY, Sector.LOCAL_AUTHORITY, District.COUNTY_WIDE),
    (CHERWELL, Sector.LOCAL_AUTHORITY, District.CHERWELL),
    ("Oxford City Council", Sector.LOCAL_AUTHORITY, District.OXFORD_CITY),
    ("South Oxfordshire District Council", Sector.LOCAL_AUTHORITY, District.SOUTH_OXFORDSHIRE),
    ("Vale of White Horse District Council", Sector.LOCAL_AUTHORITY, District.VALE_OF_WHITE_HORSE),
    ("West Oxfordshire District Council", Sector.LOCAL_AUTHORITY, District.WEST_OXFORDSHIRE),
    (TVP, Sector.POLICE, District.COUNTY_WIDE),
    (OXFORD_HEALTH, Sector.HEALTH, District.COUNTY_WIDE),
    (OUH, Sector.HEALTH, District.COUNTY_WIDE),
    (PROBATION, Sector.PROBATION, District.COUNTY_WIDE),
    (SCHOOL_A, Sector.SCHOOL, District.CHERWELL),
    (SCHOOL_B, Sector.SCHOOL, District.SOUTH_OXFORDSHIRE),
    ("Witney Orchard Primary School", Sector.SCHOOL, District.WEST_OXFORDSHIRE),
    ("Abingdon Riverside College", Sector.FURTHER_EDUCATION, District.VALE_OF_WHITE_HORSE),
    ("Oxfordshire Metropolitan University", Sector.HIGHER_EDUCATION, District.OXFORD_CITY),
]


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    job_title: str
    organisation: str
    roles: tuple[str, ...]


def _email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


ADMINISTRATOR = DemoUser(
    _email("admin"), "Alex Morgan", "Prevent Hub administrator", COUNTY, (Role.ADMINISTRATOR,)
)

DEMO_USERS: list[DemoUser] = [
    ADMINISTRATOR,
    DemoUser(_email("practitioner"), "Priya Shah", "Teacher of Year 10", SCHOOL_A, (Role.PRACTITIONER,)),
    DemoUser(
        _email("spoc.school"),
        "Sam Taylor",
        "Designated Safeguarding Lead",
        SCHOOL_A,
        (Role.SPOC, Role.PRACTITIONER),
    ),
    DemoUser(_email("spoc.school2"), "Jo Evans", "Designated Safeguarding Lead", SCHOOL_B, (Role.SPOC,)),
    DemoUser(
        _email("practitioner.health"),
        "Chris Walker",
        "Community Mental Health Nurse",
        OXFORD_HEALTH,
        (Role.PRACTITIONER,),
    ),
    DemoUser(_email("spoc.health"), "Hannah Price", "Named Nurse, Safeguarding", OXFORD_HEALTH, (Role.SPOC,)),
    DemoUser(_email("spoc.district"), "Dev Patel", "Community Safety Officer", CHERWELL, (Role.SPOC,)),
    DemoUser(
        _email("coordinator"), "Morgan Hughes", "Prevent Coordinator", COUNTY, (Role.PREVENT_COORDINATOR,)
    ),
    DemoUser(_email("police"), "Ravi Kumar", "Prevent Officer", TVP, (Role.POLICE_PREVENT_OFFICER,)),
    DemoUser(_email("chair"), "Elaine Fraser", "Deputy Chief Fire Officer", COUNTY, (Role.CHANNEL_CHAIR,)),
    DemoUser(
        _email("member.health"),
        "Tom Bennett",
        "Safeguarding Lead, Channel Panel representative",
        OXFORD_HEALTH,
        (Role.CHANNEL_MEMBER,),
    ),
    DemoUser(
        _email("member.probation"),
        "Grace Okafor",
        "Senior Probation Officer, Channel Panel representative",
        PROBATION,
        (Role.CHANNEL_MEMBER,),
    ),
    DemoUser(
        _email("analyst"),
        "Lee Harper",
        "Community Safety Partnership Analyst",
        COUNTY,
        (Role.PARTNERSHIP_ANALYST,),
    ),
]

DEMO_USERS_BY_EMAIL = {demo.email: demo for demo in DEMO_USERS}


class Partnership:
    """Makes (or finds) the organisations, the local area settings and the
    demo users; `load()` returns the demo users by email."""

    def load(self) -> dict[str, User]:
        admin = user_services.user_bootstrap_administrator(
            email=ADMINISTRATOR.email, full_name=ADMINISTRATOR.full_name, actor_label=COMMAND_LABEL
        )
        organisations = self._organisations(admin)
        self.organisations = organisations
        self._local_area(admin)
        # The administrator first: later events then carry their organisation.
        admin = self._user(admin, ADMINISTRATOR, organisations[ADMINISTRATOR.organisation])
        users = {ADMINISTRATOR.email: admin}
        for demo in DEMO_USERS:
            if demo is not ADMINISTRATOR:
                users[demo.email] = self._user(admin, demo, organisations[demo.organisation])
        return users

    def _organisations(self, admin: User) -> dict[str, Organisation]:
        existing = {o.name: o for o in Organisation.objects.all()}
        result: dict[str, Organisation] = {}
        for name, sector, district in ORGANISATIONS:
            organisation = existing.get(name)
            if organisation is None:
                organisation = services.organisation_create(
                    actor=admin, name=name, sector=sector, district=district
                )
            elif (organisation.sector, organisation.district) != (sector, district):
                organisation = services.organisation_update(
                    actor=admin, organisation=organisation, name=name, sector=sector, district=district
                )
            result[name] = organisation
        return result

    def _local_area(self, admin: User) -> None:
        area = LocalAreaSettings.load()
        missing = {
            field: value for field, value in EXAMPLE_CONTACT_POINTS.items() if not getattr(area, field)
        }
        if missing:
            services.local_area_settings_update(actor=admin, data=missing)

    def _user(self, admin: User, demo: DemoUser, organisation: Organisation) -> User:
        user = User.objects.filter(email=demo.email).select_related("organisation").first()
        if user is None:
            # Case roles asked for here are granted at once below, by the
            # operator path (ADR 0007), in the same transaction: nobody is emailed.
            with transaction.atomic():
                user = self._create(admin, demo, organisation)
                user = role_services.user_set_roles_by_operator(
                    user=user, roles=demo.roles, actor_label=COMMAND_LABEL
                )
        else:
            if (user.full_name, user.job_title, user.organisation_id) != (
                demo.full_name,
                demo.job_title,
                organisation.pk,
            ):
                user = user_services.user_update(
                    actor=admin,
                    user=user,
                    email=demo.email,
                    full_name=demo.full_name,
                    job_title=demo.job_title,
                    organisation=organisation,
                )
            if user.roles != frozenset(demo.roles):
                user = role_services.user_set_roles_by_operator(
                    user=user, roles=demo.roles, actor_label=COMMAND_LABEL
                )
            if not user.is_active:
                user = user_services.user_reactivate(actor=admin, user=user)
        return user_services.demo_user_prepare(actor=admin, user=user, password=DEMO_PASSWORD)

    def _create(self, admin: User, demo: DemoUser, organisation: Organisation) -> User:
        return user_services.user_create(
            actor=admin,
            email=demo.email,
            full_name=demo.full_name,
            job_title=demo.job_title,
            organisation=organisation,
            roles=demo.roles,
            base_url=BASE_URL,
            send_invitation=False,
        )


def sign_in_table(demo_mode: bool) -> list[str]:
    """The lines load_demo prints: each demo user's email, roles and organisation."""
    rows = []
    for demo in DEMO_USERS:
        labels = ", ".join(Role(r).label for r in demo.roles)
        rows.append((demo.email, labels, demo.organisation))
    widths = [max(len(row[i]) for row in [("Email", "Roles", "Organisation"), *rows]) for i in range(3)]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    lines = [line(("Email", "Roles", "Organisation")), line(tuple("-" * w for w in widths))]
    lines += [line(row) for row in rows]
    lines += ["", f"Password for every demo user: {DEMO_PASSWORD}"]
    if demo_mode:
        lines.append("Demo mode is on: demo users sign in with the password only.")
    return lines
