"""Person moved to the people app (people.0001): re-point the foreign keys
in the migration state only. The database already points at the same table
(`concerns_person`), so nothing is run."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("channel", "0002_seed_vaf"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="channelcase",
                    name="person",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="channel_cases",
                        to="people.person",
                    ),
                ),
                migrations.AlterField(
                    model_name="gatewayreferral",
                    name="person",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="gateway_referrals",
                        to="people.person",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
