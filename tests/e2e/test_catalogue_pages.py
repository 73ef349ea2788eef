"""The open-data catalogue in a real browser: a Thai search finds a Thai title, the dataset page shows its table,
chart and map previews, axe-core finds nothing serious, and the pages fit a 360 px phone in Thai and English."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from smartcity.catalogue import resources, services
from smartcity.catalogue.publishers import publisher_for
from tests.conftest import requires_postgres
from tests.e2e.support import PHONE, Actor, horizontal_overflow
from tests.factories import MembershipFactory, OrganizationFactory

# Against PostgreSQL only, like the other browser tests (a live server needs committed data).
pytestmark = [requires_postgres, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARKING = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"ชื่อ": "ลานจอดตลาดใหญ่"},
            "geometry": {"type": "Point", "coordinates": [98.39, 7.89]},
        },
        {
            "type": "Feature",
            "properties": {"ชื่อ": "ลานจอดสะพานหิน"},
            "geometry": {"type": "Point", "coordinates": [98.40, 7.87]},
        },
    ],
}


@pytest.fixture
def catalogue(live_server, settings, tmp_path):
    settings.SITE_URL = live_server.url  # the stored records' download links point at this server
    settings.MEDIA_ROOT = tmp_path
    city = OrganizationFactory(name_th="เทศบาลนครภูเก็ต", name_en="Phuket City Municipality")
    editor = MembershipFactory(organization=city, role="editor").user
    owner = publisher_for(city).name
    for name, title_th, title_en, upload in (
        ("air-quality", "คุณภาพอากาศรายชั่วโมงเมืองภูเก็ต", "Hourly air quality in Phuket", _stations()),
        ("public-parking", "ที่จอดรถสาธารณะเทศบาลนครภูเก็ต", "Public car parks in Phuket", _parking()),
    ):
        data = {"name": name, "owner_org": owner, "private": False, "license_id": "dga-ogl-th"}
        data["title_translated"] = {"th": title_th, "en": title_en}
        services.create_dataset(actor=editor, data=data)
        resources.create_resource(actor=editor, data={"package_id": name, "name": upload.name}, upload=upload)


def _stations() -> SimpleUploadedFile:
    rows = "สถานี,PM2.5 (มคก./ลบ.ม.)\nศาลากลาง,21\nสะพานหิน,17\nตลาดใหญ่,26\n"
    return SimpleUploadedFile("stations.csv", rows.encode(), content_type="text/csv")


def _parking() -> SimpleUploadedFile:
    body = json.dumps(PARKING, ensure_ascii=False).encode()
    return SimpleUploadedFile("parking.geojson", body, content_type="application/geo+json")


def test_a_thai_search_opens_a_dataset_with_its_previews(browser, live_server, catalogue, shot):
    person = Actor(browser, live_server.url)
    page = person.goto("/catalogue/")
    page.fill("#q", "คุณภาพอากาศ")
    person.submit("form.catalogue-search")
    assert page.locator("#results-title").inner_text().startswith("1 ")
    shot(page, "catalogue-search-thai")
    person.click("text=คุณภาพอากาศรายชั่วโมงเมืองภูเก็ต")
    table = page.locator("details.preview table")
    assert table.locator("tbody tr").count() == 3 and "สะพานหิน" in table.inner_text()
    # ECharts drew its canvas with one bar per row of the table.
    page.wait_for_function(
        "(() => { const el = document.querySelector('.preview-chart');"
        " const chart = el && window.echarts && echarts.getInstanceByDom(el);"
        " return chart && el.querySelector('canvas') && chart.getOption().series[0].data.length === 3; })()"
    )
    shot(page, "catalogue-dataset-preview")

    page = person.goto("/dataset/public-parking")
    page.wait_for_function("document.querySelectorAll('#dataset-map path.leaflet-interactive').length === 2")
    person.close()


def test_catalogue_pages_fit_a_phone_in_thai_and_english(browser, live_server, catalogue):
    for locale in ("th-TH", "en-US"):
        person = Actor(browser, live_server.url, locale=locale, viewport=PHONE)
        for path in ("/catalogue/?q=ภูเก็ต", "/dataset/air-quality", "/dataset/public-parking"):
            page = person.goto(path)
            page.wait_for_load_state("networkidle")
            assert horizontal_overflow(page) <= 0, (locale, path)
        person.close()
