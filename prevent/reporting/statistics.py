"""The partnership's statistics (guidance sections 4 and 6), counted in the
database with aggregate queries and passed through prevent.reporting.suppression.

Each table is counted for a whole financial year as a cube: its categories x
the districts x the four quarters, one GROUP BY query (two or four for the
Channel table, one per line). Every page, export and chart slices the same
protected cube, so what one view shows never uncovers what another hides.

Where a record belongs:
- concerns: submitted in the period, in the district of the organisation
  that raised them;
- referrals: referrals to police Prevent, by the day sent, through the concern;
- triage decisions: by the day decided; gateway outcomes: by the day
  assessed; consent: the day obtained; Channel: the panel's date, the day
  the chair confirmed an adoption, the day a case exited;
- post-exit reviews: by the day due (only reviews already due);
- a gateway referral from outside the system, and the case it led to,
  belongs to "County-wide".

Indexes these queries rely on: concerns_concern (organisation, status,
submitted_at); concerns_referral sent_on (ordering, and the destination
filter); channel_channelcase (status, opened_at); the foreign keys of each
table (Django indexes them). docs/decisions/0014-partnership-statistics.md.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics as pystats
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, CharField, Count, F, IntegerField, Min, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from prevent.channel.models import (
    AgendaItem,
    AgendaKind,
    ChannelCase,
    ConsentOutcome,
    ConsentRecord,
    DecisionOutcome,
    GatewayAssessment,
    GatewayOutcome,
    PanelDecision,
    PostExitReview,
    ReviewOutcome,
)
from prevent.concerns.demographics import ETHNIC_GROUPS, AgeGroup, Ethnicity, age_group_expression
from prevent.concerns.models import (
    Concern,
    ConcernStatus,
    Referral,
    ReferralDestination,
    TriageDecision,
    YesNoNotKnown,
)
from prevent.core import clock
from prevent.core.models import OFFICIAL_SECTOR_LABELS, District, Sector
from prevent.guidance.models import ConcernType

from .periods import Period, midnight
from .suppression import Cube, protect_cube

DISTRICTS: list[tuple[str, str]] = [(str(v), str(label)) for v, label in District.choices]
COUNTY = DISTRICTS[-1][0] if DISTRICTS[-1][0] == District.COUNTY_WIDE else District.COUNTY_WIDE.value
NOT_KNOWN = "not_known"

GENDERS = [("male", "Male"), ("female", "Female"), ("other_not_known", "Other or not known")]
PYRAMID = [(1, "Level 1"), (2, "Level 2"), (3, "Level 3"), (4, "Level 4")]


@dataclass(frozen=True)
class Category:
    key: Any
    label: str


@dataclass
class Line:
    """One query giving counts by (category, district, quarter)."""

    queryset: Callable[[Period], QuerySet[Any]]
    date_field: str
    district: str
    category: Any  # an expression, or a constant key (for one-line queries)
    datetime: bool = True


@dataclass
class TableSpec:
    slug: str
    title: str
    caption: str
    categories: Callable[[], list[Category]]
    lines: list[Line]
    summable: bool = True  # the categories add up to a meaningful total
    unit: str = "concerns"


def _in_fy(qs: QuerySet[Any], line: Line, fy: Period) -> QuerySet[Any]:
    start, end = fy.start, fy.end
    lo: Any = midnight(start) if line.datetime else start
    hi: Any = midnight(end) if line.datetime else end
    return qs.filter(**{f"{line.date_field}__gte": lo, f"{line.date_field}__lt": hi})


def _quarter(line: Line, fy: Period) -> Case:
    bounds = [q.end for q in fy.quarters()[:3]]
    whens = [
        When(**{f"{line.date_field}__lt": midnight(b) if line.datetime else b}, then=Value(i))
        for i, b in enumerate(bounds)
    ]
    return Case(*whens, default=Value(3), output_field=IntegerField())


def _district(path: str) -> Coalesce:
    return Coalesce(F(path), Value(COUNTY), output_field=CharField())


def _gender(prefix: str = "") -> Case:
    field_name = f"{prefix}person_gender"
    return Case(
        When(**{field_name: "male"}, then=Value("male")),
        When(**{field_name: "female"}, then=Value("female")),
        default=Value("other_not_known"),
        output_field=CharField(),
    )


# The records of each table --------------------------------------------------------


def submitted_concerns(fy: Period) -> QuerySet[Concern]:
    return Concern.objects.exclude(status=ConcernStatus.DRAFT).filter(submitted_at__isnull=False)


def prevent_referrals(fy: Period) -> QuerySet[Referral]:
    return Referral.objects.filter(destination=ReferralDestination.POLICE_PREVENT)


def _sectors() -> list[Category]:
    return [Category(str(v), OFFICIAL_SECTOR_LABELS.get(v, str(label))) for v, label in Sector.choices]


def _age_groups() -> list[Category]:
    return [Category(str(v), str(label)) for v, label in AgeGroup.choices]


def _genders() -> list[Category]:
    return [Category(k, label) for k, label in GENDERS]


def _types() -> list[Category]:
    rows = ConcernType.objects.order_by("order", "pk").values_list("pk", "label")
    return [Category(pk, label) for pk, label in rows] + [Category(0, "Not recorded")]


def _ethnic_groups() -> list[Category]:
    groups = [Category(f"group_{i}", label) for i, (label, _) in enumerate(ETHNIC_GROUPS)]
    return [
        *groups,
        Category(Ethnicity.PREFER_NOT_TO_SAY.value, "Prefer not to say"),
        Category(NOT_KNOWN, "Not known"),
    ]


def _ethnic_group(prefix: str = "") -> Case:
    """The ONS high-level group of the recorded ethnicity, in the database."""
    field_name = f"{prefix}person_ethnicity"
    whens = [
        When(**{f"{field_name}__in": [c.value for c in codes]}, then=Value(f"group_{i}"))
        for i, (_, codes) in enumerate(ETHNIC_GROUPS)
    ]
    whens.append(
        When(**{field_name: Ethnicity.PREFER_NOT_TO_SAY.value}, then=Value(Ethnicity.PREFER_NOT_TO_SAY.value))
    )
    return Case(*whens, default=Value(NOT_KNOWN), output_field=CharField())


def _yes_no(field_name: str) -> Case:
    return Case(
        When(**{field_name: YesNoNotKnown.YES.value}, then=Value("yes")),
        When(**{field_name: YesNoNotKnown.NO.value}, then=Value("no")),
        default=Value(NOT_KNOWN),
        output_field=CharField(),
    )


def _yes_no_categories() -> list[Category]:
    return [Category("yes", "Yes"), Category("no", "No"), Category(NOT_KNOWN, "Not known or not recorded")]


def _choices(choices: Sequence[tuple[Any, Any]]) -> Callable[[], list[Category]]:
    return lambda: [Category(str(v), str(label)) for v, label in choices]


def _breakdowns(
    prefix: str,
    records: Callable[[Period], QuerySet[Any]],
    date_field: str,
    *,
    dt_: bool,
    unit: str,
    what: str,
) -> list[TableSpec]:
    org = f"{prefix}organisation__"
    district = f"{org}district"
    noun = what.capitalize()
    return [
        TableSpec(
            f"{unit}-by-sector",
            f"{noun} by sector",
            f"{noun} by the sector of the organisation that raised the concern",
            _sectors,
            [
                Line(
                    records, date_field, district, Coalesce(F(f"{org}sector"), Value(Sector.OTHER.value)), dt_
                )
            ],
            unit=unit,
        ),
        TableSpec(
            f"{unit}-by-age",
            f"{noun} by age group",
            f"{noun} by the person's age when the concern was raised",
            _age_groups,
            [Line(records, date_field, district, age_group_expression(prefix), dt_)],
            unit=unit,
        ),
        TableSpec(
            f"{unit}-by-gender",
            f"{noun} by gender",
            f"{noun} by the person's gender",
            _genders,
            [Line(records, date_field, district, _gender(prefix), dt_)],
            unit=unit,
        ),
        TableSpec(
            f"{unit}-by-type",
            f"{noun} by type of concern",
            f"{noun} by type of concern",
            _types,
            [Line(records, date_field, district, Coalesce(F(f"{prefix}concern_type_id"), Value(0)), dt_)],
            unit=unit,
        ),
    ]


def _channel_district(prefix: str = "") -> str:
    return f"{prefix}gateway_referral__referral__concern__organisation__district"


def _re_referred() -> Q:
    return Q(post_exit_reviews__outcome=ReviewOutcome.RE_REFERRAL)


def _review_category() -> Case:
    return Case(
        When(completed_at__isnull=True, then=Value("not_done")),
        When(completed_at__date__lte=F("due_on"), then=Value("on_time")),
        default=Value("late"),
        output_field=CharField(),
    )


def _reviews_due(fy: Period) -> QuerySet[PostExitReview]:
    return PostExitReview.objects.filter(due_on__lt=clock.today())


def _table_specs() -> list[TableSpec]:
    specs = _breakdowns(
        "", submitted_concerns, "submitted_at", dt_=True, unit="concerns", what="concerns recorded"
    )
    concerns = "concerns"
    specs += [
        TableSpec(
            "concerns-by-ethnic-group",
            "Concerns recorded by ethnic group",
            "Concerns recorded by the person's ethnic group (ONS high-level groups)",
            _ethnic_groups,
            [Line(submitted_concerns, "submitted_at", "organisation__district", _ethnic_group())],
            unit=concerns,
        ),
        TableSpec(
            "concerns-by-mental-health",
            "Concerns recorded by mental health needs",
            "Concerns recorded by whether the person has recorded mental health needs",
            _yes_no_categories,
            [
                Line(
                    submitted_concerns,
                    "submitted_at",
                    "organisation__district",
                    _yes_no("mental_health_needs"),
                )
            ],
            unit=concerns,
        ),
        TableSpec(
            "concerns-by-neurodiversity",
            "Concerns recorded by neurodivergence",
            "Concerns recorded by whether the person is recorded as neurodivergent",
            _yes_no_categories,
            [Line(submitted_concerns, "submitted_at", "organisation__district", _yes_no("neurodivergent"))],
            unit=concerns,
        ),
    ]
    specs += _breakdowns(
        "concern__",
        prevent_referrals,
        "sent_on",
        dt_=False,
        unit="referrals",
        what="referrals to police Prevent",
    )
    specs += [
        TableSpec(
            "triage-by-level",
            "Triage decisions by level of the Prevent pyramid",
            "SPOC triage decisions by the level of the Prevent pyramid",
            lambda: [Category(k, label) for k, label in PYRAMID],
            [
                Line(
                    lambda fy: TriageDecision.objects.all(),
                    "decided_at",
                    "concern__organisation__district",
                    F("pyramid_level"),
                )
            ],
            unit="decisions",
        ),
        TableSpec(
            "gateway-outcomes",
            "Gateway outcomes",
            "Outcomes of the police gateway assessment",
            _choices(GatewayOutcome.choices),
            [
                Line(
                    lambda fy: GatewayAssessment.objects.all(),
                    "assessed_at",
                    "gateway_referral__referral__concern__organisation__district",
                    F("outcome"),
                )
            ],
            unit="assessments",
        ),
        TableSpec(
            "channel",
            "Channel",
            "Cases discussed at a Channel panel, adopted, and leaving Channel",
            lambda: [
                Category("discussed", "Discussed at a Channel panel"),
                Category("adopted", "Adopted as a Channel case"),
                Category("exit_clear", "Left Channel with no further terrorism-related concerns"),
                Category("exit_concerns", "Left Channel with further concerns (re-referred)"),
            ],
            [
                Line(
                    lambda fy: AgendaItem.objects.filter(
                        kind=AgendaKind.NEW_CASE, meeting__meeting_on__lte=clock.today()
                    ),
                    "meeting__meeting_on",
                    _channel_district("case__"),
                    "discussed",
                    datetime=False,
                ),
                Line(
                    lambda fy: PanelDecision.objects.filter(
                        outcome=DecisionOutcome.ADOPT, confirmed_at__isnull=False, superseded_at__isnull=True
                    ),
                    "confirmed_at",
                    _channel_district("case__"),
                    "adopted",
                ),
                Line(
                    lambda fy: ChannelCase.objects.filter(exited_on__isnull=False).exclude(_re_referred()),
                    "exited_on",
                    _channel_district(),
                    "exit_clear",
                    datetime=False,
                ),
                Line(
                    lambda fy: ChannelCase.objects.filter(_re_referred(), exited_on__isnull=False),
                    "exited_on",
                    _channel_district(),
                    "exit_concerns",
                    datetime=False,
                ),
            ],
            summable=False,
            unit="cases",
        ),
        TableSpec(
            "consent",
            "Consent to support",
            "Consent to Channel support given, refused and withdrawn",
            _choices(ConsentOutcome.choices),
            [
                Line(
                    lambda fy: ConsentRecord.objects.all(),
                    "obtained_on",
                    _channel_district("case__"),
                    F("outcome"),
                    datetime=False,
                )
            ],
            unit="records",
        ),
        TableSpec(
            "post-exit-reviews",
            "Post-exit reviews",
            "Reviews 6 and 12 months after exit, by the day they were due",
            lambda: [
                Category("on_time", "Done on time"),
                Category("late", "Done late"),
                Category("not_done", "Not done yet"),
            ],
            [Line(_reviews_due, "due_on", _channel_district("case__"), _review_category(), datetime=False)],
            unit="reviews",
        ),
        TableSpec(
            "re-referrals",
            "Re-referrals after a post-exit review",
            "Post-exit reviews that ended in a re-referral, by the day the review was done",
            lambda: [Category("re_referral", "Re-referred to police Prevent")],
            [
                Line(
                    lambda fy: PostExitReview.objects.filter(outcome=ReviewOutcome.RE_REFERRAL),
                    "completed_at",
                    _channel_district("case__"),
                    "re_referral",
                )
            ],
            summable=False,
            unit="reviews",
        ),
    ]
    return specs


def table_specs() -> list[TableSpec]:
    return _table_specs()


def spec(slug: str) -> TableSpec | None:
    return next((s for s in _table_specs() if s.slug == slug), None)


# Counting ----------------------------------------------------------------------


@dataclass
class CountedTable:
    spec: TableSpec
    fy: Period
    categories: list[Category]
    cube: Cube
    district_keys: list[str] = field(default_factory=lambda: [k for k, _ in DISTRICTS])


def count_table(table: TableSpec, fy: Period) -> CountedTable:
    """The protected cube of one table for one financial year."""
    categories = table.categories()
    row_of = {c.key: i for i, c in enumerate(categories)}
    fallback = next((i for i, c in enumerate(categories) if c.key in (NOT_KNOWN, "other_not_known", 0)), None)
    district_of = {k: i for i, (k, _) in enumerate(DISTRICTS)}
    county = district_of[COUNTY]
    interior = [[[0] * 4 for _ in DISTRICTS] for _ in categories]
    for line in table.lines:
        category: Any = line.category if not isinstance(line.category, str) else Value(line.category)
        rows = (
            _in_fy(line.queryset(fy), line, fy)
            .annotate(_c=category, _d=_district(line.district), _q=_quarter(line, fy))
            .order_by()
            .values("_c", "_d", "_q")
            .annotate(n=Count("pk", distinct=True))
        )
        for row in rows:
            key = row["_c"]
            r = row_of.get(key, row_of.get(str(key), fallback))
            if r is None:
                r = len(categories) - 1
            d = district_of.get(row["_d"], county)
            interior[r][d][row["_q"]] += row["n"]
    return CountedTable(table, fy, categories, protect_cube(Cube.build(interior)))


def count_all(fy: Period) -> list[CountedTable]:
    return [count_table(t, fy) for t in _table_specs()]


# Timeliness --------------------------------------------------------------------


@dataclass(frozen=True)
class Timeliness:
    slug: str
    title: str
    count: int
    median: float | None
    p90: int | None
    fewer: bool = False  # 1 to threshold - 1 records: shown as "fewer than", no median


def percentile(values: Sequence[int], p: int) -> int:
    """Nearest-rank percentile of sorted `values` (not empty)."""
    rank = max(math.ceil(p / 100 * len(values)), 1)
    return values[rank - 1]


def _days(start: dt.date | dt.datetime, end: dt.date | dt.datetime) -> int:
    from django.utils import timezone

    def as_date(value: dt.date | dt.datetime) -> dt.date:
        return timezone.localtime(value).date() if isinstance(value, dt.datetime) else value

    return max((as_date(end) - as_date(start)).days, 0)


TIMELINESS: list[tuple[str, str]] = [
    ("concern-to-triage", "From concern submitted to triage decision"),
    ("referral-to-gateway", "From referral to police Prevent to gateway outcome"),
    ("gateway-to-panel", "From gateway outcome to first Channel panel discussion"),
    ("adoption-to-support", "From adoption to support starting"),
]


def _pairs(slug: str, period: Period, district: str | None) -> QuerySet[Any]:
    lo_dt, hi_dt = midnight(period.start), midnight(period.end)
    if slug == "concern-to-triage":
        qs: QuerySet[Any] = (
            submitted_concerns(period)
            .annotate(end=Min("decisions__decided_at"))
            .filter(end__gte=lo_dt, end__lt=hi_dt)
        )
        path, start = "organisation__district", "submitted_at"
    elif slug == "referral-to-gateway":
        qs = (
            prevent_referrals(period)
            .annotate(end=Min("gateway_referral__assessments__assessed_at"))
            .filter(end__gte=lo_dt, end__lt=hi_dt)
        )
        path, start = "concern__organisation__district", "sent_on"
    elif slug == "gateway-to-panel":
        qs = ChannelCase.objects.annotate(
            begin=Min(
                "gateway_referral__assessments__assessed_at",
                filter=Q(gateway_referral__assessments__outcome=GatewayOutcome.CHANNEL),
            ),
            end=Min(
                "agenda_items__meeting__meeting_on",
                filter=Q(agenda_items__meeting__meeting_on__lte=clock.today()),
            ),
        ).filter(end__gte=period.start, end__lt=period.end, begin__isnull=False)
        path, start = _channel_district(), "begin"
    else:
        qs = ChannelCase.objects.annotate(
            begin=Min(
                "decisions__confirmed_at",
                filter=Q(decisions__outcome=DecisionOutcome.ADOPT, decisions__superseded_at__isnull=True),
            ),
            end=Min("interventions__start_on"),
        ).filter(end__gte=period.start, end__lt=period.end, begin__isnull=False)
        path, start = _channel_district(), "begin"
    if district:
        qs = qs.annotate(_d=_district(path)).filter(_d=district)
    return qs.order_by().values_list(start, "end")


def timeliness(period: Period, district: str | None) -> list[Timeliness]:
    """Days between the steps, as medians and 90th percentiles (nearest rank),
    each from one query. Fewer records than the threshold: no figure."""
    from .suppression import threshold

    found = []
    for slug, title in TIMELINESS:
        days = sorted(_days(a, b) for a, b in _pairs(slug, period, district))
        if len(days) < threshold():
            # The small count itself never leaves here: "fewer than" is all that is shown.
            found.append(Timeliness(slug, title, 0, None, None, fewer=bool(days)))
        else:
            found.append(Timeliness(slug, title, len(days), pystats.median(days), percentile(days, 90)))
    return found
