"""Real-browser tests: Debian's Chromium driven by Playwright against Django's live server.

In CI a missing browser is a failure, not a skip (.ci/run installs the `chromium` package).
"""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make around it are
# ordinary synchronous calls, so Django's async-safety guard does not apply here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium package")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def shot():
    """shot(page, name) saves test-artifacts/NAME.png; see support.shot for the guides' screenshots."""
    from tests.e2e.support import shot

    return shot


def pytest_terminal_summary(terminalreporter):
    """How many pages axe-core checked, and the minor or moderate findings that do not fail a test."""
    from tests.e2e.support import ADVISORIES, AUDITS

    if AUDITS:
        seconds = sum(t for _page, t in AUDITS)
        terminalreporter.write_line(f"axe-core checked {len(AUDITS)} pages ({seconds:.1f} s)")
    for (rule, impact), pages in sorted(ADVISORIES.items()):
        terminalreporter.write_line(f"axe-core, {impact} (not failing): {rule} on {', '.join(sorted(pages)[:6])}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can tell that the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)
