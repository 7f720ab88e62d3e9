"""The GOV.UK pagination component's items for a Django page, with links
that keep the rest of the query string (the filters)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page
from django.http import QueryDict


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
