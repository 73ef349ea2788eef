"""Refresh the guides' screenshots in docs/img/ from the browser journeys.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sct_e2e .venv/bin/python docs/screenshots.py

It runs the program journey (Thai) and the key pages in English with SMARTCITY_SCREENSHOTS_DIR=docs/img, so
each step that names a screenshot for the guides also writes it there: the 1280 × 800 viewport as a
256-colour PNG (and the certificate PDF's first page, rendered). The journeys need PostgreSQL and Debian's
chromium, like the rest of tests/e2e. Extra arguments go to pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = [
    "tests/e2e/test_program_journey.py",
    "tests/e2e/test_area_journey.py::test_search_use_a_boundary_upload_a_kml_and_keep_the_typed_text",
    "tests/e2e/test_key_pages.py::test_the_key_pages_in_english",
]


def main(argv: list[str]) -> int:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("Set DATABASE_URL to a PostgreSQL database: the browser journeys run only against PostgreSQL.")
        return 2
    target = ROOT / "docs" / "img"
    env = {**os.environ, "SMARTCITY_SCREENSHOTS_DIR": str(target)}
    command = [sys.executable, "-m", "pytest", *TESTS, "-q", "-p", "no:cacheprovider", *argv]
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)  # noqa: S603 (our own pytest run)
    if result.returncode == 0:
        written = sorted(target.glob("*.png"))
        size = sum(path.stat().st_size for path in written) / 1024
        print(f"{len(written)} screenshots in {target.relative_to(ROOT)} ({size:.0f} KiB)")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
