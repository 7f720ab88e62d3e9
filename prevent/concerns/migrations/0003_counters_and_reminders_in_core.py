"""References and reminders move to core: copy the concern reference
counters into core.ReferenceCounter (prefix PH) so numbers do not restart,
and each referral's last reminder into core.SentReminder so no reminder
sent today is sent again; then drop the old counter and field."""

from django.db import migrations

REMINDER = "referral-overdue"  # prevent/concerns/reminders.py


def forwards(apps, schema_editor):
    Old = apps.get_model("concerns", "ReferenceCounter")
    New = apps.get_model("core", "ReferenceCounter")
    for old in Old.objects.all():
        new, _ = New.objects.get_or_create(prefix="PH", year=old.year)
        if new.last_number < old.last_number:
            new.last_number = old.last_number
            new.save(update_fields=["last_number"])
    Referral = apps.get_model("concerns", "Referral")
    SentReminder = apps.get_model("core", "SentReminder")
    from django.utils import timezone

    for referral in Referral.objects.exclude(last_reminder_on=None).only("pk", "last_reminder_on"):
        SentReminder.objects.get_or_create(
            name=REMINDER,
            key=f"{referral.pk}:{referral.last_reminder_on.isoformat()}",
            defaults={"recipients": 0, "sent_at": timezone.now()},
        )


def backwards(apps, schema_editor):
    Old = apps.get_model("concerns", "ReferenceCounter")
    New = apps.get_model("core", "ReferenceCounter")
    for new in New.objects.filter(prefix="PH"):
        Old.objects.update_or_create(year=new.year, defaults={"last_number": new.last_number})


class Migration(migrations.Migration):
    dependencies = [
        ("concerns", "0002_person_in_people"),
        ("core", "0003_references_notifications_reminders"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="referral", name="last_reminder_on"),
        migrations.DeleteModel(name="ReferenceCounter"),
    ]
