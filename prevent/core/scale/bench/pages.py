"""What the bench measures: each page with the role that uses it, chosen
from the generated data (the busiest organisation, case, meeting and
person, so each page shows as much as the data holds). A route that does
not exist in this version of the service is left out and listed."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.urls import NoReverseMatch, reverse

from prevent.accounts.roles import Role

from ..partnership import bench_email

R = Role


@dataclass(frozen=True)
class Page:
    name: str
    role: str
    path: str
    kind: str = "page"  # page, csv or pdf
    smoke: bool = False


def _url(name: str, *args: object, query: str = "") -> str | None:
    try:
        return reverse(name, args=args) + (f"?{query}" if query else "")
    except NoReverseMatch:
        return None


def choose_pages() -> tuple[list[Page], list[str]]:
    from prevent.accounts.models import User
    from prevent.audit.models import AuditEvent
    from prevent.channel.models import ChannelCase, PanelMeeting
    from prevent.concerns.models import Concern
    from prevent.people.models import Person
    from prevent.self_assessment.models import Assessment

    spoc = User.objects.get(email=bench_email(R.SPOC))
    org = spoc.organisation_id
    concern = (
        Concern.objects.filter(organisation_id=org or 0, reference__isnull=False)
        .annotate(n=Count("factors"))
        .order_by("-n", "-pk")
        .first()
    )
    case = (
        ChannelCase.objects.filter(status="support")
        .annotate(n=Count("agenda_items"))
        .order_by("-n", "pk")
        .first()
        or ChannelCase.objects.first()
    )
    # The coordinator's chronology: the person of that case (a coordinator
    # sees the people of referrals and cases, not of every concern).
    person = case.person if case else Person.objects.order_by("pk").first()
    meeting = (
        PanelMeeting.objects.filter(minutes_recorded_at__isnull=False)
        .annotate(n=Count("agenda_items"))
        .order_by("-n", "pk")
        .first()
    )
    assessment = Assessment.objects.filter(status="submitted").order_by("pk").first()
    events = AuditEvent.objects.count()
    last_page = max(1, -(-events // 50))
    coordinator = User.objects.get(email=bench_email(R.PREVENT_COORDINATOR))
    wanted: list[tuple[str, str, str | None, str, bool]] = [  # (name, role, path, kind, smoke)
        ("framework floor (account page)", R.PRACTITIONER, _url("accounts:account"), "page", True),
    ]
    for each in R:
        wanted.append((f"home ({each.label})", str(each), _url("home:home"), "page", each == R.SPOC))
    wanted += [
        ("triage queue", R.SPOC, _url("concerns:triage-queue"), "page", True),
        ("organisation's concerns", R.SPOC, _url("concerns:organisation"), "page", False),
        ("people search 'Smith'", R.SPOC, _url("people:search", query="q=Smith"), "page", False),
        ("concern detail", R.SPOC, _url("concerns:detail", concern.pk) if concern else None, "page", True),
        (
            "chronology",
            R.PREVENT_COORDINATOR,
            _url("home:person-chronology", person.pk) if person else None,
            "page",
            False,
        ),
        ("gateway queue", R.POLICE_PREVENT_OFFICER, _url("channel:gateway-queue"), "page", False),
        ("gateway history", R.POLICE_PREVENT_OFFICER, _url("channel:gateway-history"), "page", False),
        ("Channel case list", R.PREVENT_COORDINATOR, _url("channel:case-list"), "page", False),
        (
            "Channel case",
            R.PREVENT_COORDINATOR,
            _url("channel:case-detail", case.pk) if case else None,
            "page",
            True,
        ),
        (
            "panel meeting",
            R.PREVENT_COORDINATOR,
            _url("channel:panel-detail", meeting.pk) if meeting else None,
            "page",
            False,
        ),
        ("panel list", R.PREVENT_COORDINATOR, _url("channel:panel-list"), "page", False),
        ("information requests", R.PREVENT_COORDINATOR, _url("channel:information-requests"), "page", False),
        ("audit log, first page", R.PREVENT_COORDINATOR, _url("audit:event-list"), "page", True),
        (
            "audit log, middle page",
            R.PREVENT_COORDINATOR,
            _url("audit:event-list", query=f"page={last_page // 2 or 1}"),
            "page",
            False,
        ),
        (
            "audit log, last page",
            R.PREVENT_COORDINATOR,
            _url("audit:event-list", query=f"page={last_page}"),
            "page",
            False,
        ),
        (
            "audit log, filter who",
            R.PREVENT_COORDINATOR,
            _url("audit:event-list", query=f"who={coordinator.full_name.split()[-1]}"),
            "page",
            False,
        ),
        (
            "audit log, filter action",
            R.PREVENT_COORDINATOR,
            _url("audit:event-list", query="action=concern_viewed"),
            "page",
            False,
        ),
        (
            "audit log, filter record type",
            R.PREVENT_COORDINATOR,
            _url("audit:event-list", query="object_type=people.person"),
            "page",
            False,
        ),
        (
            "audit log, filter record ID",
            R.PREVENT_COORDINATOR,
            _url(
                "audit:event-list", query=f"object_type=people.person&object_id={person.pk if person else 1}"
            ),
            "page",
            False,
        ),
        (
            "audit log, filter dates",
            R.PREVENT_COORDINATOR,
            _url("audit:event-list", query=_dates_query()),
            "page",
            False,
        ),
        ("self-assessment list", R.PREVENT_COORDINATOR, _url("self_assessment:list"), "page", False),
        ("self-assessment overview", R.PREVENT_COORDINATOR, _url("self_assessment:overview"), "page", False),
        ("statistics", R.PARTNERSHIP_ANALYST, _url("reporting:statistics"), "page", False),
        (
            "training compliance (partnership)",
            R.PREVENT_COORDINATOR,
            _url("training:partnership"),
            "page",
            False,
        ),
        ("training compliance (organisation)", R.SPOC, _url("training:compliance", org), "page", False),
        ("users list", R.ADMINISTRATOR, _url("users:list"), "page", False),
        # CSV exports.
        (
            "CSV: self-assessment overview",
            R.PREVENT_COORDINATOR,
            _url("self_assessment:overview-csv"),
            "csv",
            True,
        ),
        (
            "CSV: one self-assessment",
            R.PREVENT_COORDINATOR,
            _url("self_assessment:export-csv", assessment.pk) if assessment else None,
            "csv",
            False,
        ),
        (
            "CSV: training compliance (partnership)",
            R.PREVENT_COORDINATOR,
            _url("training:partnership-csv"),
            "csv",
            False,
        ),
        (
            "CSV: training compliance (organisation)",
            R.SPOC,
            _url("training:compliance-csv", org),
            "csv",
            False,
        ),
        ("CSV: statistics", R.PARTNERSHIP_ANALYST, _url("reporting:csv"), "csv", False),
        ("CSV: national return", R.PARTNERSHIP_ANALYST, _url("reporting:national-return-csv"), "csv", False),
        ("CSV: audit log", R.PREVENT_COORDINATOR, _url("audit:export-csv"), "csv", False),
        # PDFs.
        (
            "PDF: chronology",
            R.PREVENT_COORDINATOR,
            _url("home:person-chronology-pdf", person.pk) if person else None,
            "pdf",
            False,
        ),
        (
            "PDF: panel minutes",
            R.PREVENT_COORDINATOR,
            _url("channel:minutes-pdf", meeting.pk) if meeting else None,
            "pdf",
            True,
        ),
        (
            "PDF: self-assessment",
            R.PREVENT_COORDINATOR,
            _url("self_assessment:export-pdf", assessment.pk) if assessment else None,
            "pdf",
            False,
        ),
        ("PDF: board report", R.PARTNERSHIP_ANALYST, _url("reporting:board-report"), "pdf", False),
    ]
    pages, missing = [], []
    for name, role, path, kind, smoke in wanted:
        if path is None:
            missing.append(name)
        else:
            pages.append(Page(name, str(role), path, kind, smoke))
    return pages, missing


def _dates_query() -> str:
    from prevent.core import clock

    today = clock.today()
    return (
        f"date_from_day=1&date_from_month={today.month}&date_from_year={today.year - 1}"
        f"&date_to_day={today.day}&date_to_month={today.month}&date_to_year={today.year}"
    )
