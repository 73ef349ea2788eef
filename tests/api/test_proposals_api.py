import json
from pathlib import Path

import pytest

from smartcity.accounts.services import create_api_token
from smartcity.core.audit import verify_chain
from smartcity.proposals.models import Proposal
from tests.factories import CallFactory, MembershipFactory, UserFactory, staff_user
from tests.proposals.builders import KHON_KAEN_AREA, complete, draft

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).resolve().parent.parent / "proposals" / "fixtures" / "khonkaen.proposal.json"


def bearer(user):
    _token, key = create_api_token(actor=user, name="city system")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def api(client, method, path, user=None, headers=None, **data):
    headers = headers if headers is not None else (bearer(user) if user else {})
    kwargs = {"content_type": "application/json", "data": json.dumps(data)} if data else {}
    return getattr(client, method)(f"/api/v1{path}", **kwargs, **headers)


def test_the_applicant_journey_through_the_api(client):
    membership = MembershipFactory(role="editor")
    user, call = membership.user, CallFactory()
    auth = bearer(user)
    created = api(
        client,
        "post",
        "/proposals",
        headers=auth,
        organization_id=membership.organization.pk,
        call_id=call.pk,
        city_type="livable",
        title_th="ขอนแก่นเมืองอัจฉริยะ",
    )
    assert created.status_code == 201, created.content
    pid, revision = created.json()["id"], created.json()["revision"]
    check = api(client, "get", f"/proposals/{pid}/check", headers=auth).json()
    assert check["ready_to_submit"] is False and check["blocking"] > 5
    assert {"criterion", "severity", "message_th", "message_en", "field"} <= set(check["findings"][0])
    r = api(
        client,
        "patch",
        f"/proposals/{pid}",
        headers=auth,
        revision=revision,
        domains=["environment", "mobility"],
        changes={
            "vision": "เมืองน่าอยู่",
            "admin_units": ["40"],
            "platform_description": "แพลตฟอร์ม",
            "sec_access_control": True,
            "sec_encryption": True,
            "sec_backup": True,
            "governance_structure": "ก",
            "financing_model": "ข",
            "om_plan": "ค",
            "participation": "ง",
        },
    )
    assert r.status_code == 200, r.content
    assert api(client, "put", f"/proposals/{pid}/area", headers=auth, geojson=KHON_KAEN_AREA).status_code == 200
    for kind, rows in {
        "goals": [
            {"domain": d, "title": "t", "kpi_name": "k", "target_year": 2030} for d in ("environment", "mobility")
        ],
        "infrastructure_items": [
            {
                "category": "fibre",
                "name": "n",
                "budget_baht": 5,
                "start_date": "2026-01-01",
                "end_date": "2026-06-01",
            }
        ],
        "datasets": [{"name": "air", "domain": "environment", "update_frequency": "daily", "openness": "open"}],
        "services": [
            {
                "domain": d,
                "name": "s",
                "description": "d",
                "budget_baht": 1,
                "start_date": "2026-01-01",
                "end_date": "2026-06-01",
            }
            for d in ("environment", "mobility")
        ],
    }.items():
        r = api(client, "put", f"/proposals/{pid}/items/{kind}", headers=auth, rows=rows)
        assert r.status_code == 200, (kind, r.content)
    assert api(client, "get", f"/proposals/{pid}/check", headers=auth).json()["ready_to_submit"] is True
    submitted = api(client, "post", f"/proposals/{pid}/submit", headers=auth)
    assert submitted.status_code == 200 and submitted.json()["number"] == 1
    again = api(client, "post", f"/proposals/{pid}/submit", headers=auth)
    assert again.status_code == 409 and again["Content-Type"] == "application/problem+json"
    assert again.json()["code"] == "transition_not_allowed"
    assert api(client, "get", f"/proposals/{pid}/versions/1", headers=auth).json()["version"] == 1
    pdf = api(client, "get", f"/proposals/{pid}/versions/1/pdf", headers=auth)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert verify_chain().ok


def test_bad_input_gets_problem_details_naming_the_field(client):
    proposal = draft()
    user = proposal.created_by
    r = api(client, "patch", f"/proposals/{proposal.pk}", user=user, changes={"population": "many"})
    body = r.json()
    assert r.status_code == 400 and body["field"] == "population" and body["status"] == 400
    assert r["Content-Type"] == "application/problem+json"
    r = api(
        client,
        "put",
        f"/proposals/{proposal.pk}/items/services",
        user=user,
        rows=[
            {
                "domain": "environment",
                "name": "x",
                "description": "d",
                "budget_baht": 1,
                "start_date": "2026-13-40",
                "end_date": "2026-01-01",
            }
        ],
    )
    assert r.status_code == 400 and r.json()["field"] == "services[0].start_date"
    r = api(client, "patch", f"/proposals/{proposal.pk}", user=user, changes={"vision": "ก" * 5001})
    assert r.status_code == 400 and r.json()["code"] == "too_long"
    r = api(
        client,
        "put",
        f"/proposals/{proposal.pk}/area",
        user=user,
        geojson={"type": "Point", "coordinates": [102.8, 16.4]},
    )
    assert r.status_code == 400 and r.json()["code"] == "wrong_type" and r.json()["field"] == "area"
    r = client.patch(
        f"/api/v1/proposals/{proposal.pk}", data="{not json", content_type="application/json", **bearer(user)
    )
    assert r.status_code in (400, 422)
    assert Proposal.objects.get(pk=proposal.pk).vision == ""


