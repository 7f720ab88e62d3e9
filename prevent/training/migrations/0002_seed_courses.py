"""The courses issue 12 lists (guidance section 13). Coordinators change or
retire them later; nothing here is deleted."""

from django.db import migrations

NATIONAL = "https://www.support-people-at-risk.homeoffice.gov.uk/"
CHANNEL = "https://www.elearning.prevent.homeoffice.gov.uk/channel_awareness/"

# title, kind, mode, refresher months (None: no refresher), link
COURSES = [
    ("Workshop to Raise Awareness of Prevent (WRAP)", "wrap", "face_to_face", 36, ""),
    ("Channel awareness eLearning", "channel_package", "online", 36, CHANNEL),
    ("Prevent awareness", "national", "online", 24, NATIONAL),
    ("Prevent awareness refresher", "national", "online", 24, NATIONAL),
    ("Prevent referrals", "national", "online", 24, NATIONAL),
    ("Prevent referrals refresher", "national", "online", 24, NATIONAL),
    ("Channel or Prevent Multi-Agency Panel (PMAP) awareness", "national", "online", 24, NATIONAL),
    ("Channel or Prevent Multi-Agency Panel (PMAP) awareness refresher", "national", "online", 24, NATIONAL),
    ("Designated safeguarding lead and SPOC training", "lead", "either", 24, ""),
    ("Channel panel chair training", "lead", "either", None, ""),
]


def seed(apps, schema_editor):
    Course = apps.get_model("training", "Course")
    for title, kind, mode, months, link in COURSES:
        Course.objects.get_or_create(
            title=title, defaults={"kind": kind, "mode": mode, "refresher_months": months, "link": link}
        )


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
