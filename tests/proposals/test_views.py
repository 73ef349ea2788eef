import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartcity.program.models import CityType
from smartcity.proposals.models import Proposal
from tests.factories import CallFactory, MembershipFactory, staff_user
from tests.proposals.builders import KHON_KAEN_AREA, area_goals_data, complete, draft

pytestmark = pytest.mark.django_db


def test_applicant_starts_a_proposal_in_the_browser(client, login_as):
    membership = MembershipFactory(role="editor")
    call = CallFactory()
    login_as(membership.user)
    assert "เริ่มข้อเสนอ" in client.get("/proposals/").content.decode()
    response = client.post(
        "/proposals/new/",
        {
            "organization": membership.organization.pk,
            "call": call.pk,
            "city_type": CityType.objects.get(code="livable").pk,
            "title_th": "ขอนแก่นเมืองอัจฉริยะ",
        },
    )
    proposal = Proposal.objects.get()
    assert response.url == f"/proposals/{proposal.pk}/"
    page = client.get(response.url).content.decode()
    assert "รายการที่ยังขาด" in page and 'id="submit-button" disabled' in page


def test_missing_title_names_the_field_in_thai(client, login_as):
    membership = MembershipFactory(role="editor")
    call = CallFactory()
    login_as(membership.user)
    response = client.post(
        "/proposals/new/",
        {
            "organization": membership.organization.pk,
            "call": call.pk,
            "city_type": CityType.objects.get(code="livable").pk,
        },
    )
    assert response.status_code == 400 and "title_th_error" in response.content.decode()
    assert not Proposal.objects.exists()


def test_sections_are_saved_through_the_forms(client, login_as):
    proposal = draft()
    login_as(proposal.created_by)
    base = f"/proposals/{proposal.pk}/edit"
    r = client.post(
        f"{base}/general/",
        {
            "revision": 1,
            "title_th": "ขอนแก่น",
            "title_en": "Khon Kaen",
            "city_type": CityType.objects.get(code="new").pk,
            "domains": ["1", "2"],
        },
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    proposal.refresh_from_db()
    assert proposal.title_en == "Khon Kaen" and proposal.domains.count() == 2
    r = client.post(
        f"{base}/management/",
        {
            "revision": proposal.revision,
            "governance_structure": "คณะกรรมการ",
            "financing_model": "PPP",
            "om_plan": "O&M",
            "participation": "เวที",
            "risks": "",
            "lead_organization": "",
            "city_development_company": "",
        },
    )
    assert r.status_code == 302
    proposal.refresh_from_db()
    r = client.post(
        f"{base}/infrastructure/",
        {
            "revision": proposal.revision,
            "infrastructure_items-TOTAL_FORMS": 1,
            "infrastructure_items-INITIAL_FORMS": 0,
            "infrastructure_items-0-category": "fibre",
            "infrastructure_items-0-name": "ใยแก้ว",
            "infrastructure_items-0-budget_baht": "1000000",
            "infrastructure_items-0-start_date": "2026-01-01",
            "infrastructure_items-0-end_date": "2026-12-31",
            "infrastructure_items-0-status": "planned",
        },
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    assert proposal.infrastructure_items.get().name == "ใยแก้ว"

    proposal.refresh_from_db()
    r = client.post(f"{base}/area-goals/", area_goals_data(proposal, KHON_KAEN_AREA))
    assert r.status_code == 302, r.content.decode()[:3000]
    proposal.refresh_from_db()
    assert proposal.area is not None and proposal.area_km2 > 0


def test_stale_form_is_refused_with_a_message(client, login_as):
    proposal = draft()
    login_as(proposal.created_by)
    data = {
        "revision": 1,
        "governance_structure": "ก",
        "financing_model": "",
        "om_plan": "",
        "participation": "",
        "risks": "",
        "lead_organization": "",
        "city_development_company": "",
    }
    client.post(f"/proposals/{proposal.pk}/edit/management/", data)
    stale = client.post(f"/proposals/{proposal.pk}/edit/management/", data | {"governance_structure": "ข"})
    assert stale.status_code == 400 and "มีผู้อื่นบันทึก" in stale.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).governance_structure == "ก"


def test_script_in_text_is_shown_escaped(client, login_as):
    proposal = draft(title="<script>alert('x')</script>")
    login_as(proposal.created_by)
    page = client.get(f"/proposals/{proposal.pk}/").content.decode()
    assert "<script>alert('x')</script>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_other_organisation_gets_404_and_nothing_changes(client, login_as):
    proposal = draft()
    login_as(MembershipFactory(role="admin").user)
    assert client.get(f"/proposals/{proposal.pk}/").status_code == 404
    r = client.post(f"/proposals/{proposal.pk}/edit/management/", {"revision": 1, "governance_structure": "hack"})
    assert r.status_code == 404
    assert client.post(f"/proposals/{proposal.pk}/submit/").status_code == 404
    assert Proposal.objects.get(pk=proposal.pk).governance_structure == ""


def test_secretariat_does_not_see_drafts_but_sees_submissions(client, login_as):
    proposal = complete()
    login_as(staff_user("secretariat"))
    assert client.get(f"/proposals/{proposal.pk}/").status_code == 404
    from smartcity.proposals import services

    services.submit_proposal(actor=proposal.created_by, proposal_id=proposal.pk)
    assert client.get(f"/proposals/{proposal.pk}/").status_code == 200


def test_viewer_cannot_open_edit_pages(client, login_as):
    proposal = draft()
    viewer = MembershipFactory(organization=proposal.organization, role="viewer").user
    login_as(viewer)
    assert client.get(f"/proposals/{proposal.pk}/").status_code == 200
    assert client.get(f"/proposals/{proposal.pk}/edit/general/").status_code == 403


def test_submit_through_the_page_and_edit_pages_close(client, login_as):
    proposal = complete()
    login_as(proposal.created_by)
    page = client.get(f"/proposals/{proposal.pk}/").content.decode()
    assert 'id="submit-button" disabled' not in page
    client.post(f"/proposals/{proposal.pk}/submit/")
    proposal.refresh_from_db()
    assert proposal.status == "submitted" and proposal.versions.count() == 1
    assert client.get(f"/proposals/{proposal.pk}/edit/general/").status_code == 403


def test_english_checklist(client, login_as):
    proposal = draft()
    login_as(proposal.created_by)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"/proposals/{proposal.pk}/").content.decode()
    assert "Draw the area on the map or upload it as a GeoJSON file." in page