def test_messages_follow_the_accept_language(client):
    proposal = draft()
    r = api(
        client,
        "patch",
        f"/proposals/{proposal.pk}",
        user=proposal.created_by,
        headers=bearer(proposal.created_by) | {"HTTP_ACCEPT_LANGUAGE": "en"},
        changes={"bogus": 1},
    )
    assert r.json()["detail"] == "Unknown field: bogus."
    r = api(
        client,
        "patch",
        f"/proposals/{proposal.pk}",
        headers=bearer(proposal.created_by) | {"HTTP_ACCEPT_LANGUAGE": "th"},
        changes={"bogus": 1},
    )
    assert r.json()["detail"] == "ไม่รู้จักช่องข้อมูล: bogus"


def test_strangers_and_other_organisations_are_refused(client):
    proposal = draft()
    assert api(client, "get", f"/proposals/{proposal.pk}").status_code == 401
    bad = client.get(f"/api/v1/proposals/{proposal.pk}", HTTP_AUTHORIZATION="Bearer sct_not-a-real-token")
    assert bad.status_code == 401
    other = MembershipFactory(role="admin").user
    assert api(client, "get", f"/proposals/{proposal.pk}", user=other).status_code == 404
    r = api(client, "patch", f"/proposals/{proposal.pk}", user=other, changes={"vision": "hack"})
    assert r.status_code == 404
    assert api(client, "post", f"/proposals/{proposal.pk}/submit", user=other).status_code == 404
    assert api(client, "get", "/proposals", user=other).json() == []
    assert Proposal.objects.get(pk=proposal.pk).vision == ""


def test_viewer_may_read_but_not_write(client):
    proposal = draft()
    viewer = MembershipFactory(organization=proposal.organization, role="viewer").user
    assert api(client, "get", f"/proposals/{proposal.pk}", user=viewer).status_code == 200
    r = api(client, "patch", f"/proposals/{proposal.pk}", user=viewer, changes={"vision": "x"})
    assert r.status_code == 403


def test_secretariat_returns_a_submission_with_comments(client):
    proposal = complete()
    from smartcity.proposals import services

    services.submit_proposal(actor=proposal.created_by, proposal_id=proposal.pk)
    refused = api(
        client,
        "post",
        f"/proposals/{proposal.pk}/return",
        user=proposal.created_by,
        comments={"management": "y"},
    )
    assert refused.status_code == 403 and Proposal.objects.get(pk=proposal.pk).status == "submitted"
    secretariat = staff_user("secretariat")
    r = api(
        client,
        "post",
        f"/proposals/{proposal.pk}/return",
        user=secretariat,
        comments={"area_goals": "ขอบเขตพื้นที่ไม่ตรงกับเขตเทศบาล"},
    )
    assert r.status_code == 200 and r.json()["status"] == "returned"
    r = api(
        client,
        "post",
        f"/proposals/{proposal.pk}/return",
        user=proposal.created_by,
        comments={"management": "y"},
    )
    assert r.status_code == 409  # already returned: the table refuses before the role is even asked


def test_session_auth_needs_csrf(client, login_as):
    proposal = draft()
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    login_as(proposal.created_by, csrf_client)
    r = csrf_client.patch(
        f"/api/v1/proposals/{proposal.pk}",
        data=json.dumps({"changes": {"vision": "x"}}),
        content_type="application/json",
    )
    assert r.status_code in (401, 403)
    assert Proposal.objects.get(pk=proposal.pk).vision == ""
    assert csrf_client.get(f"/api/v1/proposals/{proposal.pk}").status_code == 200


def test_import_a_proposal_file(client):
    membership = MembershipFactory(role="editor")
    call = CallFactory()
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    r = api(
        client,
        "post",
        "/proposals/import",
        user=membership.user,
        organization_id=membership.organization.pk,
        call_id=call.pk,
        document=document,
    )
    assert r.status_code == 201, r.content
    assert r.json()["document"]["domains"] == ["environment", "mobility"]
    document["domains"] = ["tourism"]
    r = api(
        client,
        "post",
        "/proposals/import",
        user=membership.user,
        organization_id=membership.organization.pk,
        call_id=call.pk,
        document=document,
    )
    assert r.status_code == 400 and r.json()["errors"][0]["field"].startswith("domains")
    assert Proposal.objects.count() == 1


def test_open_calls_and_rules_are_public(client):
    CallFactory()
    assert len(client.get("/api/v1/calls").json()) == 1
    rules = client.get("/api/v1/criteria-sets/1").json()
    assert rules["min_domains"] == 2 and rules["pass_mark"] == 70.0
    assert client.get("/api/v1/criteria-sets/99").status_code == 404


def test_openapi_document_is_served_without_external_assets(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/proposals/{proposal_id}/check" in spec["paths"]
    docs = client.get("/api/v1/docs").content.decode()
    assert "cdn.jsdelivr" not in docs and "unpkg" not in docs


def test_list_queries_do_not_grow_with_rows(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    membership = MembershipFactory(role="editor")
    call = CallFactory()
    draft(membership.user, call)
    headers = bearer(membership.user)
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/proposals", **headers)
    for _ in range(4):
        draft(membership.user, call)
    with CaptureQueriesContext(connection) as five:
        assert len(client.get("/api/v1/proposals", **headers).json()) == 5
    assert len(five) == len(one)


def test_tokens_page_creates_and_revokes(client, login_as):
    user = UserFactory()
    login_as(user)
    page = client.post("/accounts/tokens/", {"name": "ระบบของเทศบาล"}).content.decode()
    assert "sct_" in page
    token = user.api_tokens.get()
    client.post("/accounts/tokens/", {"revoke": token.pk})
    token.refresh_from_db()
    assert token.revoked_at is not None
    other = UserFactory()
    _t, _key = create_api_token(actor=other, name="x")
    assert client.post("/accounts/tokens/", {"revoke": other.api_tokens.get().pk}).status_code == 404
