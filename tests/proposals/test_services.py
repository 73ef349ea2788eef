import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from smartcity.core.audit import verify_chain
from smartcity.core.errors import Conflict, NotAllowed, UserFacingError
from smartcity.core.models import AuditEvent
from smartcity.proposals import services
from smartcity.proposals.models import Proposal, ProposalVersion
from tests.factories import CallFactory, MembershipFactory, staff_user
from tests.proposals.builders import complete, draft

pytestmark = pytest.mark.django_db


def pdf_bytes(pages=1):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_complete_proposal_submits_as_version_one_and_is_audited():
    proposal = complete()
    assert services.findings_for(proposal) == [] or not [f for f in services.findings_for(proposal) if f.is_blocking]
    version = services.submit_proposal(actor=proposal.created_by, proposal_id=proposal.pk)
    proposal.refresh_from_db()
    assert proposal.status == "submitted" and version.number == 1
    assert version.document["domains"] == ["environment", "mobility"]
    assert version.document["criteria_set_version"] == 1 and len(version.document_sha256) == 64
    assert AuditEvent.objects.filter(action="proposal.submit", object_id=str(proposal.pk)).exists()
    assert verify_chain().ok


def test_incomplete_proposal_cannot_be_submitted_and_nothing_changes():
    proposal = draft()
    with pytest.raises(UserFacingError, match="checklist|รายการ"):
        services.submit_proposal(actor=proposal.created_by, proposal_id=proposal.pk)
    proposal.refresh_from_db()
    assert proposal.status == "draft" and not ProposalVersion.objects.exists()


def test_editing_after_submission_is_refused():
    proposal = complete()
    services.submit_proposal(actor=proposal.created_by, proposal_id=proposal.pk)
    with pytest.raises(Conflict):
        services.update_proposal(
            actor=proposal.created_by, proposal_id=proposal.pk, revision=None, changes={"vision": "changed"}
        )
    proposal.refresh_from_db()
    assert proposal.vision == "เมืองน่าอยู่ ลดมลพิษ เดินทางสะดวก"


def test_submitting_twice_makes_one_version():
    proposal = complete()
    services.submit_proposal(actor=proposal.created_by, proposal_id=proposal.pk)
    with pytest.raises(Conflict):
        services.submit_proposal(actor=proposal.created_by, proposal_id=proposal.pk)
    assert ProposalVersion.objects.filter(proposal=proposal).count() == 1


def test_return_revise_resubmit_makes_version_two_with_a_diff():
    proposal = complete()
    user = proposal.created_by
    services.submit_proposal(actor=user, proposal_id=proposal.pk)
    secretariat = staff_user("secretariat")
    services.return_for_revision(
        actor=secretariat,
        proposal_id=proposal.pk,
        comments={"management": "ระบุแหล่งเงินทุนให้ชัดเจน", "bogus": "ignored"},
    )
    proposal.refresh_from_db()
    assert proposal.status == "returned"
    assert list(proposal.section_comments.values_list("section", flat=True)) == ["management"]
    services.update_proposal(
        actor=user,
        proposal_id=proposal.pk,
        revision=None,
        changes={"financing_model": "งบเทศบาล 40% และบริษัทพัฒนาเมือง 60%"},
    )
    v2 = services.submit_proposal(actor=user, proposal_id=proposal.pk)
    assert v2.number == 2
    from smartcity.proposals.document import diff

    changes = diff(proposal.versions.get(number=1).document, v2.document)
    assert ("management.financing_model", "บริษัทพัฒนาเมือง (PPP)", "งบเทศบาล 40% และบริษัทพัฒนาเมือง 60%") in changes


def test_applicant_cannot_return_and_secretariat_cannot_return_a_draft():
    proposal = complete()
    with pytest.raises(Conflict):
        services.return_for_revision(
            actor=staff_user("secretariat"), proposal_id=proposal.pk, comments={"management": "x"}
        )
    services.submit_proposal(actor=proposal.created_by, proposal_id=proposal.pk)
    with pytest.raises(NotAllowed):
        services.return_for_revision(actor=proposal.created_by, proposal_id=proposal.pk, comments={"management": "x"})
    assert Proposal.objects.get(pk=proposal.pk).status == "submitted"