def test_proposal_list_queries_do_not_grow_with_rows(client, login_as):
    membership = MembershipFactory(role="editor")
    call = CallFactory()
    login_as(membership.user)
    draft(membership.user, call)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/proposals/").status_code == 200
    for _ in range(5):
        draft(membership.user, call)
    with CaptureQueriesContext(connection) as six:
        page = client.get("/proposals/").content.decode()
    assert page.count("/proposals/") >= 6
    assert len(six) == len(one)


def test_proposal_list_shows_50_a_page_and_the_second_page_the_rest(client, login_as):
    membership = MembershipFactory(role="editor")
    call = CallFactory()
    login_as(membership.user)
    draft(membership.user, call, title="ข้อเสนอ 00")
    with CaptureQueriesContext(connection) as one_row:
        assert "ข้อเสนอ 00" in client.get("/proposals/").content.decode()
    for n in range(1, 52):
        draft(membership.user, call, title=f"ข้อเสนอ {n:02d}")
    with CaptureQueriesContext(connection) as first_page:
        first = client.get("/proposals/").content.decode()
    with CaptureQueriesContext(connection) as second_page:
        second = client.get("/proposals/?page=2").content.decode()
    # Newest first: 51 down to 02 on the first page, 01 and 00 on the second.
    assert "ข้อเสนอ 51" in first and "ข้อเสนอ 02" in first
    assert "ข้อเสนอ 01" not in first and "ข้อเสนอ 00" not in first
    assert "ข้อเสนอ 01" in second and "ข้อเสนอ 00" in second and "ข้อเสนอ 02" not in second
    assert '<nav class="pager" aria-label="' in first
    assert 'href="?page=2" rel="next"' in first and 'rel="prev"' not in first
    assert 'href="?page=1" rel="prev"' in second and 'rel="next"' not in second
    assert len(one_row) == len(first_page) == len(second_page)


