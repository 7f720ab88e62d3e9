"""The API's operations (/api/v1/). Each is a thin view over the domain's
own rules, scopes and services, asked as the caller's user:

- lists are `scoped(user, Action.X)` (behind the list-level rule where the
  pages have one), in the order records changed (`updated_after`, cursor);
- one record is `access_<entity>(user, pk)`: 404 when missing or out of scope;
- reads that show a person are audited as the pages audit them (the same
  read services for one record; `api_records_read` for a list);
- a new concern goes through the concern forms and services (intake.py).

A token narrows its user's rights to its scopes (permissions.TokenScopes)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from prevent.channel.models import ChannelCase, GatewayAssessment, GatewayReferral
from prevent.channel.services import case_list_viewed, case_viewed, gateway_referral_viewed
from prevent.concerns.models import Concern, Referral, ReferralUpdate
from prevent.concerns.services import concern_viewed
from prevent.policy import Action, access, require, scoped
from prevent.reporting.forms import PeriodForm
from prevent.reporting.services import statistics_exported
from prevent.reporting.statistics import DISTRICTS
from prevent.reporting.suppression import threshold
from prevent.reporting.tables import Figure, ShownTable, district_label, period_tables
from prevent.self_assessment.models import Assessment
from prevent.training.models import Completion

from . import serializers as S
from .intake import ConcernRejected, concern_record
from .models import TokenScope
from .services import api_records_read
from .throttling import LimitedAuthentication

UPDATED_AFTER = OpenApiParameter(
    "updated_after",
    OpenApiTypes.DATETIME,
    description="Only records changed after this time (ISO 8601), for syncing.",
)
PK = OpenApiParameter(
    "id", {"type": "integer", "minimum": 1, "maximum": 999999999999999999}, OpenApiParameter.PATH
)
EARLIEST, LATEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC), dt.datetime(2200, 1, 1, tzinfo=dt.UTC)


def _updated_after(request: Request) -> dt.datetime | None:
    raw = request.query_params.get("updated_after")
    if raw is None:
        return None
    try:
        when = parse_datetime(raw)
    except ValueError:
        when = None
    if when is not None and timezone.is_naive(when):
        when = timezone.make_aware(when)
    if when is None or not EARLIEST <= when <= LATEST:
        raise ApiValidationError(
            {"updated_after": ["Enter a date and time between 1900 and 2200, like 2026-03-27T14:05:00Z"]}
        )
    return when


class RecordsView(LimitedAuthentication, generics.GenericAPIView[Any]):
    """What a list and one record of an entity share: the records, the
    caller's scope and the audited reads."""

    read_scope: ClassVar[str] = ""
    scope_action: ClassVar[Action]
    # The list-level rule the pages ask (None: the scope alone).
    list_action: ClassVar[Action | None] = None

    def records(self) -> QuerySet[Any]:
        raise NotImplementedError

    def audit_list(self, records: list[Any]) -> None:
        """The list shows people: audited as the pages do (override)."""

    def audit_one(self, record: Any) -> None:
        """One record that shows a person: the pages' read service (override)."""

    def get_queryset(self) -> QuerySet[Any]:
        return scoped(self.request.user, self.scope_action, self.records())


class ListView(RecordsView, generics.ListAPIView[Any]):
    @extend_schema(parameters=[UPDATED_AFTER])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if self.list_action is not None:
            require(request.user, self.list_action)
        queryset = self.get_queryset()
        after = _updated_after(request)
        if after is not None:
            queryset = queryset.filter(api_updated__gt=after)
        page = self.paginate_queryset(queryset)
        records = list(page) if page is not None else list(queryset)
        self.audit_list(records)
        return self.get_paginated_response(self.get_serializer(records, many=True).data)


class DetailView(RecordsView, generics.RetrieveAPIView[Any]):
    @extend_schema(parameters=[PK])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        record = access(request.user, self.scope_action, kwargs.get("pk"), self.records())
        self.audit_one(record)
        return Response(self.get_serializer(record).data)


