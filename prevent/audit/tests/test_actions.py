"""Audit action names are registered (issue 9, point 7): record_event refuses
an unregistered name, and every action name written in the code base is in
the registry (prevent/audit/actions.py)."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from prevent.audit import actions
from prevent.audit.actions import UnknownAuditAction
from prevent.audit.models import AuditEvent, action_label
from prevent.audit.services import record_event

ROOT = Path(__file__).resolve().parents[2]  # prevent/
AUDIT_KEYWORDS = {"action", "audit_action"}
NOT_AUDIT_CALLS = {"add_argument", "AuditFilters"}  # argparse; the viewer's own filter


def _names_in(value: ast.expr) -> list[str | None]:
    """The action names an `action=` argument can take: a literal, either
    branch of `a if c else b`; None for anything dynamic (an f-string)."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return [value.value] if value.value else []  # "": no action (a filter's default)
    if isinstance(value, ast.IfExp):
        return _names_in(value.body) + _names_in(value.orelse)
    if isinstance(value, ast.JoinedStr):
        return [None]
    return []  # a variable or attribute: its literal is checked where it is written


def action_literals() -> dict[str, list[str]]:
    """Every action name literal passed as `action=` / `audit_action=` in the
    code (tests and migrations aside), with where it is; "<dynamic>" for an
    f-string, which the registry cannot check."""
    found: dict[str, list[str]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        if {"tests", "migrations"} & set(path.parts):
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                callee = (
                    node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                )
                if callee in NOT_AUDIT_CALLS:
                    continue
                for keyword in node.keywords:
                    if keyword.arg in AUDIT_KEYWORDS:
                        for name in _names_in(keyword.value):
                            where = f"{path.relative_to(ROOT.parent)}:{keyword.value.lineno}"
                            found.setdefault(name or "<dynamic>", []).append(where)
            # Defaults such as Reminder's `audit_action: str = "reminder_sent"`.
            if (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and node.target.id in AUDIT_KEYWORDS
                and node.value is not None
            ):
                for literal in _names_in(node.value):
                    where = f"{path.relative_to(ROOT.parent)}:{node.lineno}"
                    found.setdefault(literal or "<dynamic>", []).append(where)
    return found


def test_the_scan_finds_the_action_literals() -> None:
    """The safety net below looks where it should (and cannot pass empty)."""
    found = action_literals()
    assert "self_assessment_submitted" in found
    assert "audit_log_viewed" in found
    assert "reminder_sent" in found  # prevent/core/tasks.py Reminder's default
    assert "signed_in" in found and "sign_in_failed" in found  # both branches of `a if c else b`


def test_every_action_name_in_the_code_is_registered() -> None:
    found = action_literals()
    missing = {name: where for name, where in found.items() if not actions.is_registered(name)}
    assert missing == {}, (
        "Register these in prevent/audit/actions.py (or write the name out, not an f-string)"
    )


@pytest.mark.django_db
def test_an_unregistered_action_is_refused_and_nothing_is_written() -> None:
    with pytest.raises(UnknownAuditAction, match="self_asessment_submitted"), transaction.atomic():
        record_event(actor=None, action="self_asessment_submitted", summary="A typo")
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_a_registered_action_is_recorded() -> None:
    with transaction.atomic():
        event = record_event(actor=None, action="self_assessment_submitted", summary="Submitted")
    assert event.action_label == "Self-assessment submitted"


def test_labels_come_from_the_registry_and_old_names_still_read() -> None:
    assert action_label("channel_vaf_recorded") == "Vulnerability assessment recorded"
    assert action_label("long_gone_thing") == "Long gone thing"


@pytest.mark.parametrize("name", ["", "Has_Capitals", "has space", "x" * 65, "1starts_with_digit"])
def test_a_malformed_name_cannot_be_registered(name: str) -> None:
    with pytest.raises(ValueError, match="lower case"):
        actions.register("Tests", {name: "Label"})


def test_a_name_cannot_be_registered_twice_with_other_words(test_actions: Any) -> None:
    actions.register("Prevent self-assessment", {"self_assessment_submitted": "Self-assessment submitted"})
    with pytest.raises(ValueError, match="already registered"):
        actions.register("Tests", {"self_assessment_submitted": "Something else"})


def test_every_domain_groups_its_actions() -> None:
    groups = dict(actions.by_domain())
    assert {"Accounts and sign-in", "Prevent self-assessment", "Police gateway and Channel"} <= set(groups)
    assert sum(len(g) for g in groups.values()) == len(actions.registered())
