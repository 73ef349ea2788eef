"""Suspension, reinstatement, revocation, renewal at the threshold and expiry reminders, and every refusal."""

import datetime as dt

import pytest
from django.utils import timezone

from smartcity.certification import services, signing
from smartcity.certification.models import Certificate, ExpiryReminder, RenewalRequest
from smartcity.core.audit import verify_chain
from smartcity.core.errors import Conflict, NotAllowed, UserFacingError
from smartcity.core.models import AuditEvent
from smartcity.notifications.models import OutboxMessage
from tests.certification.builders import acknowledged
from tests.factories import MembershipFactory, staff_user

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def fresh(certificate):
    return Certificate.objects.get(pk=certificate.pk)


def expiring_in(certificate, days):
    """Move the certificate's period so it ends ``days`` from today (as if issued two years before)."""
    expires_on = TODAY + dt.timedelta(days=days)
    start = expires_on - dt.timedelta(days=730)
    Certificate.objects.filter(pk=certificate.pk).update(issued_on=start, valid_from=start, expires_on=expires_on)
    return fresh(certificate)


def progress(certificate, percent=80, evidence="รายงานผลการดำเนินงาน ปี 2569"):
    return [
        {"kind": kind, "id": pk, "percent": percent, "evidence": evidence}
        for kind, pk, _label in services.plan_items(certificate)
    ]


def snapshot(certificate):
    c = fresh(certificate)
    return (c.state, c.state_reason, c.valid_from, c.expires_on, c.payload, c.renewal_count)


# --- suspend, reinstate, revoke ------------------------------------------------------------------------------


