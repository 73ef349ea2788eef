"""The public registry and verification pages in a real browser: the map draws the cities, axe-core finds
nothing, and every page fits a 360 px wide phone."""

import pytest

from tests.certification.builders import acknowledged
from tests.conftest import requires_postgres
from tests.e2e.support import axe_violations, horizontal_overflow
from tests.registry.builders import another_city

# Against PostgreSQL only, like the other browser tests (a live server needs committed data).
pytestmark = [
    requires_postgres,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_rules"),
]


@pytest.fixture
def cities():
    _proposal, khonkaen, _secretariat = acknowledged()
    phuket = another_city(khonkaen, "phuket", domains=("environment", "economy"))
    zone = another_city(khonkaen, "chonburi", kind="promotion_zone")
    return khonkaen, phuket, zone


def test_the_map_draws_every_city_and_its_popup_links_to_the_city_page(page, cities, shot):
    khonkaen, phuket, zone = cities
    page.goto(page.base_url + "/registry/")
    # Three areas and three dots at their centres, over Thailand's outline.
    page.wait_for_function("document.querySelectorAll('#registry-map path.leaflet-interactive').length >= 6")
    page.wait_for_function("document.querySelectorAll('#registry-map path:not(.leaflet-interactive)').length >= 1")
    shot(page, "registry-map")
    centre = [float(phuket.centroid_lat), float(phuket.centroid_lon)]
    page.evaluate("c => document.getElementById('registry-map').leafletMap.setView(c, 11)", centre)
    page.wait_for_timeout(400)
    box = page.locator("#registry-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "ภูเก็ตเมืองอัจฉริยะ" in popup.inner_text()
    assert popup.locator("a").get_attribute("href").endswith(f"/registry/{phuket.number}/")


def test_the_public_pages_pass_axe_and_fit_a_phone(browser, live_server, cities, shot):
    khonkaen, phuket, zone = cities
    paths = [
        "/registry/",
        "/registry/?region=south",
        f"/registry/{khonkaen.number}/",
        "/verify/",
        f"/verify/{khonkaen.number}/?p={khonkaen.payload}",
        f"/verify/{khonkaen.number}/?p=broken.payload",
        "/verify/SCT-2569-9999/",
    ]
    for language in ("th-TH", "en-US"):
        for width in (1280, 360):
            context = browser.new_context(locale=language, viewport={"width": width, "height": 800})
            page = context.new_page()
            try:
                for path in paths:
                    page.goto(live_server.url + path)
                    page.wait_for_load_state("networkidle")
                    assert axe_violations(page) == [], (language, width, path)
                    overflow = horizontal_overflow(page)
                    assert overflow <= 0, (language, width, path, overflow)
                    if width == 360 and language == "th-TH":
                        shot(page, "phone" + path.split("?")[0].replace("/", "-").rstrip("-"))
            finally:
                context.close()
