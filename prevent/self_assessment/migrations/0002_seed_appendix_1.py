"""Version 1 of the self-assessment template: Appendix 1 of the Oxfordshire
Prevent practice guidance, word for word (including its own wording slips,
such as "are explicit the organisation's"). A test compares it with the
guidance text."""

from django.db import migrations
from django.utils import timezone

APPENDIX_1 = [
    (
        "Clear leadership and accountable structures are in place and visible throughout the organisation",
        [
            ("There is an identified strategic Prevent lead within the organisation", "has_spoc"),
            ("The strategic lead understands the expectations and key priorities to deliver Prevent", ""),
            ("The Senior Leadership Team are aware of the Prevent Strategy and its objectives", ""),
            (
                "There is a clear awareness of roles and responsibilities throughout the organisation regarding Prevent",
                "",
            ),
            (
                "Prevent safeguarding responsibilities are explicit the organisation's Safeguarding policies and procedures",
                "",
            ),
            (
                "The Prevent agenda and its objectives has been embedded within the appropriate Safeguarding processes",
                "",
            ),
        ],
    ),
    (
        "Workforce and the Management have been appropriately trained according to their role. All staff consider the risks of radicalisation and extremism in the course of their work.",
        [
            (
                "Staff have received appropriate training and are aware of the risks of radicalisation to adults with care and support needs",
                "training",
            ),
            (
                "A training plan is in place to include Workshop to Raise Awareness of Prevent (WRAP) training and NCALT Channel Awareness online package https://tinyurl.com/q6lc238 so that key staff and Management understand the risk of radicalisation and extremism and know how to recognise and refer children, young people and adults who may be vulnerable",
                "",
            ),
            (
                "Details of WRAP courses including frequency and availability are cascaded to all relevant staff",
                "",
            ),
            (
                "Further training on the Prevent agenda is made available to the Strategic Prevent lead and Safeguarding leads where appropriate",
                "",
            ),
            (
                "There is appropriate staff guidance and literature available to staff on the Prevent agenda",
                "",
            ),
            (
                "All staff are alert to the risk of radicalisation as they carry out their duties and are familiar with the risks and vulnerabilities of radicalisation and how this may impact upon the individuals they are working with",
                "",
            ),
        ],
    ),
    (
        "An appropriate reporting and referral process is in place and referrals are being managed effectively",
        [
            (
                "A single point of contact [SPOC] for any Prevent concerns raised by the workforce within the setting has been identified",
                "has_spoc",
            ),
            (
                "An appropriate reporting and referral process has been developed and is embedded alongside safeguarding practice and procedures",
                "",
            ),
            ("An audit trail for notification reports/referrals exists", "audit_trail"),
            ("Prevent referrals/notifications are being managed or overseen by relevant staff", "referrals"),
            ("A process is in place to identify and develop 'lessons learnt'", ""),
        ],
    ),
    (
        "A broad and balanced curriculum / service approach that helps protect individuals against extremism and promotes community cohesion",
        [
            (
                "The organisation has an assessment approach, range of initiatives and activities that promote the spiritual, moral, social and emotional needs of individuals using the service and is aimed at protecting them from radicalisation and extremist influences",
                "",
            ),
            (
                "Where appropriate IT filtering has been established to stop internet access to extremist material",
                "",
            ),
            (
                "Individuals using the service are aware of the benefits of community cohesion and the damaging effects of extremism on community relations",
                "",
            ),
            (
                "Where appropriate organisations ensure that Guest speakers and outside visits are appropriate and are appropriately supervised",
                "",
            ),
            (
                "Staff are able to provide appropriate challenge to colleagues, students, those using the service clients, parents or management if opinions are expressed that are contrary to fundamental British values and promotion of community cohesion",
                "",
            ),
        ],
    ),
]


def seed(apps, schema_editor):
    TemplateVersion = apps.get_model("self_assessment", "TemplateVersion")
    Objective = apps.get_model("self_assessment", "Objective")
    Statement = apps.get_model("self_assessment", "Statement")
    if TemplateVersion.objects.exists():
        return
    version = TemplateVersion.objects.create(
        number=1,
        published_at=timezone.now(),
        notes="Appendix 1 of the Oxfordshire Prevent practice guidance",
    )
    for number, (title, statements) in enumerate(APPENDIX_1, start=1):
        objective = Objective.objects.create(version=version, number=number, title=title)
        for position, (text, source) in enumerate(statements, start=1):
            Statement.objects.create(
                objective=objective,
                key=f"{number}.{position}",
                position=position,
                text=text,
                evidence_source=source,
            )


class Migration(migrations.Migration):
    dependencies = [("self_assessment", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
