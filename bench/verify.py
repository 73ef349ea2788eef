"""Benchmark: public certificate verification through the real server stack (gunicorn + Django + the database).

Run with `make bench-verify` (or `.venv/bin/python bench/verify.py [SECONDS] [CONCURRENCY]`). It builds a
throw-away SQLite database (or uses DATABASE_URL, e.g. PostgreSQL) with the demo data, starts gunicorn with two
sync workers on a free local port, and for each measured URL keeps CONCURRENCY client threads busy for SECONDS,
each request on a new connection (as browsers scanning a QR code do). It reports requests per second and the
median and 95th-percentile latency as a Markdown table to paste into docs/benchmarks.md with the machine and date.
The client runs on the same machine, so it takes CPU from the server: the numbers are a floor.
"""

from __future__ import annotations

import http.client
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = tempfile.mkdtemp(prefix="smartcity-bench-verify-")
ENV = {
    **os.environ,
    "SMARTCITY_DEMO": "1",
    "SMARTCITY_DATA_DIR": DATA_DIR,
    "SMARTCITY_DEBUG": "0",
    # Throughput, not throttling, is measured here (one address sends everything); the 429 path is measured apart.
    "SMARTCITY_VERIFY_RATE_PER_MINUTE": "100000000",
    "PYTHONPATH": str(ROOT / "src"),
}


def manage(*args: str) -> str:
    result = subprocess.run(  # noqa: S603 (our own manage.py with fixed arguments)
        [sys.executable, str(ROOT / "manage.py"), *args], env=ENV, check=True, capture_output=True, text=True
    )
    return result.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, env: dict) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 (gunicorn from this virtualenv)
        [
            sys.executable,
            "-m",
            "gunicorn",
            "smartcity.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start")


def hammer(port: int, path: str, seconds: float, concurrency: int) -> dict:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        mine, codes = [], {}
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path, headers={"Accept-Language": "th"})
            response = connection.getresponse()
            response.read()
            connection.close()
            mine.append(time.perf_counter() - start)
            codes[response.status] = codes.get(response.status, 0) + 1
        with lock:
            latencies.extend(mine)
            for code, count in codes.items():
                statuses[code] = statuses.get(code, 0) + count

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "statuses": statuses,
    }


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    concurrency = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    manage("migrate", "--noinput", "-v0")
    manage("createcachetable")
    manage("demo_data", "--quiet-accounts")
    number, payload = manage(
        "shell",
        "-c",
        "from smartcity.certification.models import Certificate as C; "
        "c = C.objects.get(number__startswith='SCT', proposal__organization__name_en__startswith='Khon Kaen City'); "
        "print(c.number); print(c.payload)",
    ).split()[-2:]
    port = free_port()
    server = start_server(port, ENV)
    rows = []
    try:
        cases = [
            ("verification page, number only", f"/verify/{number}/"),
            ("verification page with the QR payload", f"/verify/{number}/?p={urllib.parse.quote(payload)}"),
            ("public API: certificate status", f"/api/v1/public/certificates/{number}"),
            ("unknown number (404)", "/verify/SCT-2569-9999/"),
        ]
        hammer(port, cases[0][1], 2, concurrency)  # warm up both workers
        for label, path in cases:
            result = hammer(port, path, seconds, concurrency)
            rows.append((label, result))
    finally:
        server.terminate()
        server.wait()
    throttled_port = free_port()
    server = start_server(throttled_port, {**ENV, "SMARTCITY_VERIFY_RATE_PER_MINUTE": "120"})
    try:
        rows.append(
            (
                "over the limit (429), 120/min per address",
                hammer(throttled_port, f"/verify/{number}/", seconds, concurrency),
            )
        )
    finally:
        server.terminate()
        server.wait()
    database = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(f"\nMachine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {database};")
    print(f"gunicorn 2 sync workers; {concurrency} client threads on the same machine, {seconds:.0f} s per row.\n")
    print("| Request | req/s | median (ms) | p95 (ms) | responses |")
    print("|---|---|---|---|---|")
    for label, r in rows:
        codes = ", ".join(f"{code}×{count}" for code, count in sorted(r["statuses"].items()))
        print(f"| {label} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {codes} |")


if __name__ == "__main__":
    main()
