"""What the API returns: read-only shapes, one per record, plus the body of
a new concern. People appear as id, name and date of birth only."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


class PersonSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)


class ReferralSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    destination = serializers.CharField()
    destination_detail = serializers.CharField()
    sent_on = serializers.DateField()
    method = serializers.CharField()
    status = serializers.CharField()
    outcome = serializers.CharField()
    outcome_received_on = serializers.DateField(allow_null=True)


class ConcernSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    reference = serializers.CharField(allow_null=True)
    status = serializers.CharField()
    organisation_id = serializers.IntegerField()
    raised_by_id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    updated = serializers.DateTimeField(source="api_updated")
    emergency = serializers.CharField()
    person = PersonSerializer(allow_null=True)
    what_happened = serializers.CharField()
    observed_on = serializers.DateField(allow_null=True)
    location = serializers.CharField()
    referrals = ReferralSerializer(many=True)


class ConcernCreateSerializer(serializers.Serializer[Any]):
    emergency = serializers.ChoiceField(
        choices=["yes", "no"],
        help_text="Is there information that a violent act is imminent, or that weapons are held?",
    )
    steps = serializers.DictField(
        child=serializers.DictField(child=serializers.JSONField()),
        help_text=(
            "The answers of each step of the concern form, by step slug (person, support, concern, "
            "factors, influences, concern-type; emergency-call after yes): each the fields of the "
            "step's page as form data, a string or a list of strings per field (dates as "
            "<field>_day, <field>_month, <field>_year). Validated by the same forms as the pages."
        ),
    )


class GatewayAssessmentSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    outcome = serializers.CharField()
    signposted_to = serializers.CharField()
    assessed_at = serializers.DateTimeField()


class GatewayReferralSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    source = serializers.CharField()
    status = serializers.CharField()
    received_on = serializers.DateField()
    created_at = serializers.DateTimeField()
    updated = serializers.DateTimeField(source="api_updated")
    concern_reference = serializers.CharField(
        allow_null=True, source="referral.concern.reference", default=None
    )
    person = PersonSerializer()
    assessments = GatewayAssessmentSerializer(many=True)


class ChannelCaseSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    status = serializers.CharField()
    opened_at = serializers.DateTimeField()
    exited_on = serializers.DateField(allow_null=True)
    updated = serializers.DateTimeField(source="api_updated")
    gateway_reference = serializers.CharField(source="gateway_referral.reference")
    person = PersonSerializer()


class SelfAssessmentSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    organisation_id = serializers.IntegerField()
    status = serializers.CharField()
    assessed_on = serializers.DateField()
    review_due_on = serializers.DateField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    updated = serializers.DateTimeField(source="api_updated")


class TrainingCompletionSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    user_id = serializers.IntegerField()
    organisation_id = serializers.IntegerField()
    course = serializers.CharField(source="course.title")
    completed_on = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    source = serializers.CharField()
    status = serializers.CharField()
    updated = serializers.DateTimeField(source="api_updated")


class ErrorSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()


class StatisticsFigureSerializer(serializers.Serializer[Any]):
    """One cell. A suppressed cell never carries its count: `value` is null,
    `text` is the marker ("fewer than 5" or "withheld") and `note` the
    footnote's reason."""

    value = serializers.IntegerField(allow_null=True, help_text="The count; null when suppressed")
    text = serializers.CharField(help_text="As the statistics page shows it")
    suppressed = serializers.ChoiceField(
        choices=["primary", "secondary"],
        allow_null=True,
        help_text="primary: fewer than the threshold; secondary: withheld so that it cannot be worked out",
    )
    note = serializers.CharField(allow_null=True, help_text="Why the figure is not shown")


class StatisticsRowSerializer(serializers.Serializer[Any]):
    label = serializers.CharField()
    total = serializers.BooleanField()
    share = serializers.CharField(help_text="Of the period's total; empty when a figure is suppressed")
    figures = StatisticsFigureSerializer(many=True)


class StatisticsTableSerializer(serializers.Serializer[Any]):
    slug = serializers.CharField()
    title = serializers.CharField()
    caption = serializers.CharField()
    unit = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = StatisticsRowSerializer(many=True)
    notes = serializers.ListField(child=serializers.CharField())


class StatisticsPeriodSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField(help_text="The financial year starts on 1 April of this year")
    quarter = serializers.IntegerField(allow_null=True, min_value=1, max_value=4)
    label = serializers.CharField()


class StatisticsSerializer(serializers.Serializer[Any]):
    period = StatisticsPeriodSerializer()
    district = serializers.CharField(allow_null=True)
    district_name = serializers.CharField()
    threshold = serializers.IntegerField(help_text="Counts from 1 to threshold - 1 are never shown")
    tables = StatisticsTableSerializer(many=True)
