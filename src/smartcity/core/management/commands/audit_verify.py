from django.core.management.base import BaseCommand, CommandError

from smartcity.core.audit import verify_chain


class Command(BaseCommand):
    help = "Check the audit log's hash chain from the first event to the last; name the first broken event."

    def handle(self, *args, **options):
        report = verify_chain()
        if not report.ok:
            raise CommandError(
                f"Audit chain broken at event #{report.broken_seq}: {report.reason} "
                f"({report.checked} events before it are intact)."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {report.checked} events verified."))