def _latest(queryset: QuerySet[Any], field: str) -> Subquery:
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1])


class Concerns(RecordsView):
    """Concerns the caller may see (their own, their organisation's as its
    SPOC, those referred to police Prevent for police Prevent), with their
    referrals and outcomes; POST records a new concern."""

    read_scope = TokenScope.CONCERNS_READ
    scope_action = Action.VIEW_CONCERN
    serializer_class = S.ConcernSerializer

    def records(self) -> QuerySet[Concern]:
        updates = ReferralUpdate.objects.filter(referral__concern=OuterRef("pk"))
        referrals = Referral.objects.filter(concern=OuterRef("pk"))
        return (
            Concern.objects.select_related("person")
            .prefetch_related("referrals")
            .annotate(
                api_updated=Greatest(
                    F("updated_at"),
                    Coalesce(_latest(updates, "changed_at"), F("updated_at")),
                    Coalesce(_latest(referrals, "created_at"), F("updated_at")),
                )
            )
        )

    def audit_list(self, records: list[Any]) -> None:
        api_records_read(
            actor=self.request.user,
            action=self.scope_action,
            records=[c for c in records if c.person_id is not None],
            operation="concerns",
        )

    def audit_one(self, record: Any) -> None:
        concern_viewed(actor=self.request.user, concern=record)


class GatewayReferrals(RecordsView):
    """Referrals at the police gateway and their gateway outcomes (police Prevent)."""

    read_scope = TokenScope.GATEWAY_READ
    scope_action = Action.VIEW_GATEWAY_REFERRAL
    list_action = Action.VIEW_GATEWAY_QUEUE
    serializer_class = S.GatewayReferralSerializer

    def records(self) -> QuerySet[GatewayReferral]:
        assessments = GatewayAssessment.objects.filter(gateway_referral=OuterRef("pk"))
        return (
            GatewayReferral.objects.select_related("person", "referral__concern")
            .prefetch_related("assessments")
            .annotate(
                api_updated=Greatest(
                    F("created_at"), Coalesce(_latest(assessments, "assessed_at"), F("created_at"))
                )
            )
        )

    def audit_list(self, records: list[Any]) -> None:
        api_records_read(
            actor=self.request.user, action=self.scope_action, records=records, operation="gateway referrals"
        )

    def audit_one(self, record: Any) -> None:
        gateway_referral_viewed(actor=self.request.user, gateway=record)


class ChannelCases(RecordsView):
    """Channel cases, for the roles that see them (a panel member: the cases
    on the agenda of a meeting they sit on)."""

    read_scope = TokenScope.CHANNEL_READ
    scope_action = Action.VIEW_CHANNEL_CASE
    list_action = Action.VIEW_CHANNEL_CASES
    serializer_class = S.ChannelCaseSerializer

    def records(self) -> QuerySet[ChannelCase]:
        return ChannelCase.objects.select_related("person", "gateway_referral").annotate(
            api_updated=F("updated_at")
        )

    def audit_list(self, records: list[Any]) -> None:
        case_list_viewed(actor=self.request.user, cases=records)

    def audit_one(self, record: Any) -> None:
        case_viewed(actor=self.request.user, case=record)


class SelfAssessments(RecordsView):
    read_scope = TokenScope.SELF_ASSESSMENT_READ
    scope_action = Action.VIEW_SELF_ASSESSMENT
    list_action = Action.LIST_SELF_ASSESSMENTS
    serializer_class = S.SelfAssessmentSerializer

    def records(self) -> QuerySet[Assessment]:
        return Assessment.objects.annotate(api_updated=F("updated_at"))


class TrainingCompletions(RecordsView):
    """The caller's own training completions, and their organisation's as its SPOC."""

    read_scope = TokenScope.TRAINING_READ
    scope_action = Action.VIEW_TRAINING_COMPLETION
    serializer_class = S.TrainingCompletionSerializer

    def records(self) -> QuerySet[Completion]:
        return Completion.objects.select_related("course").annotate(
            api_updated=Coalesce(F("decided_at"), F("recorded_at"))
        )