def test_suspend_reinstate_and_revoke_with_reasons_audited_and_told():
    _p, certificate, secretariat = acknowledged()
    services.suspend_certificate(actor=secretariat, number=certificate.number, reason="ไม่ส่งรายงานความก้าวหน้า")
    assert fresh(certificate).status == "suspended"
    services.reinstate_certificate(actor=secretariat, number=certificate.number, reason="ส่งรายงานแล้ว")
    assert fresh(certificate).status == "valid"
    services.revoke_certificate(actor=secretariat, number=certificate.number, reason="ไม่ดำเนินการตามแผน")
    revoked = fresh(certificate)
    assert (revoked.status, revoked.state_reason) == ("revoked", "ไม่ดำเนินการตามแผน")
    actions = list(
        AuditEvent.objects.filter(object_type="certification.certificate", object_id=str(certificate.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["certificate.issued", "certificate.suspend", "certificate.reinstate", "certificate.revoke"]
    assert (
        OutboxMessage.objects.filter(template_code="certificate_state_changed").count()
        == 3 * OutboxMessage.objects.filter(template_code="certificate_issued").count()
    )
    assert verify_chain().ok


@pytest.mark.parametrize("reason", ["", "   ", "ก" * 2001])
def test_a_state_change_needs_a_reason_of_sensible_length(reason):
    _p, certificate, secretariat = acknowledged()
    before = snapshot(certificate)
    with pytest.raises(UserFacingError) as error:
        services.revoke_certificate(actor=secretariat, number=certificate.number, reason=reason)
    assert error.value.field == "reason"
    assert snapshot(certificate) == before


def test_a_revoked_certificate_cannot_be_suspended_reinstated_or_revoked_again():
    _p, certificate, secretariat = acknowledged()
    services.revoke_certificate(actor=secretariat, number=certificate.number, reason="เพิกถอน")
    before = snapshot(certificate)
    for action in ("suspend", "reinstate", "revoke"):
        with pytest.raises(Conflict):
            services.change_state(actor=secretariat, number=certificate.number, action=action, reason="อีกครั้ง")
    assert snapshot(certificate) == before


def test_only_the_secretariat_changes_a_certificate():
    proposal, certificate, _secretariat = acknowledged()
    city_admin = proposal.created_by
    before = snapshot(certificate)
    for actor in (city_admin, staff_user("committee"), staff_user("boi_officer"), MembershipFactory().user):
        with pytest.raises(NotAllowed):
            services.revoke_certificate(actor=actor, number=certificate.number, reason="ไม่ใช่หน้าที่")
    assert snapshot(certificate) == before


def test_an_unknown_number_is_named_as_such():
    _p, _certificate, secretariat = acknowledged()
    with pytest.raises(UserFacingError) as error:
        services.revoke_certificate(actor=secretariat, number="SCT-2569-9999", reason="x")
    assert error.value.code == "not_found"


def test_status_follows_the_dates():
    _p, certificate, _s = acknowledged()
    assert expiring_in(certificate, 120).status == "valid"
    assert expiring_in(certificate, 91).status == "valid"
    assert expiring_in(certificate, 90).status == "expiring"  # the day of the first reminder
    assert expiring_in(certificate, 89).status == "expiring"
    assert expiring_in(certificate, 0).status == "expiring"
    assert expiring_in(certificate, -1).status == "expired"
    assert not fresh(certificate).is_current


# --- renewal -------------------------------------------------------------------------------------------------


def test_renewal_at_the_threshold_gives_a_new_period_and_a_new_signature():
    proposal, certificate, secretariat = acknowledged()
    certificate = expiring_in(certificate, 20)
    old_payload, old_expiry = certificate.payload, certificate.expires_on
    renewal = services.request_renewal(
        actor=proposal.created_by, number=certificate.number, items=progress(certificate, 50)
    )
    assert renewal.progress_percent == 50
    services.renew_certificate(actor=secretariat, request_id=renewal.pk, note="ผ่านเกณฑ์")
    renewed = fresh(certificate)
    assert renewed.valid_from == old_expiry + dt.timedelta(days=1)
    assert renewed.expires_on == services.period_end(renewed.valid_from, 24)
    assert renewed.renewal_count == 1
    assert renewed.status == "valid"
    assert signing.verify(renewed.payload).fields["e"] == renewed.expires_on.isoformat()
    # The old printed payload is still genuine: it is the record that says it was superseded.
    assert signing.verify(old_payload).fields["n"] == certificate.number
    assert old_payload != renewed.payload
    assert RenewalRequest.objects.get(pk=renewal.pk).status == "renewed"
    assert AuditEvent.objects.filter(action="certificate.renewed", object_id=str(certificate.pk)).exists()


def test_renewal_closes_after_the_grace_period():
    proposal, certificate, _s = acknowledged()
    certificate = expiring_in(certificate, -91)
    with pytest.raises(Conflict) as error:
        services.request_renewal(actor=proposal.created_by, number=certificate.number, items=progress(certificate))
    assert error.value.code == "too_late"
    assert RenewalRequest.objects.count() == 0


def test_revoking_refuses_a_waiting_renewal():
    proposal, certificate, secretariat = acknowledged()
    certificate = expiring_in(certificate, 20)
    renewal = services.request_renewal(
        actor=proposal.created_by, number=certificate.number, items=progress(certificate)
    )
    services.revoke_certificate(actor=secretariat, number=certificate.number, reason="ไม่ดำเนินการตามแผน")
    refused = RenewalRequest.objects.get(pk=renewal.pk)
    assert (refused.status, refused.decision_note) == ("refused", "ไม่ดำเนินการตามแผน")


def test_progress_just_under_the_threshold_is_not_rounded_up_to_it():
    proposal, certificate, secretariat = acknowledged()
    certificate = expiring_in(certificate, 20)
    items = progress(certificate, 50)
    items[0]["percent"] = 49  # a mean a hair under 50 must stay under 50
    renewal = services.request_renewal(actor=proposal.created_by, number=certificate.number, items=items)
    assert renewal.progress_percent < 50
    with pytest.raises(UserFacingError):
        services.renew_certificate(actor=secretariat, request_id=renewal.pk)


def test_a_late_renewal_starts_today():
    proposal, certificate, secretariat = acknowledged()
    certificate = expiring_in(certificate, -10)
    renewal = services.request_renewal(
        actor=proposal.created_by, number=certificate.number, items=progress(certificate)
    )
    services.renew_certificate(actor=secretariat, request_id=renewal.pk)
    assert fresh(certificate).valid_from == TODAY


def test_renewal_below_the_threshold_is_refused_and_changes_nothing():
    proposal, certificate, secretariat = acknowledged()
    certificate = expiring_in(certificate, 20)
    items = progress(certificate, 60)
    items[0]["percent"] = 0  # mean drops below 50
    items[1]["percent"] = 10
    renewal = services.request_renewal(actor=proposal.created_by, number=certificate.number, items=items)
    assert renewal.progress_percent < 50
    before = snapshot(certificate)
    with pytest.raises(UserFacingError) as error:
        services.renew_certificate(actor=secretariat, request_id=renewal.pk)
    assert error.value.code == "below_threshold"
    assert error.value.field == "progress_percent"
    assert "50" in str(error.value)
    assert snapshot(certificate) == before
    assert RenewalRequest.objects.get(pk=renewal.pk).status == "pending"
    services.refuse_renewal(actor=secretariat, request_id=renewal.pk, note="ความก้าวหน้าต่ำกว่าเกณฑ์")
    assert RenewalRequest.objects.get(pk=renewal.pk).status == "refused"
    assert snapshot(certificate) == before  # it expires at the end of its period


def test_a_revoked_certificate_cannot_be_renewed():
    proposal, certificate, secretariat = acknowledged()
    certificate = expiring_in(certificate, 20)
    renewal = services.request_renewal(
        actor=proposal.created_by, number=certificate.number, items=progress(certificate)
    )
    services.revoke_certificate(actor=secretariat, number=certificate.number, reason="ไม่ดำเนินการตามแผน")
    before = snapshot(certificate)
    with pytest.raises(Conflict) as error:
        services.renew_certificate(actor=secretariat, request_id=renewal.pk)
    assert error.value.code == "decided"  # the revocation refused the waiting request
    with pytest.raises(Conflict) as error:
        services.request_renewal(actor=proposal.created_by, number=certificate.number, items=progress(certificate))
    assert error.value.code in {"revoked", "pending"}
    assert snapshot(certificate) == before


def test_a_city_asks_once_and_not_too_early():
    proposal, certificate, _s = acknowledged()
    with pytest.raises(Conflict) as error:
        services.request_renewal(actor=proposal.created_by, number=certificate.number, items=progress(certificate))
    assert error.value.code == "too_early"
    certificate = expiring_in(certificate, 30)
    services.request_renewal(actor=proposal.created_by, number=certificate.number, items=progress(certificate))
    with pytest.raises(Conflict) as error:
        services.request_renewal(actor=proposal.created_by, number=certificate.number, items=progress(certificate))
    assert error.value.code == "pending"
    assert RenewalRequest.objects.count() == 1


@pytest.mark.parametrize(
    "mangle, field",
    [
        (lambda items: [], "items"),
        (lambda items: "ทั้งหมด", "items"),
        (lambda items: items[1:], "items"),
        (lambda items: items + items[:1], "items[%d]"),
        (lambda items: [{**items[0], "percent": 101}, *items[1:]], "items[0].percent"),
        (lambda items: [{**items[0], "percent": -1}, *items[1:]], "items[0].percent"),
        (lambda items: [{**items[0], "percent": "50"}, *items[1:]], "items[0].percent"),
        (lambda items: [{**items[0], "percent": True}, *items[1:]], "items[0].percent"),
        (lambda items: [{**items[0], "evidence": " "}, *items[1:]], "items[0].evidence"),
        (lambda items: [{**items[0], "evidence": "ก" * 2001}, *items[1:]], "items[0].evidence"),
        (lambda items: [{**items[0], "id": 999999}, *items[1:]], "items[0]"),
        (lambda items: [{**items[0], "kind": "budget"}, *items[1:]], "items[0]"),
        (lambda items: ["50", *items[1:]], "items[0]"),
    ],
)
def test_bad_progress_reports_name_the_field_and_save_nothing(mangle, field):
    proposal, certificate, _s = acknowledged()
    certificate = expiring_in(certificate, 30)
    items = progress(certificate)
    mangled = mangle(items)
    with pytest.raises(UserFacingError) as error:
        services.request_renewal(actor=proposal.created_by, number=certificate.number, items=mangled)
    expected = field % len(items) if "%d" in field else field
    assert error.value.field == expected
    assert RenewalRequest.objects.count() == 0


def test_only_the_citys_editors_ask_for_renewal_and_only_the_secretariat_decides():
    proposal, certificate, secretariat = acknowledged()
    certificate = expiring_in(certificate, 30)
    viewer = MembershipFactory(organization=proposal.organization, role="viewer").user
    for outsider in (viewer, MembershipFactory().user, secretariat):
        with pytest.raises(NotAllowed):
            services.request_renewal(actor=outsider, number=certificate.number, items=progress(certificate))
    renewal = services.request_renewal(
        actor=proposal.created_by, number=certificate.number, items=progress(certificate)
    )
    before = snapshot(certificate)
    for outsider in (proposal.created_by, staff_user("committee")):
        with pytest.raises(NotAllowed):
            services.renew_certificate(actor=outsider, request_id=renewal.pk)
        with pytest.raises(NotAllowed):
            services.refuse_renewal(actor=outsider, request_id=renewal.pk, note="x")
    assert snapshot(certificate) == before
    assert RenewalRequest.objects.get(pk=renewal.pk).status == "pending"


# --- reminders -----------------------------------------------------------------------------------------------


def test_reminders_go_90_and_30_days_before_expiry_once_each():
    _p, certificate, _s = acknowledged()
    expiry = fresh(certificate).expires_on
    assert services.send_expiry_reminders(today=expiry - dt.timedelta(days=91)) == 0
    assert services.send_expiry_reminders(today=expiry - dt.timedelta(days=90)) == 1
    assert services.send_expiry_reminders(today=expiry - dt.timedelta(days=60)) == 0
    assert services.send_expiry_reminders(today=expiry - dt.timedelta(days=29)) == 1
    assert services.send_expiry_reminders(today=expiry - dt.timedelta(days=10)) == 0
    assert sorted(ExpiryReminder.objects.values_list("days_before", flat=True)) == [30, 90]
    assert OutboxMessage.objects.filter(template_code="certificate_expiry_reminder").count() >= 2


def test_no_reminders_for_revoked_certificates():
    _p, certificate, secretariat = acknowledged()
    services.revoke_certificate(actor=secretariat, number=certificate.number, reason="เพิกถอน")
    assert services.send_expiry_reminders(today=fresh(certificate).expires_on - dt.timedelta(days=30)) == 0