def test_proposal_list_page_out_of_range_or_unreadable(client, login_as, monkeypatch):
    monkeypatch.setattr("smartcity.core.pagination.PAGE_SIZE", 2)
    membership = MembershipFactory(role="editor")
    call = CallFactory()
    for n in range(3):
        draft(membership.user, call, title=f"ข้อเสนอ {n}")
    login_as(membership.user)
    last = client.get("/proposals/?page=99")
    assert last.status_code == 200 and "ข้อเสนอ 0" in last.content.decode()
    first = client.get("/proposals/?page=abc")
    assert first.status_code == 200 and "ข้อเสนอ 2" in first.content.decode()


def test_submitted_version_downloads_as_a_pdf(client, login_as):
    from smartcity.proposals import services

    proposal = complete()
    services.submit_proposal(actor=proposal.created_by, proposal_id=proposal.pk)
    login_as(proposal.created_by)
    response = client.get(f"/proposals/{proposal.pk}/versions/1.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert client.get(f"/proposals/{proposal.pk}/versions/2.pdf").status_code == 404
    login_as(MembershipFactory(role="admin").user)
    assert client.get(f"/proposals/{proposal.pk}/versions/1.pdf").status_code == 404


def _pdf():
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_attachments_page_uploads_downloads_and_removes(client, login_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    proposal = draft()
    login_as(proposal.created_by)
    url = f"/proposals/{proposal.pk}/attachments/"
    r = client.post(url, {"file": SimpleUploadedFile("แผนแม่บท.pdf", _pdf()), "title": "แผนแม่บท"})
    assert r.status_code == 302
    attachment = proposal.attachments.get()
    download = client.get(f"{url}{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    refused = client.post(url, {"file": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" + b"\0" * 100)})
    assert refused.status_code == 400 and "PDF" in refused.content.decode()
    client.post(f"{url}{attachment.pk}/remove/")
    assert not proposal.attachments.exists()