class ConcernList(Concerns, ListView):
    write_scope = TokenScope.CONCERNS_WRITE

    @extend_schema(
        request=S.ConcernCreateSerializer,
        responses={201: S.ConcernSerializer},
        summary="Record a concern",
    )
    def post(self, request: Request) -> Response:
        body = S.ConcernCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            concern = concern_record(
                actor=request.user,
                emergency=body.validated_data["emergency"],
                steps=body.validated_data["steps"],
            )
        except ConcernRejected as rejected:
            return Response(rejected.errors, status=status.HTTP_400_BAD_REQUEST)
        created = self.records().get(pk=concern.pk)
        return Response(self.get_serializer(created).data, status=status.HTTP_201_CREATED)


class ConcernDetail(Concerns, DetailView):
    pass


class GatewayReferralList(GatewayReferrals, ListView):
    pass


class GatewayReferralDetail(GatewayReferrals, DetailView):
    pass


class ChannelCaseList(ChannelCases, ListView):
    pass


class ChannelCaseDetail(ChannelCases, DetailView):
    pass


class SelfAssessmentList(SelfAssessments, ListView):
    pass


class SelfAssessmentDetail(SelfAssessments, DetailView):
    pass


class TrainingCompletionList(TrainingCompletions, ListView):
    pass


class TrainingCompletionDetail(TrainingCompletions, DetailView):
    pass


STATISTICS_PARAMETERS = [
    OpenApiParameter(
        "year",
        {"type": "integer", "minimum": 1900, "maximum": 2200},
        description="The financial year (starting 1 April of this year), one of the last six; "
        "the current one when omitted.",
    ),
    OpenApiParameter(
        "quarter",
        {"type": "integer", "enum": [1, 2, 3, 4]},
        description="1 April to June, 2 July to September, 3 October to December, 4 January to March; "
        "the whole year when omitted.",
    ),
    OpenApiParameter(
        "district",
        {"type": "string", "enum": [key for key, _ in DISTRICTS]},
        description="One district; all districts when omitted.",
    ),
]


def _shown_table(table: ShownTable) -> dict[str, Any]:
    def figure(f: Figure) -> dict[str, Any]:
        return {
            "value": f.shown.value,  # None when hidden: the true count never leaves suppression
            "text": f.text,
            "suppressed": "primary" if f.shown.primary else "secondary" if f.hidden else None,
            "note": table.notes[f.note - 1] if f.note else None,
        }

    return {
        "slug": table.slug,
        "title": table.title,
        "caption": table.caption,
        "unit": table.unit,
        "columns": table.columns,
        "rows": [
            {"label": r.label, "total": r.total, "share": r.share, "figures": [figure(f) for f in r.figures]}
            for r in table.rows
        ],
        "notes": table.notes,
    }


class Statistics(LimitedAuthentication, APIView):
    """The partnership's statistics for a period and district: the same
    suppressed tables as the statistics page and its CSV (prevent/reporting),
    behind the same rule, each read audited as a CSV export is."""

    read_scope = TokenScope.STATISTICS_READ

    @extend_schema(parameters=STATISTICS_PARAMETERS, responses={200: S.StatisticsSerializer})
    def get(self, request: Request) -> Response:
        require(request.user, Action.VIEW_STATISTICS)
        form = PeriodForm(request.query_params or None)
        if form.is_bound and not form.is_valid():
            raise ApiValidationError({name: list(errors) for name, errors in form.errors.items()})
        period, district = form.chosen_period(), form.chosen_district()
        tables = period_tables(period, district)
        statistics_exported(actor=request.user, kind="api", period=period, district=district)
        body = {
            "period": {"year": period.year, "quarter": period.quarter, "label": period.label},
            "district": district,
            "district_name": district_label(district),
            "threshold": threshold(),
            "tables": [_shown_table(t) for t in tables],
        }
        return Response(S.StatisticsSerializer(body).data)
