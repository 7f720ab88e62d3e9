"""Every official category of type of concern exists (idempotent).

Adds only the categories that are missing, by code, after the ones there
are; never rewords or restores one a coordinator has renamed or retired.
A copy of prevent.guidance.concern_types.OFFICIAL_CONCERN_TYPES, so this
migration stays as it is when that list changes."""

from typing import Any

from django.db import migrations
from django.db.models import Max

OFFICIAL = [
    ("islamist", "Islamist"),
    ("extreme-right-wing", "Extreme right-wing"),
    ("left-wing-anarchist-single-issue", "Left-wing, anarchist or single-issue"),
    ("conflicted", "Conflicted (more than one ideology)"),
    ("school-massacre", "School massacre"),
    ("incel", "Incel"),
    ("vulnerability-no-ideology", "Vulnerability present but no ideology or counter-terrorism risk"),
    ("no-ideology", "No ideology or counter-terrorism risk"),
    ("other", "Other"),
    ("not-known", "Not known"),
]


def ensure_official_concern_types(apps: Any, schema_editor: Any) -> None:
    ConcernType = apps.get_model("guidance", "ConcernType")
    existing = set(ConcernType.objects.values_list("code", flat=True))
    last = ConcernType.objects.aggregate(last=Max("order"))["last"] or 0
    for code, label in OFFICIAL:
        if code not in existing:
            last += 10
            ConcernType.objects.create(code=code, label=label, order=last)


class Migration(migrations.Migration):
    dependencies = [("guidance", "0002_seed_guidance")]

    operations = [migrations.RunPython(ensure_official_concern_types, migrations.RunPython.noop)]
