"""A person's chronology as a PDF (WeasyPrint), as the page shows it with the
same filters. The caller audits the export (services.person_chronology_exported)
and sends it with prevent.core.downloads.private_file_response."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from prevent.concerns.chronology import govuk_moment

from .chronology import KINDS, PersonChronology

CSS_TEXT = """
@page { size: A4; margin: 2cm;
  @bottom-center { content: "OFFICIAL-SENSITIVE - page " counter(page) " of " counter(pages);
    font-size: 9pt; } }
body { font-family: sans-serif; font-size: 10pt; }
h1 { font-size: 18pt; margin-bottom: 0.3em; } h2 { font-size: 13pt; margin-top: 1.2em; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #999; padding: 4px; text-align: left; vertical-align: top; }
th { background: #eee; }
"""


def chronology_pdf(chronology: PersonChronology) -> bytes:
    from weasyprint import CSS, HTML

    filters = chronology.filters
    html = render_to_string(
        "home/chronology/pdf.html",
        {
            "person": chronology.person,
            "entries": chronology.entries,
            "total": chronology.total,
            "kinds": [KINDS[k] for k in KINDS if k in filters.kinds],
            "since": govuk_moment(filters.since) if filters.since else "",
            "until": govuk_moment(filters.until) if filters.until else "",
            "service_name": settings.PREVENT_SERVICE_NAME,
            "generated_at": govuk_moment(timezone.now()),
        },
    )
    return bytes(HTML(string=html).write_pdf(stylesheets=[CSS(string=CSS_TEXT)]))


def chronology_filename(chronology: PersonChronology) -> str:
    return f"chronology-person-{chronology.person.pk}.pdf"
