"""Copy what the old reminder command sent (ReminderSent) into
core.SentReminder, under the names of the reminders in
prevent/self_assessment/reminders.py, so nothing is sent again."""

from django.db import migrations

NAMES = {"review_due": "self-assessment-review-due", "action_overdue": "self-assessment-action-overdue"}


def copy_forward(apps, schema_editor):
    ReminderSent = apps.get_model("self_assessment", "ReminderSent")
    SentReminder = apps.get_model("core", "SentReminder")
    for sent in ReminderSent.objects.order_by("pk").iterator():
        SentReminder.objects.get_or_create(
            name=NAMES[sent.kind],
            key=sent.dedupe_key,
            defaults={"recipients": sent.recipients, "sent_at": sent.sent_at},
        )


def copy_back(apps, schema_editor):
    SentReminder = apps.get_model("core", "SentReminder")
    ReminderSent = apps.get_model("self_assessment", "ReminderSent")
    Assessment = apps.get_model("self_assessment", "Assessment")
    kinds = {name: kind for kind, name in NAMES.items()}
    for sent in SentReminder.objects.filter(name__in=kinds).order_by("pk").iterator():
        # review:<assessment pk>:<date>; action:<action pk>:<date>
        prefix, pk, day = sent.key.split(":")
        if prefix == "review":
            assessment = Assessment.objects.filter(pk=pk).first()
        else:
            assessment = Assessment.objects.filter(actions__pk=pk).first()
        if assessment is None:
            continue
        ReminderSent.objects.get_or_create(
            dedupe_key=sent.key,
            defaults={
                "kind": kinds[sent.name],
                "assessment": assessment,
                "recipients": sent.recipients,
                "sent_on": day,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("self_assessment", "0002_seed_appendix_1"),
        ("core", "0003_references_notifications_reminders"),
    ]

    operations = [migrations.RunPython(copy_forward, copy_back)]
