"""Check a proposal file against the rules without creating anything: ``manage.py proposal_check FILE``.

Exit status: 0 when no blocking finding remains (warnings may), 1 when the file is invalid or a blocking
finding remains, 2 when the file cannot be read or the criteria set does not exist (as for bad arguments).
"""

from __future__ import annotations

import json
import os
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from smartcity.program.models import CriteriaSet, Criterion
from smartcity.proposals.portable import MAX_FILE_BYTES, ProposalFileError, check_file, file_too_large
from smartcity.proposals.rules_check import BLOCKING, by_criterion


class Command(BaseCommand):
    help = (
        "Validate a proposal file (JSON, see docs/proposal-file.md) and run the rules check on it against a "
        "criteria set, without creating any record. Exits 1 if the file is invalid or a blocking finding "
        "remains, 0 otherwise."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The proposal file, or - to read standard input.")
        parser.add_argument(
            "--criteria-set-version",
            type=int,
            default=None,
            metavar="N",
            help="The criteria set version to check against (default: the newest).",
        )
        parser.add_argument(
            "--language",
            choices=("th", "en"),
            default="th",
            help="The language of the messages (default: th).",
        )
        parser.add_argument("--json", action="store_true", help="Print the findings as a JSON list instead of text.")

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            self._handle(options)

    def _handle(self, options):
        version = options["criteria_set_version"]
        criteria_sets = CriteriaSet.objects.order_by("-version")
        criteria_set = (criteria_sets.filter(version=version) if version is not None else criteria_sets).first()
        if criteria_set is None:
            raise CommandError(
                _("There is no criteria set version %(version)s.") % {"version": version}
                if version is not None
                else _("There is no criteria set yet."),
                returncode=2,
            )
        name = options["file"]
        try:
            findings = check_file(self._read(name), criteria_set)
        except ProposalFileError as error:
            if options["json"]:
                self._print_json([p.as_finding_dict() for p in error.problems])
            else:
                self.stdout.write(str(error))
                for problem in error.problems:
                    self.stdout.write(
                        f"[invalid] {problem.path}: {problem.message}"
                        if problem.path
                        else f"[invalid] {problem.message}"
                    )
                if error.total > len(error.problems):
                    self.stdout.write(_("… and %(count)s more.") % {"count": error.total - len(error.problems)})
            raise CommandError(str(error), returncode=1) from None

        blocking = [f for f in findings if f.severity == BLOCKING]
        warnings = len(findings) - len(blocking)
        if options["json"]:
            self._print_json([f.as_dict() for f in findings])
        else:
            self.stdout.write(
                _("Checked %(file)s against %(criteria_set)s (criteria set version %(version)s).")
                % {
                    "file": "stdin" if name == "-" else name,
                    "criteria_set": self._name(criteria_set),
                    "version": criteria_set.version,
                }
            )
            titles = {c.number: self._title(c) for c in Criterion.objects.all()}
            for number, group in by_criterion(findings).items():
                if not group:
                    continue
                self.stdout.write("")
                self.stdout.write(
                    self.style.MIGRATE_HEADING(
                        _("Criterion %(number)s: %(title)s") % {"number": number, "title": titles.get(number, "")}
                    )
                )
                for finding in group:
                    line = f"[{finding.severity}] {finding.criterion} · {finding.field}: {finding.message}"
                    self.stdout.write(self.style.ERROR(line) if finding.is_blocking else self.style.WARNING(line))
            self.stdout.write("")
        if blocking:
            raise CommandError(
                ngettext(
                    "%(count)s blocking finding remains: fix it before submitting the proposal.",
                    "%(count)s blocking findings remain: fix them before submitting the proposal.",
                    len(blocking),
                )
                % {"count": len(blocking)},
                returncode=1,
            )
        if not options["json"]:
            self.stdout.write(
                self.style.SUCCESS(
                    ngettext(
                        "The file passes the check: no blocking findings, %(count)s warning.",
                        "The file passes the check: no blocking findings, %(count)s warnings.",
                        warnings,
                    )
                    % {"count": warnings}
                )
            )

    def _read(self, name: str) -> bytes:
        """At most one byte over the limit, so an oversized file is refused without reading it all."""
        try:
            if name == "-":
                return sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
            with open(name, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                if size > MAX_FILE_BYTES:
                    raise file_too_large(size)
                return handle.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s") % {"file": name, "reason": error.strerror}, returncode=2
            ) from None

    def _print_json(self, rows: list[dict]) -> None:
        self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))

    @staticmethod
    def _name(obj) -> str:
        return obj.name_en if translation.get_language() == "en" else obj.name_th

    @staticmethod
    def _title(criterion) -> str:
        return criterion.title_en if translation.get_language() == "en" else criterion.title_th
