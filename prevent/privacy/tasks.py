"""The daily retention review (decision 0004: `django.tasks`).

`refresh_retention_review` puts every person whose records have all passed
their disposal date in the review queue (services.review_queue_refresh) and
tells the coordinators. `manage.py retention_review` (cron, daily, next to
send_reminders) enqueues it."""

from __future__ import annotations

from django.tasks import task

from .services import review_queue_refresh


@task
def refresh_retention_review() -> int:
    return len(review_queue_refresh())
