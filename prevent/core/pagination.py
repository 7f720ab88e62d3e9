"""Pagination for every list: one strict page-number parser, and the GOV.UK
pagination component's items for a Django page, with links that keep the
rest of the query string (the filters).

`?page=` is typed by anyone: only ASCII digits, at most `MAX_PAGE_DIGITS` of
them, are a page number. Anything else (empty, "0", "-1", "²", "1e3", 5,000
digits) shows the first page; a number past the end shows the last page.
Never an error page for a page number."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict

MAX_PAGE_DIGITS = 6
_PAGE_NUMBER = re.compile(rf"[0-9]{{1,{MAX_PAGE_DIGITS}}}", re.ASCII)


def parse_page_number(raw: object) -> int:
    """The page asked for, or 1 when `raw` is not a plain page number."""
    if not isinstance(raw, str) or not _PAGE_NUMBER.fullmatch(raw):
        return 1
    return max(int(raw), 1)


def page_number(request: HttpRequest) -> int:
    """The page number the request's `?page=` asks for (1 when it is not one)."""
    return parse_page_number(request.GET.get("page"))


def paginate(items: QuerySet[Any] | Sequence[Any], per_page: int, number: int) -> Page:
    """Page `number` of `items`: the last page when it is past the end."""
    return Paginator(items, per_page).get_page(number)


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: an ellipsis
    href: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    previous_href: str = ""
    next_href: str = ""
    items: list[PageLink] = field(default_factory=list)


def _href(query: QueryDict, number: int) -> str:
    params = query.copy()
    params.pop("page", None)
    for key in [k for k, values in params.lists() if not any(values)]:
        params.pop(key)
    params["page"] = str(number)
    return f"?{params.urlencode()}"


def govuk_pagination(page: Page, query: QueryDict) -> Pagination | None:
    """None when everything fits on one page. Shows the first and last
    pages, the current one and its neighbours, with ellipses between."""
    last = page.paginator.num_pages
    if last <= 1:
        return None
    current = page.number
    shown = sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1)))
    items: list[PageLink] = []
    for number in shown:
        if items and items[-1].number is not None and number - items[-1].number > 1:
            items.append(PageLink(None))
        items.append(PageLink(number, _href(query, number), number == current))
    return Pagination(
        previous_href=_href(query, current - 1) if page.has_previous() else "",
        next_href=_href(query, current + 1) if page.has_next() else "",
        items=items,
    )
