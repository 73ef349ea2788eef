"""BOI endorsements over the API: the happy path, the lists per role, and refusals as problem details."""

import pytest

from smartcity.endorsements.models import Endorsement
from tests.api.test_proposals_api import api
from tests.endorsements.builders import IN_THAILAND_OUTSIDE_AREA, boi_officer, company, data, setting

pytestmark = pytest.mark.django_db


def test_request_decide_and_check_through_the_api(client):
    certificate, organization, user, secretariat = setting()
    created = api(client, "post", "/endorsements", user=user, **data(organization, certificate))
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == body["effective_status"] == "requested" and body["code"] is None
    assert body["certificate"]["number"] == certificate.number and body["domains"] == ["environment", "mobility"]
    pk = body["id"]

    mine = api(client, "get", "/endorsements", user=user).json()
    assert [e["id"] for e in mine] == [pk]
    _stranger_company, stranger = company()
    assert api(client, "get", "/endorsements", user=stranger).json() == []
    assert api(client, "get", f"/endorsements/{pk}", user=stranger).status_code == 404

    one = api(client, "get", f"/endorsements/{pk}", user=secretariat).json()
    assert [c["check"] for c in one["checks"]] == ["certificate", "activity", "location"]
    assert all(c["ok"] for c in one["checks"])
    approved = api(client, "post", f"/endorsements/{pk}/approve", user=secretariat, note="ครบถ้วน")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    code = approved.json()["code"]

    officer = boi_officer()
    assert [e["id"] for e in api(client, "get", "/endorsements?status=approved", user=officer).json()] == [pk]
    checked = api(client, "get", f"/endorsements/check?code={code}", user=officer).json()
    assert checked["valid"] is True and checked["certificate_status"] == "valid"
    assert checked["endorsement"]["juristic_id"] == organization.juristic_id
    missing = api(client, "get", "/endorsements/check?code=BOI-XYZ", user=officer)
    assert missing.status_code == 404 and missing["Content-Type"] == "application/problem+json"
    assert api(client, "get", f"/endorsements/check?code={code}", user=user).status_code == 403


def test_refusals_are_problem_details_and_nothing_is_saved(client):
    certificate, organization, user, secretariat = setting()
    r = api(client, "post", "/endorsements", user=user, **data(organization, certificate, **IN_THAILAND_OUTSIDE_AREA))
    assert r.status_code == 400 and r["Content-Type"] == "application/problem+json"
    problem = r.json()
    assert (problem["field"], problem["code"], problem["status"]) == ("location", "outside_area", 400)
    assert certificate.city_name_th in problem["detail"]
    r = api(client, "post", "/endorsements", user=user, **data(organization, certificate, lat="north"))
    assert r.status_code == 422 and r.json()["field"] == "lat"
    assert Endorsement.objects.count() == 0
    created = api(client, "post", "/endorsements", user=user, **data(organization, certificate)).json()
    r = api(client, "post", f"/endorsements/{created['id']}/approve", user=user, note="")
    assert r.status_code == 403 and r.json()["code"] == "forbidden"
    r = api(client, "post", f"/endorsements/{created['id']}/reject", user=secretariat, note="")
    assert r.status_code == 400 and r.json()["field"] == "note"
    assert api(client, "post", "/endorsements/999999/approve", user=secretariat, note="").status_code == 404
    assert Endorsement.objects.get().status == "requested"
    api(client, "post", f"/endorsements/{created['id']}/reject", user=secretariat, note="ไม่เข้าเงื่อนไข")
    r = api(client, "post", f"/endorsements/{created['id']}/approve", user=secretariat, note="")
    assert r.status_code == 409 and r.json()["code"] == "already_decided"
    assert api(client, "get", "/endorsements").status_code == 401
