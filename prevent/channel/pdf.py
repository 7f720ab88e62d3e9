"""The Channel Panel minutes as a PDF (WeasyPrint) for the panel's record."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from .models import PanelMeeting

CSS_TEXT = """
@page { size: A4; margin: 2cm;
  @bottom-center { content: "OFFICIAL-SENSITIVE - page " counter(page); font-size: 9pt; } }
body { font-family: sans-serif; font-size: 10.5pt; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 1.2em; } h3 { font-size: 12pt; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #999; padding: 4px; text-align: left; }
"""


def minutes_pdf(meeting: PanelMeeting) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string(
        "channel/minutes_pdf.html",
        {
            "meeting": meeting,
            "service_name": settings.PREVENT_SERVICE_NAME,
            "generated_at": timezone.localtime(),
        },
    )
    return bytes(HTML(string=html).write_pdf(stylesheets=[CSS(string=CSS_TEXT)]))
