"""Benchmark: the rules check, the version PDF, and server time of the pages people wait on.

Run with `make bench` (or `.venv/bin/python bench/pages.py [N]`). It builds a throw-away SQLite database under
a temporary folder, loads the demo, adds N more submitted proposals (default 200) through the services, and
times each measurement with time.perf_counter over repeated runs (median). Results are printed as a Markdown
table to paste into docs/benchmarks.md with the machine and date.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
os.environ.update(SMARTCITY_DEMO="1", SMARTCITY_DATA_DIR=tempfile.mkdtemp(prefix="smartcity-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings")
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402


def median_ms(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def seed(extra: int) -> None:
    call_command("migrate", verbosity=0)
    call_command("createcachetable")
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        call_command("demo_data", "--quiet-accounts")
        from tests.proposals.builders import fill

        from smartcity.accounts.models import Membership
        from smartcity.program.models import Call, CityType
        from smartcity.proposals import services

        membership = Membership.objects.get(user__email="khonkaen@smartcity.example")
        call = Call.objects.filter(name_en__startswith="Round 1/20").exclude(name_en="Round 1/2019").get()
        for index in range(extra):
            proposal = services.create_proposal(
                actor=membership.user, organization=membership.organization, call=call, title_th=f"ข้อเสนอทดสอบ {index}"
            )
            services.update_proposal(
                actor=membership.user,
                proposal_id=proposal.pk,
                revision=None,
                changes={"city_type": CityType.objects.get(code="livable")},
            )
            fill(proposal, membership.user)
            services.submit_proposal(actor=membership.user, proposal_id=proposal.pk)


def signed_in(email: str) -> Client:
    from smartcity.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def main(extra: int) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    started = time.perf_counter()
    seed(extra)
    seeded = time.perf_counter() - started

    from smartcity.proposals.models import Proposal, ProposalVersion
    from smartcity.proposals.pdf import render_version_pdf
    from smartcity.proposals.rules_check import Rules, check

    version = ProposalVersion.objects.select_related("criteria_set").order_by("-pk").first()
    rules = Rules.from_criteria_set(version.criteria_set)
    applicant, secretariat = signed_in("khonkaen@smartcity.example"), signed_in("secretariat@smartcity.example")
    detail = f"/proposals/{Proposal.objects.filter(status='submitted').first().pk}/"
    rows = [
        ("rules check of one proposal document", median_ms(lambda: check(version.document, rules), 200)),
        ("PDF of one submitted version", median_ms(lambda: render_version_pdf(version), 5)),
        ("applicant's proposal list (GET /proposals/)", median_ms(lambda: applicant.get("/proposals/"), 20)),
        ("proposal page with checklist", median_ms(lambda: applicant.get(detail), 20)),
        ("secretariat inbox (GET /evaluation/inbox/)", median_ms(lambda: secretariat.get("/evaluation/inbox/"), 20)),
        ("API list (GET /api/v1/proposals)", median_ms(lambda: applicant.get("/api/v1/proposals"), 20)),
    ]
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, SQLite; {Proposal.objects.count()} proposals "
        f"({extra} added to the demo; seeding took {seeded:.0f} s)\n"
    )
    print("| Measurement | Median (ms) |\n|---|---|")
    for name, ms in rows:
        print(f"| {name} | {ms:.1f} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
