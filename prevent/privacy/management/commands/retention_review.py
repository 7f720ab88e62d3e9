from django.core.management.base import BaseCommand

from prevent.privacy.tasks import refresh_retention_review


class Command(BaseCommand):
    help = "Put the records past their disposal date in the retention review queue (run daily)."

    def handle(self, *args: object, **options: object) -> None:
        result = refresh_retention_review.enqueue()
        self.stdout.write(f"Retention review queued ({result.status}).")
