"""What every browser test shares: signing in (with a real TOTP step for staff), axe-core on every page,
screenshots, and the small moves on forms and maps.

Every navigation of the journeys goes through ``Actor.goto`` / ``Actor.click`` / ``Actor.submit``, which run
axe-core on the page they arrive at and fail on any "serious" or "critical" violation.
"""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

from pypdf import PdfWriter

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "src" / "smartcity" / "static" / "vendor" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
BLOCKING_IMPACTS = ("serious", "critical")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}

# Minor and moderate findings do not fail a test; they are collected here and printed at the end of the run.
ADVISORIES: dict[tuple[str, str], set[str]] = {}
AUDITS: list[tuple[str, float]] = []  # (page, seconds axe-core took)


# --- axe-core ------------------------------------------------------------------------------------------------


def axe_violations(page, impacts=None) -> list[dict]:
    """axe-core's violations on the page, as {id, impact, help, targets}; only ``impacts`` when given."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({"
        "id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' '))})))"
    )
    return [v for v in found if impacts is None or v["impact"] in impacts]


def assert_accessible(page) -> None:
    """Fail on serious or critical axe violations, naming the rule, the elements and the page."""
    violations = axe_violations(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    for v in violations:
        if v["impact"] not in BLOCKING_IMPACTS:
            ADVISORIES.setdefault((v["id"], v["impact"]), set()).add(_path(page.url))
    assert not blocking, f"axe-core on {page.url}:\n" + "\n".join(
        f"  {v['impact']} {v['id']} ({v['help']}): {', '.join(v['targets'][:5])}" for v in blocking
    )


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[-1] if url.count("/") >= 3 else url


# --- screenshots ---------------------------------------------------------------------------------------------


def docs_screenshot_dir() -> Path | None:
    """SMARTCITY_SCREENSHOTS_DIR=docs/img makes the journeys also write the guides' screenshots there."""
    value = os.environ.get("SMARTCITY_SCREENSHOTS_DIR", "")
    if not value:
        return None
    path = Path(value)
    return path if path.is_absolute() else ROOT / path


def save_png(image, target: Path, colours: int = 256) -> None:
    """A PIL image as a small PNG: a palette of ``colours`` is plenty for a screenshot of a web page."""
    image.convert("RGB").quantize(colours).save(target, optimize=True)


def shot(page, name: str, doc: str | None = None) -> None:
    """test-artifacts/NAME.png (the whole page); with SMARTCITY_SCREENSHOTS_DIR set and a ``doc`` name, also
    the viewport as DIR/DOC.png for the guides."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    directory = docs_screenshot_dir()
    if directory is not None and doc:
        from PIL import Image

        directory.mkdir(parents=True, exist_ok=True)
        save_png(Image.open(io.BytesIO(page.screenshot(full_page=False))), directory / f"{doc}.png")


# --- people in browsers --------------------------------------------------------------------------------------


def new_page(browser, base_url: str, locale: str = "th-TH", viewport=None):
    context = browser.new_context(locale=locale, viewport=viewport or DESKTOP, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = base_url
    return page


class Actor:
    """One person in their own browser context; every page they reach is checked by axe-core."""

    def __init__(self, browser, base_url: str, user=None, locale: str = "th-TH", viewport=None, audit: bool = True):
        self.user = user
        self.page = new_page(browser, base_url, locale, viewport)
        self.base_url = base_url
        self.audit = audit
        self.round_trips = 0  # pages loaded: how many times this person waited for the server

    def goto(self, path: str):
        self.page.goto(self.base_url + path if path.startswith("/") else path)
        return self.arrived()

    def click(self, selector: str):
        """Follow a link or press a button that loads a new page."""
        with self.page.expect_navigation():
            self.page.click(selector)
        return self.arrived()

    def submit(self, form: str = "main form.stacked"):
        """Press the submit button of the form (a CSS selector of the form or of the button itself)."""
        button = form if "button" in form else f"{form} button[type=submit]"
        return self.click(button)

    def arrived(self):
        self.round_trips += 1
        self.page.wait_for_load_state("load")
        if self.audit:
            self.check(self.page)
        return self.page

    @staticmethod
    def check(page) -> None:
        started = time.monotonic()
        assert_accessible(page)
        AUDITS.append((_path(page.url), time.monotonic() - started))

    def sign_in(self, password: str):
        sign_in(self.page, self.user, password, check=self.check if self.audit else None)
        return self

    def close(self) -> None:
        self.page.context.close()


def sign_in(page, user, password: str, check=None) -> None:
    """The sign-in page, then, for staff, the two-factor page with a code computed as an authenticator app does."""
    check = check or (lambda _page: None)
    page.goto(page.base_url + "/accounts/sign-in/")
    check(page)
    page.fill("#id_email", user.email)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("form.stacked button[type=submit]")
    if "/accounts/two-factor/" in page.url:
        check(page)
        page.fill("#id_token", totp_code(page, user))
        with page.expect_navigation():
            page.click("form.stacked button[type=submit]")
    page.wait_for_url("**/home/")
    check(page)


def totp_code(page, user) -> str:
    """The 6 digits for now: from the key the enrolment page shows, or from the user's confirmed device."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    secret = page.locator("#totp-secret")
    if secret.count():
        key = bytes.fromhex(secret.inner_text().strip())
    else:
        key = TOTPDevice.objects.get(user=user, confirmed=True).bin_key
    return f"{totp(key, step=30, t0=0, digits=6):06d}"


