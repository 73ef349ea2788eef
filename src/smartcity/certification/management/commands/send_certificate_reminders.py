from django.core.management.base import BaseCommand

from smartcity.certification.services import send_expiry_reminders


class Command(BaseCommand):
    help = "Remind cities 90 and 30 days before their certificate expires (once per period). Run daily."

    def handle(self, *args, **options):
        count = send_expiry_reminders()
        self.stdout.write(self.style.SUCCESS(f"{count} expiry reminders queued."))
