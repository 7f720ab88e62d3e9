"""Reads for the core pages. "Your work" is built from sections, one per
role the user holds; later features add their lists to each section."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from prevent.accounts.policy import Action, can
from prevent.accounts.roles import ROLE_DESCRIPTIONS, Role


@dataclass
class WorkLink:
    text: str
    href: str


@dataclass
class WorkSection:
    role: str
    title: str
    description: str
    links: list[WorkLink] = field(default_factory=list)
    empty_message: str = "Nothing needs you at the moment."


def work_sections_for(user: Any) -> list[WorkSection]:
    sections: list[WorkSection] = []
    for role in Role:
        if not user.has_role(role):
            continue
        section = WorkSection(role=role.value, title=role.label, description=ROLE_DESCRIPTIONS[role])
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
