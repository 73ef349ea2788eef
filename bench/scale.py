"""Benchmark at ten times the demo: the server time of the pages people wait on, with 1,000 proposals.

Run with `make bench-scale` (or `.venv/bin/python bench/scale.py [--proposals N] [--repeat R]`). It builds a
throw-away database: SQLite in a temporary folder by default; with DATABASE_URL set (e.g.
postgres://postgres@127.0.0.1:5432/sct_bench) Django's test database next to it (``test_sct_bench``, replaced if
it exists and dropped at the end; the named database itself is not touched). It loads the demo with `manage.py
demo_data`, then grows it to 40 calls, about 100 organisations and 1,000 proposals in every state with about
10,000 scorecards and 300 certificates (how: see bench/scale_seed.py).

Each page is requested in-process with the Django test client (server time without network, DEBUG off): two
warm-up requests, then the median (and the fastest) of R timed ones, and the number of SQL queries of one more
request. Results are printed as Markdown to paste into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
DATA_DIR = tempfile.mkdtemp(prefix="smartcity-bench-scale-")
os.environ.update(SMARTCITY_DEMO="1", SMARTCITY_DATA_DIR=DATA_DIR)
os.environ.setdefault("SMARTCITY_DEBUG", "0")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import Resolver404, resolve  # noqa: E402
from scale_seed import Scale, load  # noqa: E402

TODO = "TODO"


def prepare_database() -> str | None:
    """Migrate a fresh database; on a server, Django's test database (the named one is left alone)."""
    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0)
        old_name = None
    else:
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    call_command("createcachetable", verbosity=0)
    return old_name


def database_label() -> str:
    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version} (file in a temporary folder)"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    return f"PostgreSQL {version} ({connection.settings_dict['HOST'] or 'local socket'})"


def seed(scale: Scale) -> dict[str, int]:
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        call_command("demo_data", "--quiet-accounts")
        return load(scale)


def signed_in(email: str | None) -> Client:
    from smartcity.accounts.models import User

    client = Client()
    if email:
        client.force_login(User.objects.get(email=email))
    return client


def measure(client: Client, url: str, repeat: int, before=None) -> tuple[tuple[float, float, float], int, bytes]:
    """(Median, fastest, median CPU) milliseconds over ``repeat`` requests, the query count, one response's content.

    The CPU time is this process's: on SQLite all the server's work, on PostgreSQL all but the database server's.
    It hardly moves when other programs share the machine, when the wall-clock times do.
    """

    def get():
        if before:
            before()
        start, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        elapsed, cpu = (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000
        assert response.status_code == 200, (url, response.status_code)
        return elapsed, cpu, response

    for _ in range(2):
        get()
    runs = [get()[:2] for _ in range(repeat)]
    walls, cpus = [wall for wall, _cpu in runs], [cpu for _wall, cpu in runs]
    with CaptureQueriesContext(connection) as queries:
        *_times, response = get()
    return (statistics.median(walls), min(walls), statistics.median(cpus)), len(queries), response.content


def pages() -> list[tuple[str, str | None, str, int, object]]:
    """(what, who, URL, rows in the list, what to do before each request) of every measured page."""
    from smartcity.accounts.models import Organization, User
    from smartcity.evaluation import selectors as ev
    from smartcity.evaluation.models import Meeting
    from smartcity.proposals.selectors import proposals_for_user
    from smartcity.registry.cache import invalidate_registry

    def user(local):
        return User.objects.get(email=f"{local}@smartcity.example")

    city = Organization.objects.get(name_en="Khon Kaen City Municipality")
    meeting = Meeting.objects.filter(closed_at__isnull=True).order_by("-held_on").first()
    rows = [
        ("applicant: my home (GET /home/)", "khonkaen", "/home/", 0, None),
        ("applicant: organisation home", "khonkaen", f"/organisations/{city.pk}/", 0, None),
        (
            "applicant: proposal list (GET /proposals/)",
            "khonkaen",
            "/proposals/",
            proposals_for_user(user("khonkaen")).count(),
            None,
        ),
        (
            "secretariat: every proposal (GET /proposals/)",
            "secretariat",
            "/proposals/",
            proposals_for_user(user("secretariat")).count(),
            None,
        ),
        (
            "secretariat inbox (GET /evaluation/inbox/)",
            "secretariat",
            "/evaluation/inbox/",
            ev.secretariat_inbox(user("secretariat")).count(),
            None,
        ),
        (
            "working-group queue (GET /evaluation/assignments/)",
            "wg.environment.1",
            "/evaluation/assignments/",
            ev.assignments_for_member(user("wg.environment.1")).count(),
            None,
        ),
        (
            "working-group home (GET /working-groups/environment/)",
            "wg.environment.1",
            "/working-groups/environment/",
            0,
            None,
        ),
        (
            f"meeting agenda (meeting {meeting})",
            "secretariat",
            f"/evaluation/meetings/{meeting.pk}/",
            meeting.items.count(),
            None,
        ),
    ]
    registry = "/registry/data.geojson"
    rows += [
        ("registry map data, cache emptied before each request", None, registry, -1, invalidate_registry),
        ("registry map data, from the cache", None, registry, -1, None),
    ]
    return rows


def resolves(url: str) -> bool:
    try:
        resolve(url.split("?")[0])
    except Resolver404:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=1000)
    parser.add_argument("--calls", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=15, help="timed requests per page (median reported)")
    args = parser.parse_args()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    old_name = prepare_database()
    try:
        started = time.perf_counter()
        counts = seed(Scale(proposals=args.proposals, calls=args.calls))
        seeded = time.perf_counter() - started
        report(counts, seeded, args.repeat)
    finally:
        if old_name:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        connection.close()
        shutil.rmtree(DATA_DIR, ignore_errors=True)