def test_attachments_of_another_organisation_are_hidden(client, login_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from smartcity.proposals import services

    proposal = draft()
    attachment = services.add_attachment(
        actor=proposal.created_by, proposal_id=proposal.pk, upload=SimpleUploadedFile("a.pdf", _pdf())
    )
    login_as(MembershipFactory(role="admin").user)
    assert client.get(f"/proposals/{proposal.pk}/attachments/{attachment.pk}/").status_code == 404
    assert client.post(f"/proposals/{proposal.pk}/attachments/{attachment.pk}/remove/").status_code == 404
    assert proposal.attachments.count() == 1


def test_export_and_import_round_trip_in_the_browser(client, login_as):
    import io

    proposal = complete()
    login_as(proposal.created_by)
    exported = client.get(f"/proposals/{proposal.pk}/export.json")
    assert exported.status_code == 200 and exported.json()["domains"] == ["environment", "mobility"]
    upload = io.BytesIO(exported.content)
    upload.name = "khonkaen.proposal.json"
    r = client.post(
        "/proposals/import/", {"organization": proposal.organization.pk, "call": proposal.call.pk, "file": upload}
    )
    assert r.status_code == 302
    assert Proposal.objects.count() == 2
    bad = io.BytesIO(b'{"schema_version": 1, "domains": ["tourism"]}')
    bad.name = "bad.json"
    r = client.post(
        "/proposals/import/", {"organization": proposal.organization.pk, "call": proposal.call.pk, "file": bad}
    )
    assert r.status_code == 400 and "domains" in r.content.decode()
    assert Proposal.objects.count() == 2


def test_secretariat_returns_with_comments_in_the_browser(client, login_as):
    from smartcity.proposals import services

    proposal = complete()
    services.submit_proposal(actor=proposal.created_by, proposal_id=proposal.pk)
    login_as(proposal.created_by)
    assert client.get(f"/proposals/{proposal.pk}/return/").status_code == 403
    login_as(staff_user("secretariat"))
    empty = client.post(f"/proposals/{proposal.pk}/return/", {})
    assert empty.status_code == 400
    r = client.post(f"/proposals/{proposal.pk}/return/", {"management": "ระบุแหล่งเงินทุน"})
    assert r.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "returned"
    login_as(proposal.created_by)
    assert "ระบุแหล่งเงินทุน" in client.get(f"/proposals/{proposal.pk}/").content.decode()


def test_saving_a_list_keeps_the_unchanged_rows_and_adds_the_new_one(client, login_as):
    proposal = complete()
    login_as(proposal.created_by)
    page = client.get(f"/proposals/{proposal.pk}/edit/services/")
    formset = page.context["formset"]
    data = {"revision": proposal.revision, "services-TOTAL_FORMS": 3, "services-INITIAL_FORMS": 2}
    for index, form in enumerate(formset.forms[:2]):
        for name, field in form.fields.items():
            value = form.initial.get(name)
            if value is not None and name != "DELETE":
                data[f"services-{index}-{name}"] = value.isoformat() if hasattr(value, "isoformat") else value
    data.update(
        {
            "services-2-domain": 1,
            "services-2-name": "บริการใหม่",
            "services-2-description": "ใหม่",
            "services-2-budget_baht": "5",
            "services-2-start_date": "2026-01-01",
            "services-2-end_date": "2026-02-01",
            "services-2-status": "planned",
        }
    )
    response = client.post(f"/proposals/{proposal.pk}/edit/services/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(proposal.services.values_list("name", flat=True)) == ["บริการ environment", "บริการ mobility", "บริการใหม่"]


HOSTILE = "<script>alert('x')</script> น้ำ\u200bผู้ใหญ่"


def test_script_in_every_text_field_is_stored_and_shown_escaped(client, login_as):
    import datetime as dt

    from smartcity.proposals import services
    from smartcity.proposals.models import Proposal as P
    from smartcity.proposals.services import EDITABLE_FIELDS

    proposal = complete()
    user = proposal.created_by
    text_fields = [
        f.name
        for f in P._meta.concrete_fields
        if f.name in EDITABLE_FIELDS and f.get_internal_type() in ("CharField", "TextField")
    ]
    services.update_proposal(
        actor=user, proposal_id=proposal.pk, revision=None, changes={name: HOSTILE for name in text_fields}
    )
    row = {
        "name": HOSTILE,
        "description": HOSTILE,
        "budget_baht": 1,
        "start_date": dt.date(2026, 1, 1),
        "end_date": dt.date(2026, 2, 1),
    }
    services.replace_items(
        actor=user,
        proposal_id=proposal.pk,
        revision=None,
        kind="services",
        rows=[row | {"domain": d, "beneficiaries": HOSTILE, "kpi": HOSTILE} for d in ("environment", "mobility")],
    )
    stored = P.objects.get(pk=proposal.pk)
    assert all(getattr(stored, name) == HOSTILE for name in text_fields)
    login_as(user)
    pages = [
        "",
        "edit/general/",
        "edit/area-goals/",
        "edit/infrastructure/",
        "edit/data-platform/",
        "edit/services/",
        "edit/management/",
    ]
    for suffix in pages:
        body = client.get(f"/proposals/{proposal.pk}/{suffix}").content.decode()
        assert "<script>alert('x')</script>" not in body, suffix
    exported = client.get(f"/proposals/{proposal.pk}/export.json")  # data, never rendered as a page
    assert exported["Content-Type"] == "application/json" and exported["X-Content-Type-Options"] == "nosniff"
    assert exported.json()["title"]["th"] == HOSTILE
    version = services.submit_proposal(actor=user, proposal_id=proposal.pk)
    from smartcity.proposals.pdf import render_version_pdf

    assert render_version_pdf(version).startswith(b"%PDF")


def test_partners_are_chosen_from_other_organisations(client, login_as):
    from tests.factories import OrganizationFactory

    proposal = draft()
    university = OrganizationFactory(name_th="มหาวิทยาลัยขอนแก่น", kind="university")
    login_as(proposal.created_by)
    data = {
        "revision": proposal.revision,
        "title_th": "ขอนแก่น",
        "title_en": "",
        "city_type": proposal.city_type_id,
        "partners": [university.pk],
    }
    assert client.post(f"/proposals/{proposal.pk}/edit/general/", data).status_code == 302
    assert list(proposal.partners.all()) == [university]
    proposal.refresh_from_db()
    refused = client.post(
        f"/proposals/{proposal.pk}/edit/general/",
        data | {"revision": proposal.revision, "partners": [proposal.organization.pk]},
    )
    assert refused.status_code == 400
    assert list(proposal.partners.all()) == [university]
