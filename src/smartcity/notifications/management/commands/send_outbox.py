"""Send the e-mails waiting in the outbox. Run it from cron or a worker loop, e.g. every minute."""

from django.core.management.base import BaseCommand

from smartcity.notifications.services import send_queued


class Command(BaseCommand):
    help = "Send queued outbox messages (held ones wait for the secretariat). Safe to run twice at once."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=100, help="Send at most this many messages (default 100).")

    def handle(self, *args, limit: int, **options):
        report = send_queued(limit=limit)
        style = self.style.SUCCESS if report.failed == 0 else self.style.WARNING
        self.stdout.write(style(f"Outbox: {report.sent} sent, {report.failed} failed."))
