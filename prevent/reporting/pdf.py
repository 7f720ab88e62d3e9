"""The quarterly report for the partnership board as a PDF (WeasyPrint),
with the same suppressed tables and the charts drawn as SVG."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

CSS_TEXT = """
@page { size: A4; margin: 1.8cm;
  @bottom-center { content: "OFFICIAL - page " counter(page); font-size: 9pt; } }
body { font-family: sans-serif; font-size: 10pt; }
h1 { font-size: 18pt; } h2 { font-size: 13pt; margin-top: 1.2em; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin-bottom: 0.6em; page-break-inside: avoid; }
td, th { border: 1px solid #999; padding: 3px 5px; text-align: left; }
td.num, th.num { text-align: right; }
.notes { font-size: 8.5pt; }
svg { width: 16cm; height: auto; }
"""


def board_report_pdf(context: dict[str, Any]) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string(
        "reporting/board_report_pdf.html",
        {**context, "service_name": settings.PREVENT_SERVICE_NAME, "generated_at": timezone.localtime()},
    )
    return bytes(HTML(string=html).write_pdf(stylesheets=[CSS(string=CSS_TEXT)]))
