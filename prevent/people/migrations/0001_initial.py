"""Person moves from the concerns app: state only, the table stays
(`concerns_person`, see Person.Meta.db_table) and no row is copied."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("concerns", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Person",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("full_name", models.CharField(max_length=200)),
                        ("other_names", models.CharField(blank=True, max_length=300)),
                        ("date_of_birth", models.DateField(blank=True, null=True)),
                        ("address", models.TextField(blank=True)),
                        ("postcode", models.CharField(blank=True, max_length=12)),
                        ("name_key", models.CharField(db_index=True, max_length=200)),
                        ("postcode_key", models.CharField(blank=True, db_index=True, max_length=12)),
                        ("address_key", models.CharField(blank=True, max_length=300)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "created_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={"db_table": "concerns_person", "ordering": ["full_name", "pk"]},
                ),
            ],
            database_operations=[],
        ),
    ]