def test_withdraw_by_admin_only():
    proposal = complete()
    with pytest.raises(NotAllowed):
        services.withdraw_proposal(actor=proposal.created_by, proposal_id=proposal.pk)  # an editor
    admin = MembershipFactory(organization=proposal.organization, role="admin").user
    services.withdraw_proposal(actor=admin, proposal_id=proposal.pk, reason="เปลี่ยนแผน")
    assert Proposal.objects.get(pk=proposal.pk).status == "withdrawn"
    with pytest.raises(Conflict):
        services.withdraw_proposal(actor=admin, proposal_id=proposal.pk)


def test_viewer_and_other_organisation_cannot_edit():
    proposal = draft()
    viewer = MembershipFactory(organization=proposal.organization, role="viewer").user
    with pytest.raises(NotAllowed):
        services.update_proposal(actor=viewer, proposal_id=proposal.pk, revision=None, changes={"vision": "x"})
    stranger = MembershipFactory(role="admin").user
    with pytest.raises(Proposal.DoesNotExist):
        services.update_proposal(actor=stranger, proposal_id=proposal.pk, revision=None, changes={"vision": "x"})
    assert Proposal.objects.get(pk=proposal.pk).vision == ""


def test_stale_revision_is_refused():
    proposal = draft()
    user = proposal.created_by
    services.update_proposal(actor=user, proposal_id=proposal.pk, revision=1, changes={"vision": "first"})
    with pytest.raises(Conflict) as refused:
        services.update_proposal(actor=user, proposal_id=proposal.pk, revision=1, changes={"vision": "second"})
    assert str(refused.value)  # a message the person can read, not an empty error
    assert Proposal.objects.get(pk=proposal.pk).vision == "first"


def test_thai_text_with_zero_width_and_combining_marks_is_kept_exactly():
    proposal = draft()
    text = "น้ำ\u200bผู้ใหญ่ ญี่ปุ่น กํ้า <script>alert(1)</script>"
    services.update_proposal(
        actor=proposal.created_by, proposal_id=proposal.pk, revision=None, changes={"vision": text}
    )
    assert Proposal.objects.get(pk=proposal.pk).vision == text


@pytest.mark.parametrize(
    ("rows", "field"),
    [
        (
            [
                {
                    "category": "fibre",
                    "name": "x",
                    "budget_baht": "abc",
                    "start_date": "2026-01-01",
                    "end_date": "2026-02-01",
                }
            ],
            "infrastructure_items[0].budget_baht",
        ),
        (
            [
                {
                    "category": "teleport",
                    "name": "x",
                    "budget_baht": 1,
                    "start_date": "2026-01-01",
                    "end_date": "2026-02-01",
                }
            ],
            "infrastructure_items[0].category",
        ),
    ],
)
def test_bad_item_rows_change_nothing(rows, field):
    proposal = complete()
    before = list(proposal.infrastructure_items.values_list("name", flat=True))
    with pytest.raises(UserFacingError) as error:
        services.replace_items(
            actor=proposal.created_by,
            proposal_id=proposal.pk,
            revision=None,
            kind="infrastructure_items",
            rows=rows,
        )
    assert error.value.field == field
    assert list(proposal.infrastructure_items.values_list("name", flat=True)) == before


def test_bad_admin_unit_codes_are_refused():
    proposal = draft()
    with pytest.raises(UserFacingError) as error:
        services.update_proposal(
            actor=proposal.created_by,
            proposal_id=proposal.pk,
            revision=None,
            changes={"admin_units": ["40", "9999"]},
        )
    assert error.value.field == "admin_units"


