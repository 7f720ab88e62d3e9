"""Reads for the core pages. "Your work" is built from sections, one per
role the user holds; later features add their lists to each section."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from prevent.accounts.roles import ROLE_DESCRIPTIONS, Role
from prevent.concerns.work import practitioner_items, spoc_items
from prevent.policy import Action, can


@dataclass
class WorkLink:
    text: str
    href: str


@dataclass
class WorkGroup:
    """A titled list on "Your work" (items are prevent.concerns.work.WorkItem)."""

    title: str
    items: list[Any]
    empty_message: str


@dataclass
class WorkSection:
    role: str
    title: str
    description: str
    links: list[WorkLink] = field(default_factory=list)
    groups: list[WorkGroup] = field(default_factory=list)
    empty_message: str = "Nothing needs you at the moment."


def work_sections_for(user: Any) -> list[WorkSection]:
    sections: list[WorkSection] = []
    for role in Role:
        if not user.has_role(role):
            continue
        section = WorkSection(role=role.value, title=role.label, description=ROLE_DESCRIPTIONS[role])
        if role == Role.PRACTITIONER and can(user, Action.RECORD_CONCERN):
            section.links.append(WorkLink("Record a concern", reverse("concerns:new")))
            section.groups.append(
                WorkGroup("Your concerns", practitioner_items(user), "You have not recorded any concerns.")
            )
        if role == Role.SPOC and can(user, Action.VIEW_TRIAGE_QUEUE):
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
            ]
        if role == Role.ADMINISTRATOR:
            if can(user, Action.MANAGE_USERS):
                section.links.append(WorkLink("Manage users", reverse("users:list")))
            if can(user, Action.MANAGE_ORGANISATIONS):
                section.links.append(WorkLink("Manage organisations", reverse("organisations:list")))
            if can(user, Action.EDIT_LOCAL_AREA_SETTINGS):
                section.links.append(WorkLink("Local area settings", reverse("local-area:detail")))
        if role in (Role.SPOC, Role.PREVENT_COORDINATOR) and can(user, Action.LIST_SELF_ASSESSMENTS):
            section.links.append(WorkLink("Prevent self-assessments", reverse("self_assessment:list")))
        if role == Role.PREVENT_COORDINATOR and can(user, Action.VIEW_SELF_ASSESSMENT_OVERVIEW):
            section.links.append(
                WorkLink("Partnership self-assessment overview", reverse("self_assessment:overview"))
            )
        if role == Role.PREVENT_COORDINATOR and can(user, Action.VIEW_AUDIT_LOG):
            section.links.append(WorkLink("Audit log", reverse("audit:event-list")))
        sections.append(section)
    return sections
