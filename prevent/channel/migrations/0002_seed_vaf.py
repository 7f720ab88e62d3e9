"""Seed the Vulnerability Assessment Framework: 3 dimensions, 22 factors
(national Channel Duty Guidance). Kept as versioned data: a panel moves to a
newer framework by adding one, without a code change."""

from django.db import migrations

NAME = "Vulnerability Assessment Framework"
VERSION = "2012"

DIMENSIONS = [
    (
        "engagement",
        "Engagement with a group, cause or ideology",
        [
            "Feelings of grievance and injustice",
            "Feeling under threat",
            "A need for identity, meaning and belonging",
            "A desire for status",
            "A desire for excitement and adventure",
            "A need to dominate and control others",
            "Susceptibility to indoctrination",
            "A desire for political or moral change",
            "Opportunistic involvement",
            "Family and/or friends support extremist offending",
            "Being at a transitional time of life",
            "Being influenced or controlled by a group",
            "Relevant mental health issues",
        ],
    ),
    (
        "intent",
        "Intent to cause harm",
        [
            "Over-identification with a group or ideology",
            "\u201cThem and us\u201d thinking",
            "Dehumanisation of the enemy",
            "Attitudes that justify offending",
            "Harmful means to an end",
            "Harmful objectives",
        ],
    ),
    (
        "capability",
        "Capability to cause harm",
        [
            "Individual knowledge, skills and competencies",
            "Access to networks, funding or equipment",
            "Criminal capability",
        ],
    ),
]


def seed(apps, schema_editor):
    Framework = apps.get_model("channel", "AssessmentFramework")
    Dimension = apps.get_model("channel", "FrameworkDimension")
    Factor = apps.get_model("channel", "FrameworkFactor")
    framework, created = Framework.objects.get_or_create(
        name=NAME, version=VERSION, defaults={"is_current": True}
    )
    if not created:
        return
    number = 0
    for order, (code, name, factors) in enumerate(DIMENSIONS, start=1):
        dimension = Dimension.objects.create(framework=framework, code=code, name=name, order=order)
        for text in factors:
            number += 1
            Factor.objects.create(dimension=dimension, number=number, text=text)


def unseed(apps, schema_editor):
    pass


class Migration(migrations.Migration):
    dependencies = [("channel", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
