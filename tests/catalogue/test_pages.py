"""The pages: the national catalogue, the dataset page (preview, snippets, Schema.org), members' editing, the
registry's city page, and the demo's catalogue validated as DCAT-AP 3."""

from __future__ import annotations

import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartcity.catalogue.models import Dataset
from tests.catalogue.conftest import package


def test_the_catalogue_page_searches_with_facets_in_thai_and_english(client, ckan, owner):
    ckan.ok("package_create", package("air-quality", owner))
    ckan.ok("package_create", package("secret", owner, private=True))
    page = client.get("/catalogue/", {"q": "อากาศ"}).content.decode()
    assert "คุณภาพอากาศรายชั่วโมงเมืองภูเก็ต" in page and "secret" not in page
    assert "เทศบาลนครภูเก็ต" in page  # the organisation facet, in Thai
    english = client.get("/catalogue/", {"tags": "air quality"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Hourly air quality in Phuket" in english
    refused = client.get("/catalogue/", {"q": 'tags:"open'}).content.decode()
    assert 'role="alert"' in refused


def test_catalogue_page_query_count_does_not_grow(client, ckan, owner):
    counts = []
    for index in range(2):
        ckan.ok("package_create", package(f"data-{index}", owner))
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/catalogue/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_dataset_page_has_preview_snippets_and_schema_org(client, ckan, owner):
    ckan.ok("package_create", package("air-quality", owner, resources=[]))
    from io import BytesIO

    upload = BytesIO("สถานี,PM2.5\nป่าตอง,31\nกะทู้,18\n".encode())
    upload.name = "stations.csv"
    client.post(
        "/api/3/action/resource_create",
        {"package_id": "air-quality", "name": "ตาราง", "upload": upload},
        HTTP_AUTHORIZATION=ckan.token,
    )
    page = client.get("/dataset/air-quality").content.decode()
    assert "<td>ป่าตอง</td>" in page and 'data-chart="chart-' in page
    assert "ckanapi action package_show id=air-quality" in page
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    schema = json.loads(block)
    assert schema["@type"] == "Dataset" and schema["distribution"][0]["encodingFormat"] == "text/csv"
    assert not re.search(r"<script(?![^>]*(src=|type=\"application/(ld\+)?json\"))[^>]*>", page)  # no inline JS


def test_members_edit_and_others_are_refused(client, login_as, editor, other_editor, city, ckan, owner):
    ckan.ok("package_create", package("air-quality", owner))
    login_as(other_editor)
    assert client.get("/dataset/air-quality/edit/").status_code == 403
    assert client.post("/dataset/air-quality/delete/").status_code == 403
    assert Dataset.objects.get().state == "active"
    login_as(editor)
    assert client.get(f"/catalogue/organisation/{city.pk}/").status_code == 200
    form = client.get("/dataset/air-quality/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(classification="personal", publish="on", groups=["environment"])
    response = client.post("/dataset/air-quality/edit/", data)
    assert response.status_code == 200 and response.context["form"].errors["publish"]
    assert Dataset.objects.get().classification == "open"
    data.update(classification="open", title_en="Air quality (edited)")
    assert client.post("/dataset/air-quality/edit/", data).status_code == 302
    assert Dataset.objects.get().title_en == "Air quality (edited)"
    response = client.post(
        "/dataset/air-quality/resource/new/",
        {"kind": "link", "name_th": "ลิงก์", "url": "file:///etc/passwd"},
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert Dataset.objects.get().resources.count() == 1
    resource = Dataset.objects.get().resources.get()
    page = client.get(f"/dataset/air-quality/resource/{resource.pk}/edit/").content.decode()
    assert f'action="/dataset/air-quality/resource/{resource.pk}/delete/"' in page and "นำทรัพยากรนี้ออก" in page


@pytest.mark.django_db
def test_the_demo_catalogue_is_valid_dcat_ap_and_shows_on_city_pages(client, settings):
    from rdflib import Graph

    from tests.catalogue.test_dcat import violations

    call_command("demo_data", quiet_accounts=True)
    assert Dataset.objects.filter(resources__kind="live").exists()
    graph = Graph().parse(data=client.get("/catalog.ttl").content, format="turtle")
    from pathlib import Path

    shapes = Graph().parse(Path(settings.CONFORMANCE_DIR) / "dcat-ap-3" / "dcat-ap-SHACL.ttl", format="turtle")
    count, text = violations(graph, shapes)
    assert count == 0, text
    assert "khonkaen-elderly-register" not in client.get("/catalog.ttl").content.decode()
    live = Dataset.objects.get(name="khonkaen-smart-city-plan-goals").resources.get()
    response = client.get(f"/dataset/{live.dataset_id}/resource/{live.pk}/live")
    assert b"".join(response.streaming_content).decode("utf-8-sig").startswith("ด้าน,Domain,เป้าหมาย")
    from smartcity.certification.models import Certificate

    certificate = Certificate.objects.filter(organization__name_en="Khon Kaen City Municipality").first()
    if certificate is not None:
        page = client.get(f"/registry/{certificate.number}/").content.decode()
        assert "ผู้โดยสารรถโดยสารประจำทางขอนแก่นรายเดือน" in page