def report(counts: dict[str, int], seeded: float, repeat: int) -> None:
    load = ", ".join(f"{n:.2f}" for n in os.getloadavg())
    results = []
    for what, who, url, rows, before in pages():
        if not resolves(url):
            results.append((what, url, rows, TODO))
            continue
        client = signed_in(f"{who}@smartcity.example" if who else None)
        times, queries, content = measure(client, url, repeat, before)
        if rows == -1:
            rows = len(json.loads(content)["features"])
        results.append((what, url, rows, (times, queries, len(content))))
        if b'rel="next"' in content:  # a paginated list: its second page too
            times, queries, content = measure(client, f"{url}?page=2", repeat, before)
            results.append((f"{what}, page 2", f"{url}?page=2", rows, (times, queries, len(content))))
    load += " (after: " + ", ".join(f"{n:.2f}" for n in os.getloadavg()) + ")"
    cpu = platform.processor() or platform.machine()
    print(f"## {dt.date.today().isoformat()} — bench/scale.py (10× the demo)\n")
    print(
        f"Machine: {platform.node()} ({cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}), "
        f"Python {platform.python_version()}, Django {django.get_version()}, {database_label()}, DEBUG "
        f"{'on' if settings.DEBUG else 'off'}; load average before measuring {load}; seeding took {seeded:.0f} s; "
        f"median of {repeat} requests after 2 warm-up ones.\n"
    )
    print("| Rows | Count |\n|---|---|")
    for label, n in counts.items():
        print(f"| {label} | {n:,} |")
    print("\n| Page | Rows in the list | Queries | Size (KB) | Median (ms) | Fastest (ms) | CPU median (ms) |")
    print("|---|---|---|---|---|---|---|")
    for what, url, rows, measured in results:
        shown = f"{rows:,}" if rows else "—"
        if measured == TODO:
            print(f"| {what} `{url}` | TODO: the URL does not resolve yet | | | | | |")
        else:
            times, queries, size = measured
            milliseconds = " | ".join(f"{ms:.1f}" for ms in times)
            print(f"| {what} `{url}` | {shown} | {queries} | {size / 1024:.0f} | {milliseconds} |")


if __name__ == "__main__":
    main()
