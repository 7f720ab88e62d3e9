from django.core.management.base import BaseCommand, CommandError

from prevent.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; names the first broken event."

    def handle(self, *args: object, **options: object) -> None:
        report = verify_chain()
        if not report.ok:
            raise CommandError(report.message)
        self.stdout.write(self.style.SUCCESS(report.message))
