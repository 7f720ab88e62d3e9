"""Cursor pagination in the order records changed, oldest first, so a
partner system syncs by following `next` (and next time starts again from
`updated_after` = the last `updated` it saw)."""

from __future__ import annotations

from rest_framework.pagination import CursorPagination


class UpdatedCursorPagination(CursorPagination):
    ordering = ("api_updated", "pk")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
