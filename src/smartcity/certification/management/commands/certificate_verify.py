"""Check a certificate's QR payload offline: prints its fields when the signature is genuine, exits 1 if not."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from smartcity.certification.signing import PayloadRejected, verify


class Command(BaseCommand):
    help = "Verify a certificate payload (the text in its QR code) against the platform's public keys."

    def add_arguments(self, parser):
        parser.add_argument("payload")

    def handle(self, *args, payload, **options):
        try:
            verified = verify(payload)
        except PayloadRejected as error:
            raise CommandError(f"NOT GENUINE ({error.code}): {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Genuine: signed with key {verified.key_id}."))
        for key, value in sorted(verified.fields.items()):
            self.stdout.write(f"  {key}: {value}")
        self._say_dates(verified.fields)

    def _say_dates(self, fields) -> None:
        """A genuine payload can still be out of date: say so. Suspension or revocation is only known online."""
        try:
            expires = dt.date.fromisoformat(str(fields.get("e", "")))
        except ValueError:
            return
        today = timezone.localdate()
        if expires < today:
            self.stdout.write(self.style.WARNING(f"EXPIRED on {expires.isoformat()} (today is {today.isoformat()})."))
        else:
            self.stdout.write(
                f"Within its validity until {expires.isoformat()}; check the verification page for "
                "a suspension or revocation."
            )
