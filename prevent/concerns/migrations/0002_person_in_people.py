"""Person moved to the people app (people.0001): state only. The concern's
foreign key is re-pointed and the model leaves this app's state; the table
(`concerns_person`) and its rows stay where they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("concerns", "0001_initial"),
        ("people", "0001_initial"),
        # Channel's foreign keys to Person are re-pointed first.
        ("channel", "0003_person_in_people"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="concern",
                    name="person",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="concerns",
                        to="people.person",
                    ),
                ),
                migrations.DeleteModel(name="Person"),
            ],
            database_operations=[],
        ),
    ]
