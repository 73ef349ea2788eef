"""Daily: suspend approved BOI endorsements whose certificate is no longer current (expired by date, suspended,
revoked) and restore those whose certificate is current again. Safe to run any number of times."""

from django.core.management.base import BaseCommand
from django.db import transaction

from smartcity.endorsements.services import suspend_lapsed_endorsements


class Command(BaseCommand):
    help = "Suspend BOI endorsements whose certificate lapsed; restore those whose certificate is current again."

    def handle(self, *args, **options):
        with transaction.atomic():
            changed = suspend_lapsed_endorsements(actor=None)
        self.stdout.write(f"{changed} endorsement(s) changed.")
