"""Organisations of every sector over the districts, and users with the
role mix of a real partnership: mostly practitioners, a SPOC or two in each
organisation, a few coordinators, police officers, panel chairs, members,
analysts and administrators.

One user of each role is the bench's (`BENCH_EMAIL`): a known password and
a confirmed authenticator app with a known key (`bench_totp_key`), so the
bench signs in through the real sign-in pages, second factor included."""

from __future__ import annotations

import hashlib
import random

from django.contrib.auth.hashers import make_password

from prevent.accounts.models import User, UserRole
from prevent.accounts.roles import Role
from prevent.core.models import District, Organisation, Sector

from . import words
from .plan import Context
from .writer import Table

BENCH_PASSWORD = "bench-password-not-secret"
BENCH_DOMAIN = "bench.example"

# Shares of organisations by sector (by code, so the generator survives
# the sector list changing; a sector not named here gets a small share).
SHARES_BY_CODE = {
    "school": 55,
    "further_education": 5,
    "higher_education": 2,
    "health": 10,
    "local_authority": 8,
    "police": 2,
    "probation": 2,
    "prisons": 2,
    "community": 10,
    "other": 3,
}
SECTOR_SHARE = {str(s): SHARES_BY_CODE.get(str(s), 2) for s in Sector}
COUNTY_WIDE_SECTORS = {"police", "probation", "prisons"}
DISTRICTS = [d for d in District if d != District.COUNTY_WIDE]
# Roles other than practitioner and SPOC: (share of all users, floor, sectors they work in).
CENTRAL_ROLES: list[tuple[str, float, int, tuple[str, ...]]] = [
    (Role.ADMINISTRATOR, 0.001, 2, (Sector.LOCAL_AUTHORITY,)),
    (Role.PREVENT_COORDINATOR, 0.002, 3, (Sector.LOCAL_AUTHORITY,)),
    (Role.POLICE_PREVENT_OFFICER, 0.004, 4, (Sector.POLICE,)),
    (Role.CHANNEL_CHAIR, 0.0005, 2, (Sector.LOCAL_AUTHORITY,)),
    (
        Role.CHANNEL_MEMBER,
        0.01,
        8,
        (Sector.HEALTH, Sector.LOCAL_AUTHORITY, Sector.SCHOOL, Sector.PROBATION),
    ),
    (Role.PARTNERSHIP_ANALYST, 0.001, 2, (Sector.LOCAL_AUTHORITY,)),
]


def bench_email(role: str) -> str:
    return f"bench.{role.replace('_', '-')}@{BENCH_DOMAIN}"


def bench_totp_key(role: str) -> str:
    """The authenticator key (40 hex digits) of the bench user of `role`:
    the bench computes its codes from it."""
    return hashlib.sha1(f"prevent-hub-bench:{role}".encode(), usedforsecurity=False).hexdigest()


def org_weight(index: int) -> float:
    """Organisations differ in size: the first is the largest (the bench
    SPOC's), the rest fall off like a city's schools and trusts."""
    return 1.0 / (index + 1) ** 0.7


def make_organisations(ctx: Context) -> None:
    rng = ctx.rng("organisations")
    total = ctx.plan.organisations
    sectors = list(SECTOR_SHARE)
    order: list[str] = ["school", *[s for s in sectors if s != "school"]]
    weights = [SECTOR_SHARE[s] for s in sectors]
    order += rng.choices(sectors, weights=weights, k=max(0, total - len(order)))
    # Every central role needs an organisation of its sector early on.
    seen: set[str] = set()
    table = Table(
        Organisation,
        ["id", "name", "sector", "district", "created_at"],
        anchor=ctx.anchor,
        bar=ctx.progress.bar("organisations", total),
    )
    for index, sector in enumerate(order[:total], start=1):
        template = rng.choice(words.SECTOR_NAMES.get(sector, words.SECTOR_NAMES["other"]))
        name = template.format(town=rng.choice(words.TOWNS).replace("-", " "), word=rng.choice(words.WORDS))
        while name in seen:
            name = f"{name.rsplit(' No. ', 1)[0]} No. {rng.randrange(2, 10_000)}"
        seen.add(name)
        district = District.COUNTY_WIDE if sector in COUNTY_WIDE_SECTORS else rng.choice(DISTRICTS)
        table.add(index, name, sector, district, ctx.start)
        ctx.organisations.append(index)
        ctx.org_sector[index] = sector
        ctx.org_name[index] = name
    ctx.count("organisations", table.close())


