"""Reads of the privacy pages (the views call these, never the models)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from prevent.policy import parse_pk

from .models import OPEN_REVIEW, Disposal, ReviewItem, ReviewStatus


def open_review_items() -> QuerySet[ReviewItem]:
    return (
        ReviewItem.objects.filter(status__in=OPEN_REVIEW)
        .select_related("requested_by")
        .order_by("due_on", "pk")
    )


def decided_review_items() -> QuerySet[ReviewItem]:
    return (
        ReviewItem.objects.exclude(status__in=OPEN_REVIEW)
        .select_related("kept_by", "disposal__disposed_by")
        .order_by("-pk")
    )


def review_item(pk: object) -> ReviewItem:
    item = (
        ReviewItem.objects.select_related("requested_by", "kept_by", "disposal")
        .filter(pk=parse_pk(pk))
        .first()
    )
    if item is None:
        raise Http404
    return item


def recent_disposals() -> QuerySet[Disposal]:
    return Disposal.objects.select_related("disposed_by", "requested_by").order_by("-disposed_at")


__all__ = ["ReviewStatus", "decided_review_items", "open_review_items", "recent_disposals", "review_item"]
