"""Write the seven logo variants (SVG and PNG) from ``smartcity.certification.logos``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from smartcity.certification import logos


class Command(BaseCommand):
    help = "Write the Smart City Thailand logo variants, one per domain, as SVG and PNG files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, default=logos.OUTPUT_DIR, help="Folder to write to (default: the static folder)."
        )
        parser.add_argument("--svg-only", action="store_true", help="Write the SVG files only.")
        parser.add_argument(
            "--check", action="store_true", help="Write nothing; fail if an SVG file is missing or out of date."
        )

    def handle(self, *args, output: Path, svg_only: bool, check: bool, **options):
        if check:
            stale = [
                code
                for code in logos.VARIANTS
                if not (output / f"{code}.svg").is_file()
                or (output / f"{code}.svg").read_text(encoding="utf-8") != logos.svg(code)
            ]
            if stale:
                raise CommandError(f"Out of date: {', '.join(stale)}. Run manage.py render_logos.")
            self.stdout.write(self.style.SUCCESS("The logo files are up to date."))
            return
        for path in logos.write_all(output, with_png=not svg_only):
            self.stdout.write(f"wrote {path}")
