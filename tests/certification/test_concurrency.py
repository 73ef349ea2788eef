"""Simultaneous certificate actions, with real threads against PostgreSQL."""

import datetime as dt

import pytest
from django.utils import timezone

from smartcity.certification import services
from smartcity.certification.models import Certificate, RenewalRequest
from smartcity.core.audit import verify_chain
from smartcity.core.errors import Conflict
from smartcity.evaluation import services as ev
from tests.certification.builders import acknowledged
from tests.conftest import requires_postgres
from tests.evaluation.builders import screened
from tests.factories import staff_user
from tests.proposals.test_concurrency import run_together

pytestmark = [requires_postgres, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("seeded_rules")]


def test_two_designations_at_once_get_different_numbers():
    (first, secretariat), (second, _other) = screened(), screened()
    results = run_together(
        lambda: ev.designate_promotion_zone(actor=secretariat, proposal_id=first.pk),
        lambda: ev.designate_promotion_zone(actor=secretariat, proposal_id=second.pk),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    numbers = sorted(Certificate.objects.values_list("number", flat=True))
    year = timezone.localdate().year + 543
    assert numbers == [f"SCZ-{year}-0001", f"SCZ-{year}-0002"]
    assert verify_chain().ok


def test_suspend_and_revoke_at_once_leave_one_consistent_state():
    _p, certificate, secretariat = acknowledged()
    other = staff_user("secretariat")
    results = run_together(
        lambda: services.suspend_certificate(actor=secretariat, number=certificate.number, reason="ระงับ"),
        lambda: services.revoke_certificate(actor=other, number=certificate.number, reason="เพิกถอน"),
    )
    assert not [r for r in results if isinstance(r, Exception) and not isinstance(r, Conflict)], results
    final = Certificate.objects.get(pk=certificate.pk)
    # Either order is legal (suspend then revoke, or revoke then a refused suspend); the reason matches the state.
    assert (final.state, final.state_reason) in {("revoked", "เพิกถอน")}
    assert verify_chain().ok


def test_renewing_twice_at_once_renews_once():
    proposal, certificate, secretariat = acknowledged()
    expires = timezone.localdate() + dt.timedelta(days=20)
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_on=expires - dt.timedelta(days=730), valid_from=expires - dt.timedelta(days=730), expires_on=expires
    )
    items = [
        {"kind": kind, "id": pk, "percent": 70, "evidence": "หลักฐาน"}
        for kind, pk, _label in services.plan_items(certificate)
    ]
    renewal = services.request_renewal(actor=proposal.created_by, number=certificate.number, items=items)
    other = staff_user("secretariat")
    results = run_together(
        lambda: services.renew_certificate(actor=secretariat, request_id=renewal.pk),
        lambda: services.renew_certificate(actor=other, request_id=renewal.pk),
    )
    assert len([r for r in results if isinstance(r, Certificate)]) == 1, results
    assert len([r for r in results if isinstance(r, Conflict)]) == 1, results
    final = Certificate.objects.get(pk=certificate.pk)
    assert final.renewal_count == 1
    assert final.valid_from == expires + dt.timedelta(days=1)
    assert RenewalRequest.objects.get(pk=renewal.pk).status == "renewed"
    assert verify_chain().ok
