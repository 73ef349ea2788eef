"""The secretariat's decision, BOI's check, and the endorsement following its certificate's state."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from smartcity.certification.models import Certificate
from smartcity.certification.services import reinstate_certificate, revoke_certificate, suspend_certificate
from smartcity.core.audit import verify_chain
from smartcity.core.errors import Conflict, NotAllowed, UserFacingError
from smartcity.core.models import AuditEvent
from smartcity.endorsements import services
from smartcity.endorsements.models import Endorsement
from smartcity.notifications.models import OutboxMessage
from tests.endorsements.builders import (
    approved,
    boi_officer,
    partner,
    requested,
    setting,
)
from tests.factories import MembershipFactory, staff_user

pytestmark = pytest.mark.django_db
CODE = re.compile(r"^BOI-SCT-\d{4}-\d{4}-[A-HJ-NP-Z2-9]{6}$")


def unchanged(endorsement, status="requested"):
    fresh = Endorsement.objects.get(pk=endorsement.pk)
    assert fresh.status == status
    assert fresh.decided_by_id is None and fresh.code is None
    assert not AuditEvent.objects.filter(action__in=["endorsement.approved", "endorsement.rejected"]).exists()


def test_the_secretariat_approves_and_the_company_is_told():
    certificate, organization, user, secretariat = setting()
    viewer = MembershipFactory(organization=organization, role="viewer").user
    endorsement = requested(certificate, organization, user)
    services.approve_endorsement(actor=secretariat, endorsement_id=endorsement.pk, note="ครบถ้วน")
    endorsement.refresh_from_db()
    assert endorsement.status == endorsement.effective_status == "approved"
    assert CODE.match(endorsement.code) and endorsement.code.startswith(f"BOI-{certificate.number}-")
    assert endorsement.decided_by == secretariat and endorsement.decision_note == "ครบถ้วน"
    event = AuditEvent.objects.get(action="endorsement.approved")
    assert event.after["code"] == endorsement.code and event.before == {"status": "requested"}
    messages = OutboxMessage.objects.filter(template_code="endorsement_decided")
    assert {m.recipient for m in messages} == {user, viewer}
    body = messages.get(recipient=user).body
    assert endorsement.code in body and certificate.number in body and f"/endorsements/{endorsement.pk}/" in body
    assert verify_chain().ok


def test_rejection_needs_a_reason_which_the_company_sees():
    certificate, organization, user, secretariat = setting()
    endorsement = requested(certificate, organization, user)
    with pytest.raises(UserFacingError) as info:
        services.reject_endorsement(actor=secretariat, endorsement_id=endorsement.pk, note="  ")
    assert info.value.field == "note"
    unchanged(endorsement)
    services.reject_endorsement(actor=secretariat, endorsement_id=endorsement.pk, note="โครงการอยู่นอกขอบเขตกิจการ")
    endorsement.refresh_from_db()
    assert endorsement.status == "rejected" and endorsement.code is None
    assert "โครงการอยู่นอกขอบเขตกิจการ" in OutboxMessage.objects.get(recipient=user).body


@pytest.mark.parametrize("who", ["company", "boi_officer", "committee"])
def test_only_the_secretariat_decides(who):
    certificate, organization, user, _secretariat = setting()
    endorsement = requested(certificate, organization, user)
    actor = user if who == "company" else staff_user(who)
    with pytest.raises(NotAllowed):
        services.approve_endorsement(actor=actor, endorsement_id=endorsement.pk)
    with pytest.raises(NotAllowed):
        services.reject_endorsement(actor=actor, endorsement_id=endorsement.pk, note="ไม่อนุมัติ")
    unchanged(endorsement)
    assert not OutboxMessage.objects.filter(template_code="endorsement_decided").exists()


def test_a_decision_is_made_once():
    endorsement, _user, secretariat = approved()
    code = endorsement.code
    with pytest.raises(Conflict) as info:
        services.approve_endorsement(actor=secretariat, endorsement_id=endorsement.pk)
    assert info.value.code == "already_decided"
    with pytest.raises(Conflict):
        services.reject_endorsement(actor=secretariat, endorsement_id=endorsement.pk, note="เปลี่ยนใจ")
    endorsement.refresh_from_db()
    assert endorsement.status == "approved" and endorsement.code == code


def test_an_unknown_endorsement_is_not_found():
    secretariat = staff_user("secretariat")
    for bad in (999999, "abc", -1):
        with pytest.raises(services.EndorsementNotFound) as info:
            services.approve_endorsement(actor=secretariat, endorsement_id=bad)
        assert info.value.status == 404


def test_approval_checks_the_certificate_again():
    certificate, organization, user, secretariat = setting()
    endorsement = requested(certificate, organization, user)
    revoke_certificate(actor=secretariat, number=certificate.number, reason="ไม่ผ่านการติดตามผล")
    with pytest.raises(Conflict) as info:
        services.approve_endorsement(actor=secretariat, endorsement_id=endorsement.pk)
    assert (info.value.code, info.value.field) == ("certificate_revoked", "certificate_number")
    unchanged(endorsement)


def test_approval_checks_the_domains_again():
    from smartcity.program.models import Domain

    certificate, organization, user, secretariat = setting()
    endorsement = requested(certificate, organization, user)
    certificate.domains.set(Domain.objects.filter(code="mobility"))
    with pytest.raises(Conflict) as info:
        services.approve_endorsement(actor=secretariat, endorsement_id=endorsement.pk)
    assert info.value.code == "area_development_domains"
    unchanged(endorsement)


def test_codes_are_unique_even_when_the_random_draw_repeats(monkeypatch):
    certificate, organization, user, secretariat = setting()
    first = requested(certificate, organization, user)
    second = requested(certificate, organization, user, project_title="โครงการที่สอง")
    draws = iter("AAAAAA" + "AAAAAA" + "BBBBBB")
    monkeypatch.setattr(services.secrets, "choice", lambda alphabet: next(draws))
    services.approve_endorsement(actor=secretariat, endorsement_id=first.pk)
    services.approve_endorsement(actor=secretariat, endorsement_id=second.pk)
    codes = list(Endorsement.objects.order_by("pk").values_list("code", flat=True))
    assert codes == [f"BOI-{certificate.number}-AAAAAA", f"BOI-{certificate.number}-BBBBBB"]


def test_codes_differ_across_endorsements():
    certificate, organization, user, secretariat = setting()
    for n in range(5):
        endorsement = requested(certificate, organization, user, project_title=f"โครงการ {n}")
        services.approve_endorsement(actor=secretariat, endorsement_id=endorsement.pk)
    codes = set(Endorsement.objects.values_list("code", flat=True))
    assert len(codes) == 5 and all(CODE.match(code) for code in codes)


# --- BOI's check ---------------------------------------------------------------------------------------------


def test_a_boi_officer_checks_a_code():
    endorsement, _user, _secretariat = approved()
    officer = boi_officer()
    result = services.check_endorsement(actor=officer, code=" " + endorsement.code.lower() + " ")
    assert result.found and result.is_valid and result.endorsement == endorsement
    assert (result.effective_status, result.certificate_status) == ("approved", "valid")
    event = AuditEvent.objects.get(action="endorsement.checked")
    assert event.actor == officer and event.object_id == str(endorsement.pk)
    assert event.after == {
        "code": endorsement.code,
        "found": True,
        "effective_status": "approved",
        "certificate_status": "valid",
    }


def test_an_unknown_code_is_not_found_and_the_attempt_is_recorded():
    officer = boi_officer()
    result = services.check_endorsement(actor=officer, code="BOI-SCT-2569-0001-ZZZZZZ")
    assert not result.found and not result.is_valid
    assert AuditEvent.objects.get(action="endorsement.checked").after["found"] is False
    with pytest.raises(UserFacingError) as info:
        services.check_endorsement(actor=officer, code="   ")
    assert info.value.field == "code"


def test_people_who_are_not_boi_or_the_secretariat_cannot_check_codes():
    endorsement, user, _secretariat = approved()
    for actor in (user, staff_user("committee")):
        with pytest.raises(NotAllowed):
            services.check_endorsement(actor=actor, code=endorsement.code)
    assert not AuditEvent.objects.filter(action="endorsement.checked").exists()
    assert services.check_endorsement(actor=staff_user("secretariat"), code=endorsement.code).is_valid


# --- the endorsement follows its certificate -----------------------------------------------------------------


def test_revoking_the_certificate_suspends_the_endorsement():
    endorsement, _user, secretariat = approved()
    revoke_certificate(actor=secretariat, number=endorsement.certificate.number, reason="ไม่ผ่านการติดตามผล")
    endorsement.refresh_from_db()
    assert endorsement.status == endorsement.effective_status == "suspended"
    assert endorsement.suspended_with_certificate is True
    assert AuditEvent.objects.filter(action="endorsement.suspended", object_id=str(endorsement.pk)).count() == 1
    result = services.check_endorsement(actor=boi_officer(), code=endorsement.code)
    assert (result.effective_status, result.certificate_status, result.is_valid) == ("suspended", "revoked", False)


def test_reinstating_the_certificate_restores_the_endorsement():
    endorsement, _user, secretariat = approved()
    number = endorsement.certificate.number
    suspend_certificate(actor=secretariat, number=number, reason="ตรวจสอบข้อร้องเรียน")
    endorsement.refresh_from_db()
    assert endorsement.status == "suspended"
    reinstate_certificate(actor=secretariat, number=number, reason="ข้อร้องเรียนไม่มีมูล")
    endorsement.refresh_from_db()
    assert endorsement.status == endorsement.effective_status == "approved"
    assert endorsement.suspended_with_certificate is False
    assert AuditEvent.objects.filter(action="endorsement.restored").count() == 1


def test_expiry_by_date_suspends_at_once_and_the_daily_command_records_it():
    endorsement, _user, _secretariat = approved()
    today = timezone.localdate()
    Certificate.objects.filter(pk=endorsement.certificate_id).update(
        valid_from=today - dt.timedelta(days=730), expires_on=today - dt.timedelta(days=1)
    )
    endorsement = Endorsement.objects.select_related("certificate").get(pk=endorsement.pk)
    assert endorsement.status == "approved" and endorsement.effective_status == "suspended"
    call_command("suspend_lapsed_endorsements", stdout=open("/dev/null", "w"))  # noqa: SIM115
    endorsement.refresh_from_db()
    assert endorsement.status == "suspended" and endorsement.suspended_with_certificate
    event = AuditEvent.objects.get(action="endorsement.suspended")
    assert event.actor_label == "system"
    assert services.suspend_lapsed_endorsements() == 0  # a second run changes nothing
    Certificate.objects.filter(pk=endorsement.certificate_id).update(expires_on=today + dt.timedelta(days=700))
    call_command("suspend_lapsed_endorsements", stdout=open("/dev/null", "w"))  # noqa: SIM115
    endorsement.refresh_from_db()
    assert endorsement.status == "approved"


def test_an_endorsement_of_another_city_is_left_alone():
    endorsement, _user, secretariat = approved()
    other_certificate, organization, user, _s = setting()
    other = requested(other_certificate, organization, user)
    services.approve_endorsement(actor=secretariat, endorsement_id=other.pk)
    revoke_certificate(actor=secretariat, number=endorsement.certificate.number, reason="เพิกถอน")
    assert Endorsement.objects.get(pk=other.pk).status == "approved"
    assert Endorsement.objects.get(pk=endorsement.pk).status == "suspended"


def test_partner_helper_names_the_company_in_the_proposal():
    certificate, _organization, _user, _s = setting()
    company, _member = partner(certificate)
    assert services.is_partner(company, certificate)
    assert certificate in services.partner_certificates(company)
