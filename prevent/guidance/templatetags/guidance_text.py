"""Render the guidance's plain text inert: every character is escaped, web
addresses become links, blank lines split paragraphs, "- " starts a list
item and "## " a sub-heading with a stable id."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

register = template.Library()


@dataclass
class Block:
    kind: str  # "heading", "list" or "paragraph"
    text: str = ""
    items: list[str] = field(default_factory=list)
    anchor: str = ""


def text_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.strip().split("\n") if line.strip()]
        if not lines:
            continue
        if len(lines) == 1 and lines[0].startswith("## "):
            heading = lines[0][3:].strip()
            blocks.append(Block("heading", text=heading, anchor=f"section-{slugify(heading)}"))
        elif all(line.startswith("- ") for line in lines):
            blocks.append(Block("list", items=[line[2:].strip() for line in lines]))
        else:
            blocks.append(Block("paragraph", text=" ".join(lines)))
    return blocks


@register.filter
def guidance_blocks(text: str) -> list[Block]:
    return text_blocks(text or "")


@register.filter
def headings(text: str) -> list[Block]:
    return [block for block in text_blocks(text or "") if block.kind == "heading"]


_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+")
_TRAILING = ".,;:!?)"


def _link(match: re.Match[str]) -> str:
    url = match.group(0)
    trailing = ""
    while url and url[-1] in _TRAILING:
        trailing = url[-1] + trailing
        url = url[:-1]
    href = url if url.startswith(("http://", "https://")) else f"https://{url}"
    return f'<a class="govuk-link" href="{href}">{url}</a>{trailing}'


@register.filter
def linked(text: str) -> SafeString:
    """Escape the text and turn web addresses into GOV.UK links. The text is
    escaped first, so no markup from it survives; an escaped address has no
    quotes or angle brackets left to break out of the link."""
    return mark_safe(_URL.sub(_link, str(escape(text))))  # noqa: S308  # nosec B308 B703  # escaped first
