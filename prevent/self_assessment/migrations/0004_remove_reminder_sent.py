from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("self_assessment", "0003_copy_sent_reminders_to_core"),
    ]

    operations = [
        migrations.DeleteModel(
            name="ReminderSent",
        ),
    ]
