"""Check a certificate's QR payload offline: prints its fields when the signature is genuine, exits 1 if not."""

from django.core.management.base import BaseCommand, CommandError

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