# --- forms and maps ------------------------------------------------------------------------------------------


def fill_row(page, prefix, index, values) -> None:
    for name, value in values.items():
        selector = f"#id_{prefix}-{index}-{name}"
        tag = page.eval_on_selector(selector, "el => el.tagName + ':' + (el.type || '')")
        if tag.startswith("SELECT"):
            page.select_option(selector, value)
        elif tag.endswith("checkbox"):
            page.check(selector) if value else page.uncheck(selector)
        else:
            page.fill(selector, str(value))


LOPBURI = [(14.70, 100.50), (14.70, 100.75), (14.90, 100.75), (14.90, 100.50)]
LOPBURI_GEOJSON = {
    "type": "Polygon",
    "coordinates": [[[lon, lat] for lat, lon in [*LOPBURI, LOPBURI[0]]]],
}


def draw_polygon_on_map(page, corners) -> None:
    """Click the polygon tool, then each corner (found from its latitude/longitude), then the first again."""
    page.wait_for_function("document.getElementById('area-map').leafletMap !== undefined")
    page.evaluate("document.getElementById('area-map').leafletMap.setView([14.8, 100.62], 10)")
    page.wait_for_timeout(300)
    page.click(".leaflet-draw-draw-polygon")
    box = page.locator("#area-map").bounding_box()
    for lat, lon in [*corners, corners[0]]:
        point = page.evaluate(
            "([lat, lon]) => document.getElementById('area-map').leafletMap.latLngToContainerPoint([lat, lon])",
            [lat, lon],
        )
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_timeout(150)


def scroll_to(page, selector: str, block: str = "start") -> None:
    """Scroll so that the element is at the top (or "center") of the window, for a screenshot."""
    page.locator(selector).evaluate("(el, block) => el.scrollIntoView({block})", block)


def click_on_map(page, map_id: str, lat: float, lon: float) -> None:
    """Click the place at latitude/longitude on the Leaflet map with element id ``map_id``."""
    page.wait_for_function(f"document.getElementById('{map_id}').leafletMap !== undefined")
    page.locator(f"#{map_id}").scroll_into_view_if_needed()
    page.wait_for_timeout(500)  # the map's fitBounds animation
    point = page.evaluate(
        f"([lat, lon]) => document.getElementById('{map_id}').leafletMap.latLngToContainerPoint([lat, lon])",
        [lat, lon],
    )
    box = page.locator(f"#{map_id}").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def pdf_file(tmp_path: Path, name: str = "แผนแม่บทเมืองอัจฉริยะ.pdf") -> Path:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


def blocking_codes(page) -> list[str]:
    return page.eval_on_selector_all(".finding.blocking", "els => els.map(e => e.dataset.code)")


def horizontal_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
