"""Channel references and reminders move to core (prevent/core/references.py,
prevent/core/tasks.py): copy each `CaseCounter` into `core.ReferenceCounter`
(so CH- and GW- numbers carry on, never restart at 00001) and each
`last_reminder_on` marker into `core.SentReminder` (so no reminder sent
today is sent again), then drop the old counter and markers."""

from django.db import migrations
from django.utils import timezone

# The reminder names of prevent/channel/reminders.py, by model.
REMINDERS = {
    "InformationRequest": "channel-information-request-overdue",
    "PanelAction": "channel-action-overdue",
    "PostExitReview": "channel-review-overdue",
}


def copy_counters(apps, schema_editor):
    CaseCounter = apps.get_model("channel", "CaseCounter")
    ReferenceCounter = apps.get_model("core", "ReferenceCounter")
    for old in CaseCounter.objects.all():
        new, _ = ReferenceCounter.objects.get_or_create(prefix=old.kind, year=old.year)
        if new.last_number < old.last_number:
            new.last_number = old.last_number
            new.save(update_fields=["last_number"])


def copy_counters_back(apps, schema_editor):
    CaseCounter = apps.get_model("channel", "CaseCounter")
    ReferenceCounter = apps.get_model("core", "ReferenceCounter")
    for counter in ReferenceCounter.objects.filter(prefix__in=["CH", "GW"]):
        CaseCounter.objects.update_or_create(
            kind=counter.prefix, year=counter.year, defaults={"last_number": counter.last_number}
        )


def copy_reminder_markers(apps, schema_editor):
    SentReminder = apps.get_model("core", "SentReminder")
    now = timezone.now()
    for model_name, name in REMINDERS.items():
        model = apps.get_model("channel", model_name)
        for pk, day in model.objects.filter(last_reminder_on__isnull=False).values_list(
            "pk", "last_reminder_on"
        ):
            SentReminder.objects.get_or_create(
                name=name, key=f"{pk}:{day.isoformat()}", defaults={"recipients": 0, "sent_at": now}
            )


def copy_reminder_markers_back(apps, schema_editor):
    SentReminder = apps.get_model("core", "SentReminder")
    for model_name, name in REMINDERS.items():
        model = apps.get_model("channel", model_name)
        for key in SentReminder.objects.filter(name=name).values_list("key", flat=True):
            pk, _, day = key.partition(":")
            model.objects.filter(pk=int(pk)).update(last_reminder_on=day)


class Migration(migrations.Migration):
    dependencies = [
        ("channel", "0003_person_in_people"),
        ("core", "0003_references_notifications_reminders"),
    ]

    operations = [
        migrations.RunPython(copy_counters, copy_counters_back),
        migrations.RunPython(copy_reminder_markers, copy_reminder_markers_back),
        migrations.RemoveConstraint(model_name="casecounter", name="channel_counter_unique"),
        migrations.DeleteModel(name="CaseCounter"),
        migrations.RemoveField(model_name="informationrequest", name="last_reminder_on"),
        migrations.RemoveField(model_name="panelaction", name="last_reminder_on"),
        migrations.RemoveField(model_name="postexitreview", name="last_reminder_on"),
    ]
