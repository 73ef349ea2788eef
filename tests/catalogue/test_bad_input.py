"""Bad input gets CKAN's error objects and stores nothing."""

from __future__ import annotations

import io
import uuid

import pytest

from smartcity.accounts.services import create_api_token
from smartcity.catalogue.models import Dataset, Resource
from smartcity.catalogue.names import is_valid_name
from tests.catalogue.conftest import Ckan, package
from tests.factories import MembershipFactory, staff_user


def test_name_collision(ckan, owner):
    ckan.ok("package_create", package("air-quality", owner))
    error = ckan.error("package_create", package("air-quality", owner))
    assert error["__type"] == "Validation Error" and error["name"] == ["ชื่อ URL นี้ถูกใช้แล้ว"]
    assert Dataset.objects.count() == 1


def test_only_a_platform_administrator_chooses_a_dataset_id(client, ckan, owner, city):
    chosen = str(uuid.uuid4())
    created = ckan.ok("package_create", package("air-quality", owner, id=chosen))
    assert created["id"] != chosen  # ignored for an editor, as CKAN ignores it for anyone but a sysadmin
    assert not Dataset.objects.filter(pk=chosen).exists()

    admin = staff_user("platform_admin")
    MembershipFactory(organization=city, user=admin, role="editor")
    admin_ckan = Ckan(client, create_api_token(actor=admin, name="migration")[1])
    assert admin_ckan.ok("package_create", package("bus-stops", owner, id=chosen))["id"] == chosen
    taken = admin_ckan.error("package_create", package("parking", owner, id=created["id"]))
    assert taken["__type"] == "Validation Error" and taken["id"] == ["รหัสนี้ถูกใช้แล้ว"]
    assert sorted(Dataset.objects.values_list("name", flat=True)) == ["air-quality", "bus-stops"]


@pytest.mark.parametrize("name", ["คุณภาพอากาศ", "Air-Quality", "a", "air quality"])
def test_names_outside_ckan_rules_are_refused_with_a_suggestion(ckan, owner, name):
    error = ckan.error("package_create", package(name, owner))
    suggestion = error["name"][0].split("“")[1].split("”")[0]
    assert is_valid_name(suggestion)
    assert not Dataset.objects.exists()
    assert ckan.ok("package_create", package(suggestion, owner))["name"] == suggestion


def test_unknown_licence(ckan, owner):
    error = ckan.error("package_create", package("x-data", owner, license_id="made-up"))
    assert list(error) == ["__type", "license_id"]
    assert not Dataset.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/csv,a,b",
        "http://127.0.0.1/x.csv",
        "http://10.1.2.3/x.csv",
        "http://[::1]/x.csv",
        "http://169.254.169.254/latest/meta-data",
        "http://localhost:8000/x",
        "https://user:secret@example.org/x.csv",
    ],
)
def test_resource_links_must_be_public_http(ckan, owner, url):
    error = ckan.error("package_create", package("x-data", owner, resources=[{"name": "x", "url": url}]))
    assert "url" in error["resources"][0]
    assert not Dataset.objects.exists() and not Resource.objects.exists()


def test_an_upload_that_is_not_what_it_claims(client, ckan, owner):
    ckan.ok("package_create", package("x-data", owner, resources=[]))
    fake = io.BytesIO(b"%PDF-1.4 not really a pdf")
    fake.name = "data.csv"
    response = client.post(
        "/api/3/action/resource_create",
        {"package_id": "x-data", "name": "x", "upload": fake},
        HTTP_AUTHORIZATION=ckan.token,
    )
    assert response.status_code == 409 and "upload" in response.json()["error"]
    html = io.BytesIO(b"<html><script>alert(1)</script></html>")
    html.name = "data.json"
    response = client.post(
        "/api/3/action/resource_create",
        {"package_id": "x-data", "name": "x", "upload": html},
        HTTP_AUTHORIZATION=ckan.token,
    )
    assert response.status_code == 409
    assert not Resource.objects.exists()


def test_personal_data_is_never_published(ckan, owner, anonymous_ckan):
    error = ckan.error("package_create", package("staff", owner, classification="personal", private=False))
    assert "PDPA" in error["private"][0] or "ส่วนบุคคล" in error["private"][0]
    assert not Dataset.objects.exists()
    ckan.ok("package_create", package("staff", owner, classification="personal", private=True))
    error = ckan.error("package_patch", {"id": "staff", "private": False})
    assert "private" in error
    assert Dataset.objects.get(name="staff").private is True
    assert anonymous_ckan.ok("package_search", {"q": "*:*"}, method="get")["count"] == 0


def test_a_token_of_another_organisation(ckan, other_ckan, owner):
    ckan.ok("package_create", package("air-quality", owner))
    before = Dataset.objects.get().package_json
    assert (
        other_ckan.error("package_patch", {"id": "air-quality", "title": "x"}, 403)["__type"] == "Authorization Error"
    )
    assert other_ckan.error("package_delete", {"id": "air-quality"}, 403)["__type"] == "Authorization Error"
    assert other_ckan.error("package_create", package("mine", owner), 403)["__type"] == "Authorization Error"
    assert Dataset.objects.get().package_json == before and Dataset.objects.count() == 1


def test_writes_without_or_with_a_wrong_token(anonymous_ckan, client, owner):
    assert anonymous_ckan.error("package_create", package("x", owner), 403)["__type"] == "Authorization Error"
    response = client.post(
        "/api/3/action/package_create", "{}", content_type="application/json", HTTP_AUTHORIZATION="Bearer nope"
    )
    assert response.status_code == 403
    assert not Dataset.objects.exists()


def test_rows_are_capped_and_bad_paging_refused(db, anonymous_ckan, settings):
    result = anonymous_ckan.ok("package_search", {"rows": "100000"}, method="get")
    assert result["count"] == 0
    assert anonymous_ckan.error("package_search", {"rows": "-1"}, method="get")["rows"]
    assert anonymous_ckan.error("package_search", {"start": "x"}, method="get")["start"]


@pytest.mark.parametrize(
    "fq", ['tags:"air quality', "(tags:a OR tags:b", "organization:", "OR tags:a", "nosuchfield:1"]
)
def test_malformed_fq(db, anonymous_ckan, fq):
    assert anonymous_ckan.error("package_search", {"fq": fq}, method="get")["__type"] == "Validation Error"


def test_a_nul_byte_anywhere(ckan, owner, anonymous_ckan):
    for bad in (
        package("nul-title", owner, title="ก\x00ข"),
        package("nul-tag", owner, tags=[{"name": "a\x00b"}]),
        package("nul-res", owner, resources=[{"name": "x\x00", "url": "https://opendata.phuket.example/a.csv"}]),
    ):
        assert ckan.error("package_create", bad)["__type"] == "Validation Error"
    assert anonymous_ckan.error("package_search", {"q": "a\x00"}, method="get")["__type"] == "Validation Error"
    assert not Dataset.objects.exists()


def test_malformed_json_and_unknown_actions(db, client):
    response = client.post("/api/3/action/package_search", "{not json", content_type="application/json")
    assert response.status_code == 400 and response.json()["success"] is False
    response = client.get("/api/3/action/no_such_action")
    assert response.status_code == 400 and response.json()["error"]["__type"] == "Bad Request"
