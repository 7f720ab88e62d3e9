"""Type of concern: the categories of the Home Office's official statistics
("Individuals referred to and supported through the Prevent programme", recent
releases), kept as data (`ConcernType`).

A Prevent Coordinator may add a local type, rename any type and retire one
(prevent/guidance/services.py); a type is deleted only when it is not one of
the official categories and no record uses it. In the national return a
local type counts as "Other" (`official_concern_type_label`).

Where it is recorded: the practitioner may give it on the concern form (the
optional "Type of concern" step, "Not known" offered), since they should not
have to classify an ideology; the SPOC confirms or sets it when recording the
triage decision or closing the concern (prevent/concerns/services/triage.py)."""

from __future__ import annotations

# (code, the official statistics' wording), in the statistics' order. Seeded
# by the guidance migrations 0002 and 0003 (which keep their own copies).
OFFICIAL_CONCERN_TYPES: list[tuple[str, str]] = [
    ("islamist", "Islamist"),
    ("extreme-right-wing", "Extreme right-wing"),
    ("left-wing-anarchist-single-issue", "Left-wing, anarchist or single-issue"),
    ("conflicted", "Conflicted"),
    ("school-massacre", "School massacre"),
    ("incel", "Incel"),
    ("vulnerability-no-ideology", "Vulnerability present but no ideology or counter-terrorism risk"),
    ("no-ideology", "No ideology or counter-terrorism risk"),
    ("other", "Other"),
    ("not-known", "Not known"),
]
OFFICIAL_CONCERN_TYPE_LABELS: dict[str, str] = dict(OFFICIAL_CONCERN_TYPES)
NOT_KNOWN_CODE = "not-known"


def is_official_concern_type(code: str) -> bool:
    return code in OFFICIAL_CONCERN_TYPE_LABELS


def official_concern_type_label(code: str | None) -> str:
    """The official category of a type of concern's code: its own for an
    official type, "Other" for a local one, "Not known" for none."""
    if not code:
        return OFFICIAL_CONCERN_TYPE_LABELS[NOT_KNOWN_CODE]
    return OFFICIAL_CONCERN_TYPE_LABELS.get(code, OFFICIAL_CONCERN_TYPE_LABELS["other"])
