import pytest

pytestmark = pytest.mark.django_db


def test_landing_page_is_thai_by_default(client):
    page = client.get("/")
    html = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="th">' in html
    assert "เมืองอัจฉริยะ" in html and "สิ่งแวดล้อมอัจฉริยะ" in html


def test_language_switch_to_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/program/"})
    html = client.get("/program/").content.decode()
    assert '<html lang="en">' in html
    assert "Smart Environment" in html and "11 March 2019" in html


def test_program_page_shows_the_rules_in_thai_with_buddhist_era(client):
    html = client.get("/program/").content.decode()
    assert "ประกาศ 1/2562" in html and "11 มีนาคม 2562" in html
    assert "ต้องมีระบบจัดเก็บและบริหารข้อมูลเมืองที่ปลอดภัย" in html


def test_pages_are_served_with_the_thai_web_font(client):
    html = client.get("/").content.decode()
    assert "vendor/sarabun/sarabun.css" in html


def test_health_check(client):
    assert client.get("/healthz").json() == {"status": "ok"}


@pytest.mark.parametrize(
    "path",
    [
        "/static/css/app.css",
        "/static/vendor/sarabun/sarabun.css",
        "/static/vendor/sarabun/sarabun-thai-400-normal.woff2",
        "/static/vendor/leaflet/leaflet.js",
        "/static/vendor/leaflet-draw/leaflet.draw.js",
        "/static/js/area-map.js",
    ],
)
def test_static_assets_are_served(client, path):
    response = client.get(path)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert len(body) > 100
