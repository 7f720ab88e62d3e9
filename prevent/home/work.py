""" "Your work": one section per role the user holds, each with the links and
lists the domains give that role. The lists come from each domain's own
read models (prevent.concerns.work, prevent.channel.work), which ask the
policy themselves and cost a bounded number of queries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from django.urls import reverse

from prevent.accounts.roles import ROLE_DESCRIPTIONS, Role
from prevent.channel.work import chair_items, coordinator_items, member_items, police_cases, police_items
from prevent.concerns.work import (
    LIMIT,
    WorkItem,
    practitioner_items,
    practitioner_questions,
    referrer_addition_items,
    spoc_items,
    spoc_outcomes,
)
from prevent.core import clock
from prevent.policy import Action, can, scoped

if TYPE_CHECKING:
    from prevent.accounts.models import User


@dataclass
class WorkLink:
    text: str
    href: str


@dataclass
class WorkGroup:
    """A titled list on "Your work"."""

    title: str
    items: list[WorkItem]
    empty_message: str


@dataclass
class WorkSection:
    role: str
    title: str
    description: str
    links: list[WorkLink] = field(default_factory=list)
    groups: list[WorkGroup] = field(default_factory=list)
    empty_message: str = "Nothing needs you at the moment."

    def link(self, text: str, name: str, action: Action, user: User) -> None:
        if can(user, action):
            self.links.append(WorkLink(text, reverse(name)))


# Other apps add their own groups to a role's section (e.g. prevent/training:
# staff training expiring, for SPOCs) by registering a function here from
# their AppConfig.ready(): `register_section(Role.SPOC, fill)`, where
# fill(user, section) appends WorkGroups. Each must cost a bounded number of
# queries and ask the policy itself.
SectionFill = Callable[["User", "WorkSection"], None]
_EXTRA: dict[str, list[SectionFill]] = {}


def register_section(role: str, fill: SectionFill) -> None:
    if fill not in _EXTRA.setdefault(role, []):
        _EXTRA[role].append(fill)


def _practitioner(user: User, section: WorkSection) -> None:
    if can(user, Action.RECORD_CONCERN):
        section.links.append(WorkLink("Record a concern", reverse("concerns:new")))
        section.groups += [
            WorkGroup(
                "Questions to answer", practitioner_questions(user), "No questions are waiting for you."
            ),
            WorkGroup(
                "Your concerns and their outcomes",
                practitioner_items(user),
                "You have not recorded any concerns.",
            ),
        ]


def _spoc(user: User, section: WorkSection) -> None:
    if can(user, Action.VIEW_TRIAGE_QUEUE):
        spoc = spoc_items(user)
        section.links.append(WorkLink("Triage queue", reverse("concerns:triage-queue")))
        section.groups += [
            WorkGroup("Concerns awaiting triage", spoc["triage"], "No concerns are waiting for triage."),
            WorkGroup("Overdue referrals to chase", spoc["overdue"], "No referrals are overdue."),
            WorkGroup(
                "Referrals awaiting an outcome",
                spoc["awaiting_outcome"],
                "No referrals are waiting for an outcome.",
            ),
            WorkGroup("Outcomes received", spoc_outcomes(user), "No outcomes received in the last 30 days."),
        ]
    section.link("Prevent self-assessments", "self_assessment:list", Action.LIST_SELF_ASSESSMENTS, user)
    if can(user, Action.LIST_SELF_ASSESSMENTS):
        section.groups.append(
            WorkGroup(
                "Self-assessment due",
                _assessment_due(user),
                "Your organisation's self-assessment is up to date.",
            )
        )


def _assessment_due(user: User) -> list[WorkItem]:
    """The organisation's self-assessment to finish, or to review within 60 days (1 query)."""
    from prevent.self_assessment.models import Assessment, AssessmentStatus

    if user.organisation_id is None:
        return []
    today = clock.today()
    latest = (
        scoped(
            user, Action.VIEW_SELF_ASSESSMENT, Assessment.objects.filter(organisation_id=user.organisation_id)
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if latest is None:
        return [
            WorkItem(
                "Start your organisation's self-assessment", reverse("self_assessment:list"), "Not started"
            )
        ]
    href = reverse("self_assessment:detail", args=[latest.pk])
    if latest.status == AssessmentStatus.DRAFT:
        return [
            WorkItem(
                "Finish the self-assessment", href, "Draft", f"Review due {latest.review_due_on:%-d %B %Y}"
            )
        ]
    if latest.review_due_on <= today + timedelta(days=60):
        overdue = latest.review_due_on < today
        return [
            WorkItem(
                "Review the self-assessment",
                href,
                "Review overdue" if overdue else "Review due",
                f"Review due {latest.review_due_on:%-d %B %Y}",
                overdue,
            )
        ]
    return []


def _coordinator(user: User, section: WorkSection) -> None:
    section.link("Channel cases", "channel:case-list", Action.VIEW_CHANNEL_CASES, user)
    section.link("Panel meetings", "channel:panel-list", Action.VIEW_PANEL_MEETINGS, user)
    section.link("Prevent self-assessments", "self_assessment:list", Action.LIST_SELF_ASSESSMENTS, user)
    section.link(
        "Partnership self-assessment overview",
        "self_assessment:overview",
        Action.VIEW_SELF_ASSESSMENT_OVERVIEW,
        user,
    )
    section.link("Audit log", "audit:event-list", Action.VIEW_AUDIT_LOG, user)
    section.link("Partnership statistics", "reporting:statistics", Action.VIEW_STATISTICS, user)
    section.link("Data quality", "reporting:data-quality", Action.VIEW_DATA_QUALITY, user)
    lists = coordinator_items(user)
    section.groups += [
        WorkGroup("Cases you officer", lists["cases"], "You are not the case officer of an open case."),
        WorkGroup(
            "Information requests answered",
            lists["requests_answered"],
            "No information requests were answered in the last 14 days.",
        ),
        WorkGroup(
            "Interventions to review",
            lists["interventions_to_review"],
            "No interventions are due for review.",
        ),
        WorkGroup("Coming panel meetings", lists["upcoming_panels"], "No panel meetings are scheduled."),
        WorkGroup(
            "Information requests overdue",
            lists["requests_overdue"],
            "No information requests are overdue.",
        ),
        WorkGroup("Panel actions due", lists["actions_due"], "No panel actions are due in the next 14 days."),
        WorkGroup("Post-exit reviews due", lists["reviews_due"], "No post-exit reviews are due."),
        WorkGroup("Cases awaiting consent", lists["awaiting_consent"], "No cases are waiting for consent."),
        WorkGroup(
            "Cases awaiting a closing report",
            lists["awaiting_closing_report"],
            "No cases are waiting for a closing report.",
        ),
    ]


def _police(user: User, section: WorkSection) -> None:
    section.link("Gateway queue", "channel:gateway-queue", Action.VIEW_GATEWAY_QUEUE, user)
    section.groups.append(
        WorkGroup(
            "Referrals awaiting a gateway assessment",
            police_items(user),
            "No referrals are waiting for a gateway assessment.",
        )
    )
    section.groups.append(
        WorkGroup(
            "Information added by referrers",
            referrer_addition_items(user),
            "No referrer has added information in the last 30 days.",
        )
    )
    section.groups.append(WorkGroup("Channel cases", police_cases(user), "No Channel cases are open."))


def _chair(user: User, section: WorkSection) -> None:
    section.link("Panel meetings", "channel:panel-list", Action.VIEW_PANEL_MEETINGS, user)
    lists = chair_items(user)
    section.groups += [
        WorkGroup("Decisions to confirm", lists["decisions_to_confirm"], "No decisions are waiting for you."),
        WorkGroup(
            "Closing reports to complete", lists["closing_reports"], "No closing reports are waiting for you."
        ),
        WorkGroup("The next panel", lists["next_panel"], "No panel meeting is scheduled."),
    ]


def _member(user: User, section: WorkSection) -> None:
    lists = member_items(user)
    section.groups += [
        WorkGroup(
            "Information requests to answer",
            lists["information_requests"],
            "No information requests are waiting for your agency.",
        ),
        WorkGroup("Cases on your next panels", lists["next_panels"], "You are not on a coming panel."),
    ]
    section.link(
        "Information requests", "channel:information-requests", Action.VIEW_INFORMATION_REQUESTS, user
    )


def _analyst(user: User, section: WorkSection) -> None:
    section.link("Partnership statistics", "reporting:statistics", Action.VIEW_STATISTICS, user)
    section.link("Trends by quarter", "reporting:trends", Action.VIEW_STATISTICS, user)
    section.link("National return", "reporting:national-return", Action.VIEW_STATISTICS, user)


def _accounts_awaiting_set_up(user: User) -> list[WorkItem]:
    """Active accounts whose holder has not yet chosen a password (1 query)."""
    from prevent.accounts.models import User as UserModel

    if not can(user, Action.MANAGE_USERS):
        return []
    waiting = UserModel.objects.filter(is_active=True, password__startswith="!").order_by("date_joined", "pk")
    return [
        WorkItem(
            f"{u.full_name} ({u.email})",
            reverse("users:detail", args=[u.pk]),
            "Invitation not yet accepted",
            f"Invited {u.date_joined:%-d %B %Y}",
        )
        for u in waiting[:LIMIT]
    ]


def _locked_accounts(user: User) -> list[WorkItem]:
    """Accounts locked after repeated failed sign-ins, each leading to the
    page where the administrator unlocks it (1 query)."""
    from prevent.accounts.lockouts import locked_users, lockout_from
    from prevent.core.templatetags.govuk_time import govuk_datetime

    if not can(user, Action.MANAGE_USERS):
        return []
    items = []
    for u in locked_users()[:LIMIT]:
        lockout = lockout_from(u)
        until = f"; unlocks by itself {govuk_datetime(lockout.locked_until)}" if lockout.locked_until else ""
        items.append(
            WorkItem(
                f"{u.full_name} ({u.email})",
                reverse("users:unlock", args=[u.pk]),
                "Locked: unlock it",
                f"{lockout.failed_attempts} failed sign-ins{until}",
            )
        )
    return items


def _administrator(user: User, section: WorkSection) -> None:
    section.groups.append(
        WorkGroup(
            "Accounts awaiting set-up", _accounts_awaiting_set_up(user), "Every account has been set up."
        )
    )
    section.groups.append(WorkGroup("Locked accounts", _locked_accounts(user), "No account is locked."))
    section.link("Manage users", "users:list", Action.MANAGE_USERS, user)
    section.link("Manage organisations", "organisations:list", Action.MANAGE_ORGANISATIONS, user)
    section.link("Local area settings", "local-area:detail", Action.EDIT_LOCAL_AREA_SETTINGS, user)


_FILL = {
    Role.PRACTITIONER: _practitioner,
    Role.SPOC: _spoc,
    Role.PREVENT_COORDINATOR: _coordinator,
    Role.POLICE_PREVENT_OFFICER: _police,
    Role.CHANNEL_CHAIR: _chair,
    Role.CHANNEL_MEMBER: _member,
    Role.PARTNERSHIP_ANALYST: _analyst,
    Role.ADMINISTRATOR: _administrator,
}


def work_sections_for(user: User) -> list[WorkSection]:
    """A section for each role the user holds, in the order of Role. Which
    role a section is for decides only its heading: what it lists is asked
    of the policy (and each domain's scoped reads)."""
    sections: list[WorkSection] = []
    for role in Role:
        if role.value not in user.roles:
            continue
        section = WorkSection(role=role.value, title=role.label, description=ROLE_DESCRIPTIONS[role])
        fill = _FILL.get(role)
        if fill is not None:
            fill(user, section)
        for extra in _EXTRA.get(role.value, []):
            extra(user, section)  # nosec B610  # a section filler, not QuerySet.extra
        sections.append(section)
    return sections