@pytest.mark.parametrize(
    ("geojson", "code"),
    [
        (
            '{"type": "Polygon", "coordinates": [[[102.6, 17.9], [102.7, 17.9], [102.7, 18.0], [102.6, 17.9]]]}',
            "partly_outside",
        ),
        (
            '{"type": "Polygon", "coordinates": [[[109.4, 11.9], [109.6, 11.9], [109.6, 12.1], [109.4, 11.9]]]}',
            "outside_thailand",
        ),
        (
            '{"type": "Polygon", "coordinates": [[[102.80, 16.40], [102.90, 16.50], [102.90, 16.40], [102.80, 16.50], '
            "[102.80, 16.40]]]}",
            "invalid_geometry",
        ),
        (
            '{"type": "Polygon", "coordinates": '
            "[[[102.80, 16.40], [102.90, 16.40], [102.90, 16.50], [102.80, 16.50]]]}",
            "unclosed_ring",
        ),
        ('{"type": "Point", "coordinates": [102.8, 16.4]}', "wrong_type"),
        ('{"type": "LineString", "coordinates": [[102.8, 16.4], [102.9, 16.5]]}', "wrong_type"),
        ("{not json", "invalid_json"),
    ],
)
def test_bad_areas_are_refused_and_the_old_area_stays(geojson, code):
    proposal = complete()
    before = proposal.area
    with pytest.raises(UserFacingError) as error:
        services.set_area(actor=proposal.created_by, proposal_id=proposal.pk, revision=None, geojson=geojson)
    assert (error.value.code, error.value.field) == (code, "area")
    assert Proposal.objects.get(pk=proposal.pk).area == before


def test_self_intersecting_area_is_repaired_only_with_consent():
    proposal = draft()
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[102.80, 16.40], [102.90, 16.50], [102.90, 16.40], [102.80, 16.50], [102.80, 16.40]]],
    }
    services.set_area(actor=proposal.created_by, proposal_id=proposal.pk, revision=None, geojson=bowtie, repair=True)
    proposal.refresh_from_db()
    assert proposal.area["type"] == "MultiPolygon" and proposal.area_km2 > 0


def test_area_in_km2_uses_the_right_utm_zone():
    proposal = complete()
    # 0.06° × 0.05° at 16.4°N ≈ 6.40 km × 5.53 km ≈ 35.4 km²
    assert 35.0 < float(proposal.area_km2) < 35.8


def test_pdf_attachment_is_stored_under_a_generated_name():
    proposal = draft()
    upload = SimpleUploadedFile("แผนแม่บท ขอนแก่น.pdf", pdf_bytes(2), content_type="application/pdf")
    attachment = services.add_attachment(actor=proposal.created_by, proposal_id=proposal.pk, upload=upload)
    assert attachment.original_name == "แผนแม่บท ขอนแก่น.pdf" and attachment.pages == 2
    assert "ขอนแก่น" not in attachment.file.name and attachment.file.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"MZ\x90\x00" + b"\x00" * 200, "not_pdf"),
        (b"%PDF-1.7\n" + b"garbage" * 100, "corrupt"),
    ],
)
def test_bad_attachments_are_refused(content, code):
    proposal = draft()
    with pytest.raises(UserFacingError) as error:
        services.add_attachment(
            actor=proposal.created_by, proposal_id=proposal.pk, upload=SimpleUploadedFile("plan.pdf", content)
        )
    assert error.value.code == code and not proposal.attachments.exists()


def test_encrypted_pdf_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    proposal = draft()
    with pytest.raises(UserFacingError) as error:
        services.add_attachment(
            actor=proposal.created_by,
            proposal_id=proposal.pk,
            upload=SimpleUploadedFile("locked.pdf", buffer.getvalue()),
        )
    assert error.value.code == "encrypted"


def test_attachments_total_is_limited_to_100_mb(monkeypatch):
    monkeypatch.setattr(services, "MAX_ATTACHMENTS_TOTAL", len(pdf_bytes()) * 2 - 1)
    proposal = draft()
    services.add_attachment(
        actor=proposal.created_by, proposal_id=proposal.pk, upload=SimpleUploadedFile("a.pdf", pdf_bytes())
    )
    with pytest.raises(UserFacingError) as error:
        services.add_attachment(
            actor=proposal.created_by,
            proposal_id=proposal.pk,
            upload=SimpleUploadedFile("b.pdf", pdf_bytes()),
        )
    assert error.value.code == "total_too_large" and proposal.attachments.count() == 1


def test_closed_call_refuses_new_proposals():
    import datetime as dt

    call = CallFactory(opens_on=dt.date(2019, 5, 1), closes_on=dt.date(2019, 7, 31))
    with pytest.raises(UserFacingError) as error:
        draft(call=call)
    assert error.value.field == "call"
