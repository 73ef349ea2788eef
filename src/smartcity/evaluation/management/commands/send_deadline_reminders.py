from django.core.management.base import BaseCommand

from smartcity.evaluation.services import remind_due_assignments


class Command(BaseCommand):
    help = "Remind working-group members whose scorecards are due within two Thai business days (once each)."

    def handle(self, *args, **options):
        count = remind_due_assignments()
        self.stdout.write(self.style.SUCCESS(f"{count} reminders queued."))
