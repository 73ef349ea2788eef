"""package_search: Thai word segmentation, the fq language, facets, sorting, privacy and a query count that does
not depend on rows."""

from __future__ import annotations

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartcity.catalogue.ckan_actions import Stream
from smartcity.catalogue.ckan_api import _streamed
from tests.catalogue.conftest import package, read_json


def _seed(ckan, owner, other_ckan=None, other_owner=None):
    ckan.ok("package_create", package("air-quality", owner))
    ckan.ok(
        "package_create",
        package(
            "parking",
            owner,
            title_translated={"th": "ข้อมูลที่จอดรถสาธารณะเทศบาลนครภูเก็ต", "en": "Public car parks"},
            notes_translated={"th": "", "en": ""},
            tags=[{"name": "parking"}],
            groups=[{"name": "mobility"}],
            license_id="cc-by",
            resources=[{"name": "x", "url": "https://opendata.phuket.example/parking.geojson", "format": "GeoJSON"}],
        ),
    )
    ckan.ok("package_create", package("budget", owner, private=True, title="งบประมาณรายจ่ายประจำปี"))


def test_a_thai_query_finds_thai_titles_by_their_words(ckan, owner, anonymous_ckan):
    _seed(ckan, owner)
    search = lambda **p: anonymous_ckan.ok("package_search", p, method="get")  # noqa: E731
    assert [r["name"] for r in search(q="อากาศ")["results"]] == ["air-quality"]
    assert [r["name"] for r in search(q="ที่จอดรถ")["results"]] == ["parking"]
    assert {r["name"] for r in search(q="ภูเก็ต")["results"]} == {"air-quality", "parking"}
    assert search(q="อากาศ ที่จอดรถ")["count"] == 0  # words are ANDed
    assert search(q="อากาศ OR ที่จอดรถ")["count"] == 2
    assert search(q="Parks")["count"] == 1  # English, case-insensitive
    assert search(q="park*")["count"] == 1  # a prefix


def test_fq_facets_sort_and_paging(ckan, owner, anonymous_ckan):
    _seed(ckan, owner)
    search = lambda **p: anonymous_ckan.ok("package_search", p, method="get")  # noqa: E731
    assert search(fq=f"organization:{owner} +res_format:GeoJSON")["count"] == 1
    assert search(fq='tags:"air quality"')["count"] == 1
    assert search(fq="groups:(environment OR mobility)")["count"] == 2
    assert search(fq="-license_id:cc-by")["count"] == 1
    assert search(fq="metadata_modified:[2000-01-01T00:00:00Z TO *]")["count"] == 2
    result = search(**{"facet.field": '["groups","license_id","res_format"]', "facet.limit": "1"})
    assert len(result["facets"]["groups"]) == 1
    assert result["search_facets"]["license_id"]["items"][0]["count"] == 1
    names = [r["name"] for r in search(sort="name desc")["results"]]
    assert names == ["parking", "air-quality"]
    page = search(sort="id asc", rows="1", start="1")
    assert page["count"] == 2 and len(page["results"]) == 1


def test_private_datasets_only_for_members_who_ask(ckan, owner, anonymous_ckan, other_ckan):
    _seed(ckan, owner)
    assert anonymous_ckan.ok("package_search", {"include_private": "true"}, method="get")["count"] == 2
    assert other_ckan.ok("package_search", {"include_private": "true"}, method="get")["count"] == 2
    assert ckan.ok("package_search", {"include_private": "true"}, method="get")["count"] == 3
    assert "budget" not in anonymous_ckan.ok("package_list", method="get")
    assert anonymous_ckan.error("package_show", {"id": "budget"}, 404, method="get")["__type"] == "Not Found Error"
    assert other_ckan.error("package_show", {"id": "budget"}, 404, method="get")
    assert ckan.ok("package_show", {"id": "budget"}, method="get")["private"] is True
    listing = anonymous_ckan.ok("current_package_list_with_resources", {"limit": "10"}, method="get")
    assert {r["name"] for r in listing} == {"air-quality", "parking"}


def test_query_count_does_not_grow_with_rows(ckan, owner, anonymous_ckan):
    for index in range(12):
        ckan.ok("package_create", package(f"data-{index}", owner))
    params = {"q": "อากาศ", "fq": f"organization:{owner}", "facet.field": '["tags","organization","res_format"]'}
    counts = []
    for rows in ("1", "12"):
        with CaptureQueriesContext(connection) as queries:
            result = anonymous_ckan.ok("package_search", {**params, "rows": rows}, method="get")
        counts.append(len(queries))
        assert len(result["results"]) == int(rows)
    assert counts[0] == counts[1]


def test_lists_and_vocabularies(ckan, owner, anonymous_ckan):
    _seed(ckan, owner)
    get = lambda action, **p: anonymous_ckan.ok(action, p, method="get")  # noqa: E731
    assert get("package_list") == ["air-quality", "parking"]
    assert owner in get("organization_list")
    organisation = get("organization_show", id=owner)
    assert organisation["package_count"] == 2 and organisation["title"] == "เทศบาลนครภูเก็ต"
    assert get("group_list")[0] == "environment"
    assert get("group_show", id="mobility")["package_count"] == 1
    assert "parking" in get("tag_list") and "ฝุ่น" in get("tag_list")
    assert {lic["id"] for lic in get("license_list")} >= {"dga-ogl-th", "cc-by"}
    assert get("status_show")["ckan_version"].startswith("2.")
    assert get("site_read") is True
    record = get("package_show", id="air-quality")
    assert get("resource_show", id=record["resources"][0]["id"])["format"] == "CSV"
    assert read_json(anonymous_ckan.client.get("/api/action/package_list"))["result"] == ["air-quality", "parking"]


def test_package_list_streams_in_batches(ckan, owner, anonymous_ckan):
    _seed(ckan, owner)
    response = anonymous_ckan.get("package_list", offset="1")
    assert response.streaming and read_json(response)["result"] == ["parking"]
    assert anonymous_ckan.ok("package_list", {"limit": "1"}, method="get") == ["air-quality"]
    for count in (0, 1, 2, 3, 5):  # batch edges: empty, short, exactly full, one over, several
        names = [f"d-{n}" for n in range(count)]
        text = "".join(_streamed('{"result":[', Stream(iter(names)), batch=2))
        assert json.loads(text)["result"] == names
