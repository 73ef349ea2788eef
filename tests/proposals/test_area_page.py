"""The area-and-goals page as one form: boundaries as the area, place search, uploads, clipping with consent,
and typed text that survives a refused save; the same through the API."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from smartcity.core.audit import AuditEvent
from smartcity.proposals import boundaries, geometry
from smartcity.proposals.models import Proposal
from tests.api.test_proposals_api import bearer
from tests.proposals.builders import KHON_KAEN_AREA, area_goals_data, draft
from tests.proposals.test_area_files import kml, polygon_kml

pytestmark = pytest.mark.django_db
MEKONG = {"type": "Polygon", "coordinates": [[[102.6, 17.9], [102.7, 17.9], [102.7, 18.0], [102.6, 17.9]]]}


def page(pk: int) -> str:
    return f"/proposals/{pk}/edit/area-goals/"


def test_the_shipped_boundaries_cover_every_province_with_its_dopa_code():
    assert boundaries.manifest()["counts"]["province"] == 77
    khon_kaen = boundaries.boundary_feature("40")
    assert khon_kaen["properties"]["name_th"] == "ขอนแก่น"
    assert 10_000 < geometry.area_km2(boundaries.merged_area(["40"])) < 11_500  # about 10,886 km²
    assert boundaries.boundary_feature("99") is None and boundaries.boundary_feature("x") is None


def test_place_search_by_thai_and_english_name():
    found = boundaries.search_places("ขอนแก่น")
    assert (found[0].level, found[0].code, found[0].has_shape) == ("province", "40", True)
    district = next(p for p in found if p.code == "4001")
    assert district.level == "district" and district.bbox == found[0].bbox  # no shape yet: zoom to the province
    assert boundaries.search_places("Khon Kaen")[0].code == "40"
    assert boundaries.search_places("   ") == []


def test_neighbouring_provinces_merge_into_one_area_without_slivers():
    merged = boundaries.merged_area(["40", "44"])  # Khon Kaen and Maha Sarakham share a border
    assert len(merged.geoms) == 1 and merged.is_valid
    with pytest.raises(boundaries.BoundaryError) as info:
        boundaries.merged_area(["40", "9999"])
    assert info.value.code == "unknown_boundary"


def test_a_hole_larger_than_its_shell_is_refused_even_with_repair():
    shell = [[102.8, 16.4], [102.81, 16.4], [102.81, 16.41], [102.8, 16.41], [102.8, 16.4]]
    hole = [[102.7, 16.3], [102.9, 16.3], [102.9, 16.5], [102.7, 16.5], [102.7, 16.3]]
    area = geometry.from_geojson_dict({"type": "Polygon", "coordinates": [shell, hole]})
    for repair in (False, True):
        with pytest.raises(geometry.AreaError) as info:
            geometry.validate_area(area, repair=repair)
        assert info.value.code == "hole_outside_shell"


def test_use_a_boundary_as_the_area_without_javascript_keeps_the_typed_text(client, login_as):
    proposal = draft()
    login_as(proposal.created_by)
    data = area_goals_data(proposal, vision="เมืองน่าอยู่", boundaries=["40"], use_boundaries="1")
    response = client.post(page(proposal.pk), data)
    assert response.status_code == 302 and response["Location"] == page(proposal.pk)
    proposal.refresh_from_db()
    assert proposal.vision == "เมืองน่าอยู่" and proposal.admin_units == ["40"]
    assert 10_000 < float(proposal.area_km2) < 11_500
    event = AuditEvent.objects.filter(action="proposal.area_set").latest("id")
    assert event.after["source"] == "boundaries" and event.after["boundaries"] == ["40"]


def test_searching_without_javascript_shows_places_and_keeps_what_was_typed(client, login_as):
    proposal = draft()
    login_as(proposal.created_by)
    data = area_goals_data(proposal, vision="ยังไม่บันทึก", place="ขอนแก่น", find_place="1")
    response = client.post(page(proposal.pk), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="boundaries" value="40"' in html and "ยังไม่บันทึก" in html
    assert Proposal.objects.get(pk=proposal.pk).vision == ""


def test_a_refused_area_keeps_every_typed_field_and_nothing_is_saved(client, login_as):
    proposal = draft()
    login_as(proposal.created_by)
    data = area_goals_data(proposal, MEKONG, vision="วิสัยทัศน์ที่พิมพ์ไว้", population="120000")
    response = client.post(page(proposal.pk), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "วิสัยทัศน์ที่พิมพ์ไว้" in html and 'value="120000"' in html and 'id="area-outside"' in html
    assert "อยู่นอกประเทศไทย" in html
    proposal.refresh_from_db()
    assert (proposal.vision, proposal.population, proposal.area) == ("", None, None)
    response = client.post(page(proposal.pk), data | {"area_clip": "on"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.vision == "วิสัยทัศน์ที่พิมพ์ไว้" and geometry.area_km2(geometry.from_geojson_dict(proposal.area)) > 0


def test_an_uploaded_kml_is_saved_with_the_rest_of_the_page(client, login_as):
    proposal = draft()
    login_as(proposal.created_by)
    upload = SimpleUploadedFile("area.kml", kml(polygon_kml()), content_type="application/vnd.google-earth.kml+xml")
    response = client.post(page(proposal.pk), area_goals_data(proposal, vision="ก", area_file=upload, save_next="1"))
    assert response.status_code == 302 and response["Location"].endswith("/edit/infrastructure/")
    proposal.refresh_from_db()
    assert proposal.vision == "ก" and float(proposal.area_km2) == pytest.approx(117.5, rel=0.02)


def test_pasted_geojson_is_read_by_the_same_checks(client, login_as):
    proposal = draft()
    login_as(proposal.created_by)
    response = client.post(page(proposal.pk), area_goals_data(proposal, area_paste=json.dumps(KHON_KAEN_AREA)))
    assert response.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).area_km2 > 0


def test_the_merged_boundaries_and_place_search_for_the_map(client, login_as):
    proposal = draft()
    login_as(proposal.created_by)
    merged = client.get("/proposals/boundaries.json?code=40&code=44").json()
    assert merged["area"]["type"] == "MultiPolygon" and merged["area_km2"] > 15_000
    assert client.get("/proposals/boundaries.json?code=77777").status_code == 400
    places = client.get("/proposals/places.json", {"q": "ขอนแก่น"}).json()["places"]
    assert places[0]["code"] == "40" and places[0]["has_shape"] is True


def test_the_api_takes_boundaries_and_files(client):
    proposal = draft()
    auth = bearer(proposal.created_by)
    url = f"/api/v1/proposals/{proposal.pk}/area"
    r = client.put(url, data=json.dumps({"boundaries": ["40"]}), content_type="application/json", **auth)
    assert r.status_code == 200, r.content
    assert Proposal.objects.get(pk=proposal.pk).admin_units == ["40"]
    r = client.post(f"{url}/file", {"file": SimpleUploadedFile("area.kml", kml(polygon_kml()))}, **auth)
    assert r.status_code == 200, r.content
    assert float(Proposal.objects.get(pk=proposal.pk).area_km2) == pytest.approx(117.5, rel=0.02)
    pins = kml("<Placemark><Point><coordinates>102.8,16.4</coordinates></Point></Placemark>")
    r = client.post(f"{url}/file", {"file": SimpleUploadedFile("pins.kml", pins)}, **auth)
    assert r.status_code == 400 and r.json()["field"] == "area" and r.json()["code"] == "no_polygon"
    assert float(Proposal.objects.get(pk=proposal.pk).area_km2) == pytest.approx(117.5, rel=0.02)
    with translation.override("th"):
        places = client.get("/api/v1/places", {"q": "ขอนแก่น"}, **auth).json()
    assert places[0]["code"] == "40" and places[0]["has_shape"] is True
