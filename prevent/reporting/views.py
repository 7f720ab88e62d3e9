"""The statistics pages and their exports. Every figure comes from
prevent.reporting.tables (suppressed); no page shows a record about a person
except the data quality lists (coordinators, references only)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from prevent.core.downloads import private_file_response
from prevent.core.view_helpers import actor
from prevent.policy import Action, require

from . import services, snapshots
from .charts import quarter_chart
from .forms import PeriodForm, last_complete_quarter
from .national import national_return
from .pdf import board_report_pdf
from .periods import Period
from .quality import problems
from .suppression import fewer_than, threshold
from .tables import Counts, ShownTable, district_label, period_tables, trend_tables


def _form(request: HttpRequest, *, quarters: bool = True) -> PeriodForm:
    return PeriodForm(request.GET or None, quarters=quarters)


def _query(request: HttpRequest, form: PeriodForm) -> str:
    return request.GET.urlencode() if form.is_bound and form.is_valid() else ""


@require_http_methods(["GET"])
def statistics(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.VIEW_STATISTICS)
    form = _form(request)
    period, district = form.chosen_period(), form.chosen_district()
    counts = Counts()
    return render(
        request,
        "reporting/statistics.html",
        {
            "form": form,
            "period": period,
            "previous": period.previous(),
            "district_name": district_label(district),
            "tables": period_tables(period, district, counts),
            "timeliness": counts.timeliness(period, district),
            "fewer": fewer_than(),
            "threshold": threshold(),
            "query": _query(request, form),
            "board_quarter": period if period.quarter else last_complete_quarter(),
            "district": district or "",
            "figures_as_at": snapshots.latest_computed_at(sorted({period.year, period.previous().year})),
            "refresh_asked": request.GET.get("refresh") == "asked",
        },
    )


@require_http_methods(["POST"])
def refresh(request: HttpRequest) -> HttpResponse:
    """Ask for the statistics to be recounted now (the refresh runs as a task)."""
    user = actor(request)
    require(user, Action.REFRESH_STATISTICS)
    services.statistics_refresh_requested(actor=user)
    return redirect(reverse("reporting:statistics") + "?refresh=asked")


@require_http_methods(["GET"])
def trends(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.VIEW_STATISTICS)
    form = _form(request, quarters=False)
    period, district = form.chosen_period(), form.chosen_district()
    counts = Counts()
    tables = trend_tables(period.year, district, counts)
    before = trend_tables(period.year - 1, district, counts)
    charted = [(t, quarter_chart(t, b)) for t, b in zip(tables, before, strict=True)]
    return render(
        request,
        "reporting/trends.html",
        {
            "form": form,
            "period": period,
            "district_name": district_label(district),
            "charted": charted,
            "fewer": fewer_than(),
            "query": _query(request, form),
        },
    )


def _safe(value: str) -> str:
    """A cell that a spreadsheet would not run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _csv_rows(tables: Iterable[ShownTable], period_label: str, place: str) -> Iterable[list[str]]:
    yield ["Table", "Area", "Period", "Category", "Column", "Figure", "Share", "Note"]
    for table in tables:
        for row in table.rows:
            for column, figure in zip(table.columns, row.figures, strict=True):
                note = table.notes[figure.note - 1] if figure.note else ""
                share = row.share if column == table.columns[0] else ""
                yield [table.title, place, period_label, row.label, column, figure.text, share, note]


def _csv_bytes(rows: Iterable[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([_safe(c) for c in row])
    return out.getvalue().encode("utf-8-sig")


@require_http_methods(["GET"])
def statistics_csv(request: HttpRequest) -> FileResponse:
    """Every table of the statistics page (or of the trends page, `view=trends`),
    or one of them (`table=<slug>`), as CSV."""
    user = actor(request)
    require(user, Action.EXPORT_STATISTICS)
    trend = request.GET.get("view") == "trends"
    form = _form(request, quarters=not trend)
    period, district = form.chosen_period(), form.chosen_district()
    tables = trend_tables(period.year, district) if trend else period_tables(period, district)
    wanted = request.GET.get("table", "")
    if wanted:
        tables = [t for t in tables if t.slug == wanted]
    place = district_label(district)
    label = period.financial_year.label if trend else period.label
    services.statistics_exported(
        actor=user,
        kind="csv",
        period=period,
        district=district,
        detail=wanted or ("trends" if trend else "all tables"),
    )
    name = f"prevent-statistics-{'trends-' if trend else ''}{period.slug}-{district or 'all-districts'}.csv"
    return private_file_response(
        file=_csv_bytes(_csv_rows(tables, label, place)), filename=name, content_type="text/csv"
    )


@require_http_methods(["GET"])
def board_report(request: HttpRequest) -> FileResponse:
    """The quarterly board report for a quarter (the last complete one by default)."""
    user = actor(request)
    require(user, Action.EXPORT_STATISTICS)
    form = _form(request)
    chosen, district = form.chosen_period(), form.chosen_district()
    quarter = chosen if chosen.quarter else last_complete_quarter()
    counts = Counts()
    tables = trend_tables(quarter.year, district, counts)
    before = trend_tables(quarter.year - 1, district, counts)
    context = {
        "quarter": quarter,
        "district_name": district_label(district),
        "tables": period_tables(quarter, district, counts),
        "charted": [(t, quarter_chart(t, b)) for t, b in zip(tables, before, strict=True)],
        "timeliness": counts.timeliness(quarter, district),
        "fewer": fewer_than(),
        "threshold": threshold(),
    }
    services.statistics_exported(actor=user, kind="board_report", period=quarter, district=district)
    return private_file_response(
        file=board_report_pdf(context),
        filename=f"prevent-board-report-{quarter.slug}-{district or 'all-districts'}.pdf",
        content_type="application/pdf",
    )


@require_http_methods(["GET"])
def national(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.VIEW_STATISTICS)
    form = _form(request, quarters=False)
    period = form.chosen_period()
    return render(
        request,
        "reporting/national_return.html",
        {
            "form": form,
            "period": period,
            "tables": national_return(period.year),
            "query": _query(request, form),
        },
    )


@require_http_methods(["GET"])
def national_csv(request: HttpRequest) -> FileResponse:
    user = actor(request)
    require(user, Action.EXPORT_STATISTICS)
    period = Period(_form(request, quarters=False).chosen_period().year)
    tables = national_return(period.year)
    services.statistics_exported(actor=user, kind="national_return", period=period, district=None)
    return private_file_response(
        file=_csv_bytes(_csv_rows(tables, period.label, "The partnership's area")),
        filename=f"prevent-national-return-{period.slug}.csv",
        content_type="text/csv",
    )


@require_http_methods(["GET"])
def data_quality(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.VIEW_DATA_QUALITY)
    return render(request, "reporting/data_quality.html", {"problems": problems(user)})