def _pick_org(ctx: Context, rng: random.Random, sectors: tuple[str, ...]) -> int:
    fitting = [o for o in ctx.organisations[:200] if ctx.org_sector[o] in sectors]
    return rng.choice(fitting or ctx.organisations[:1])


def make_users(ctx: Context) -> None:
    rng = ctx.rng("users")
    total = ctx.plan.users
    assignments: list[tuple[int, tuple[str, ...]]] = []  # (organisation, roles)
    for role, share, floor, sectors in CENTRAL_ROLES:
        for _ in range(max(floor, round(total * share))):
            assignments.append((_pick_org(ctx, rng, sectors), (role,)))
    for position, org in enumerate(ctx.organisations):
        spocs = 2 if org_weight(position) > 0.3 else 1
        for _ in range(spocs):
            assignments.append((org, (Role.SPOC, Role.PRACTITIONER) if rng.random() < 0.2 else (Role.SPOC,)))
    weights = [org_weight(i) for i in range(len(ctx.organisations))]
    remaining = max(0, total - len(assignments))
    for org in rng.choices(ctx.organisations, weights=weights, k=remaining):
        assignments.append((org, (Role.PRACTITIONER,)))
    # The bench's users: the first of each role, in the largest organisation
    # where the role allows.
    bench_roles = [str(r) for r in Role]
    password = make_password(BENCH_PASSWORD, salt="benchsalt0000000")
    unusable = "!bench-no-password"
    users = Table(
        User,
        ["id", "email", "full_name", "job_title", "organisation_id", "password", "date_joined", "is_active"],
        anchor=ctx.anchor,
        bar=ctx.progress.bar("users", len(assignments)),
    )
    roles = Table(UserRole, ["id", "user_id", "role", "granted_at"], anchor=ctx.anchor)
    role_id = 0
    for user_id, (org, user_roles) in enumerate(assignments, start=1):
        main = user_roles[0]
        if main == Role.PRACTITIONER or main == Role.SPOC:
            org = ctx.organisations[0] if main not in ctx.bench_users else org
        is_bench = main in bench_roles and main not in ctx.bench_users
        name = words.person_name(rng)
        email = bench_email(main) if is_bench else f"user{user_id}@org{org}.{BENCH_DOMAIN}"
        joined = ctx.moment(rng, within_days=200)
        users.add(
            user_id,
            email,
            name,
            rng.choice(words.JOB_TITLES[main]),
            org,
            password if is_bench else unusable,
            joined,
            rng.random() > 0.02 or is_bench,
        )
        if is_bench:
            ctx.bench_users[main] = user_id
        for role in user_roles:
            role_id += 1
            roles.add(role_id, user_id, role, joined)
            ctx.users_by_role.setdefault(role, []).append(user_id)
        ctx.users_by_org.setdefault(org, []).append(user_id)
        ctx.user_label[user_id] = (f"{name} <{email}>", org, sorted(user_roles))
    ctx.count("users", users.close())
    ctx.count("user roles", roles.close())
    _devices(ctx)


def _devices(ctx: Context) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from prevent.accounts.two_factor import TOTP_DEVICE_NAME

    devices = Table(TOTPDevice, ["user_id", "name", "confirmed", "key"], anchor=ctx.anchor)
    for role, user_id in sorted(ctx.bench_users.items()):
        devices.add(user_id, TOTP_DEVICE_NAME, True, bench_totp_key(role))
    ctx.count("authenticator apps", devices.close())
