"""Decision 0015: an event's personal fields (summary, changes) can be erased
when the records it is about are disposed of, and the chain still verifies.
New columns (all nullable, so existing events keep hash version 1 and verify
as before), and the append-only triggers replaced by ones that allow that one
erasing UPDATE."""

from django.db import migrations, models

# The one UPDATE the table accepts (decision 0015): erasing an event's
# personal fields, once, by an erasure event, leaving every other column as
# it was. DELETE and TRUNCATE stay refused. The words of the erased summary
# are prevent.audit.models.ERASED_SUMMARY (copied: a migration keeps its own).
ERASED_SUMMARY = "Details erased when the records were disposed of"
UNCHANGED = (
    "id",
    "occurred_at",
    "actor_id",
    "actor_label",
    "actor_organisation_id",
    "actor_organisation_label",
    "actor_roles",
    "action",
    "object_type",
    "object_id",
    "request_id",
    "ip_address",
    "previous_hash",
    "hash",
    "hash_version",
)
SQLITE_ERASURE = (
    "OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL AND NEW.erased_by_event_id IS NOT NULL"
    " AND OLD.personal_digest IS NULL AND NEW.personal_digest IS NOT NULL AND NEW.personal_salt IS NULL"
    f" AND NEW.summary = '{ERASED_SUMMARY}' AND NEW.changes = '{{}}' AND "
    + " AND ".join(f"NEW.{column} IS OLD.{column}" for column in UNCHANGED)
)
SQLITE_FORWARD = [
    f"""CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
       WHEN NOT ({SQLITE_ERASURE})
       BEGIN SELECT RAISE(ABORT, 'audit_auditevent is append-only: UPDATE refused'); END;""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit_auditevent is append-only: DELETE refused'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_event_no_update;",
    "DROP TRIGGER IF EXISTS audit_event_no_delete;",
]
PG_ERASURE = (
    "OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL AND NEW.erased_by_event_id IS NOT NULL"
    " AND OLD.personal_digest IS NULL AND NEW.personal_digest IS NOT NULL AND NEW.personal_salt IS NULL"
    f" AND NEW.summary = '{ERASED_SUMMARY}' AND NEW.changes = '{{}}'::jsonb AND "
    + " AND ".join(f"NEW.{column} IS NOT DISTINCT FROM OLD.{column}" for column in UNCHANGED)
)
PG_FORWARD = f"""
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent;
CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_auditevent is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION audit_event_erase_only() RETURNS trigger AS $$
BEGIN
    IF {PG_ERASURE} THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_auditevent is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_event_append_only
    BEFORE DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
CREATE TRIGGER audit_event_erase_only
    BEFORE UPDATE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_erase_only();
"""
# 0002's triggers, for going back.
PG_PREVIOUS = """
DROP TRIGGER IF EXISTS audit_event_erase_only ON audit_auditevent;
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_erase_only();
CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
"""
SQLITE_PREVIOUS = [
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit_auditevent is append-only: UPDATE refused'); END;""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit_auditevent is append-only: DELETE refused'); END;""",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)
    elif vendor == "sqlite":
        for statement in [*SQLITE_REVERSE, *SQLITE_FORWARD]:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_PREVIOUS, params=None)
    elif vendor == "sqlite":
        for statement in [*SQLITE_REVERSE, *SQLITE_PREVIOUS]:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_append_only_triggers"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="erased_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="erased_by_event_id",
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash_version",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="personal_digest",
            field=models.CharField(blank=True, max_length=64, null=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="personal_salt",
            field=models.CharField(blank=True, max_length=32, null=True),
        ),
        migrations.RunPython(forwards, backwards),
    ]
