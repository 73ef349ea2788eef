"""The key pages of a certified city in English (switched with the header's language button) and on a phone
(360 × 740): the city's proposal, its certificate, the public verification page and the registry. axe-core
checks every page; on the phone nothing may scroll sideways and the main navigation must be usable."""

import re

import pytest

from tests.certification.builders import acknowledged
from tests.conftest import requires_postgres
from tests.e2e.support import PHONE, Actor, horizontal_overflow, shot

pytestmark = [
    requires_postgres,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_rules"),
]

THAI = re.compile("[\u0e00-\u0e7f]")


@pytest.fixture
def certified(settings, live_server):
    settings.SITE_URL = live_server.url
    proposal, certificate, _secretariat = acknowledged()
    return proposal, certificate


def key_pages(proposal, certificate) -> dict[str, str]:
    return {
        "applicant-proposal": f"/proposals/{proposal.pk}/",
        "certificate-page": f"/certificates/{certificate.number}/",
        "verification-valid": f"/verify/{certificate.number}/?p={certificate.payload}",
        "registry-map": "/registry/",
    }


def assert_in_english(page, heading_too: bool = True) -> None:
    assert page.get_attribute("html", "lang") == "en", page.url
    assert page.locator("header button[name=language][value=th]").count() == 1  # it now offers Thai
    interface = page.inner_text("nav.main") + page.inner_text("footer.site")
    if heading_too:  # the proposal page's title and heading are its (Thai) title
        interface += page.title() + page.inner_text("main h1")
    assert not THAI.search(interface), (page.url, interface)


def test_the_key_pages_in_english(browser, live_server, certified, password):
    proposal, certificate = certified
    actor = Actor(browser, live_server.url, proposal.created_by).sign_in(password)
    try:
        page = actor.click("header button[name=language][value=en]")
        assert_in_english(page, heading_too=False)
        page = actor.click("header a.brand")
        assert_in_english(page)
        shot(page, "en-home")
        for name, path in key_pages(proposal, certificate).items():
            page = actor.goto(path)
            assert_in_english(page, heading_too=name != "applicant-proposal")  # its heading is the Thai title
            if name == "verification-valid":
                assert page.locator("#verdict").get_attribute("data-status") == "valid"
                assert "Valid" in page.inner_text("#verdict .verdict-word")
            if name == "registry-map":
                page.wait_for_function("document.querySelectorAll('#registry-map path.leaflet-interactive').length")
            shot(page, f"en-{name}", doc=f"{name}-en")
    finally:
        actor.close()


def test_the_key_pages_fit_a_phone(browser, live_server, certified, password):
    proposal, certificate = certified
    actor = Actor(browser, live_server.url, proposal.created_by, viewport=PHONE).sign_in(password)
    try:
        for name, path in key_pages(proposal, certificate).items():
            page = actor.goto(path)
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], (
                path,
                horizontal_overflow(page),
            )
            assert_navigation_fits(page)
            shot(page, f"phone-{name}")
        page = actor.click("nav.main a[href='/verify/']")  # a tap on the main navigation works
        assert page.url.endswith("/verify/")
        page = actor.click("nav.main a[href='/proposals/']")
        assert page.locator(f"main a[href='/proposals/{proposal.pk}/']").count() == 1
    finally:
        actor.close()


def assert_navigation_fits(page) -> None:
    """Every link of the main navigation and the header's tools is shown inside the screen's width."""
    for link in page.locator("nav.main a, header .tools a, header .tools button").all():
        box = link.bounding_box()
        assert link.is_visible() and box is not None, link.inner_text()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (link.inner_text(), box)
        assert box["height"] >= 24, (link.inner_text(), box)  # WCAG 2.5.8: a target at least 24 px high
