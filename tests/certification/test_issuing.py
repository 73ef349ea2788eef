"""Certificates are issued by the committee's acknowledgement and by a promotion-zone designation."""

import datetime as dt

import pytest
from django.utils import timezone

from smartcity.certification import signing
from smartcity.certification.models import Certificate
from smartcity.certification.services import add_months, period_end, signed_fields
from smartcity.core.audit import verify_chain
from smartcity.core.models import AuditEvent
from smartcity.notifications.models import OutboxMessage
from tests.certification.builders import acknowledged, promotion_zone

pytestmark = pytest.mark.django_db


def test_acknowledgement_issues_a_numbered_signed_certificate():
    proposal, certificate, _secretariat = acknowledged()
    today = timezone.localdate()
    assert certificate.number == f"SCT-{today.year + 543}-0001"
    assert certificate.kind == "smart_city"
    assert certificate.city_name_th == proposal.title_th
    assert sorted(d.code for d in certificate.domains.all()) == ["environment", "mobility"]
    assert certificate.issued_on == today == certificate.valid_from
    assert certificate.expires_on == period_end(today, 24)
    assert certificate.criteria_set.version == 1
    assert certificate.status == "valid"
    payload = signing.verify(certificate.payload)
    assert payload.fields["n"] == certificate.number
    assert payload.fields["d"] == ["environment", "mobility"]
    assert payload.fields["e"] == certificate.expires_on.isoformat()
    assert payload.key_id == certificate.key_id
    assert AuditEvent.objects.filter(action="certificate.issued", object_id=str(certificate.pk)).count() == 1
    assert OutboxMessage.objects.filter(template_code="certificate_issued").exists()
    assert verify_chain().ok


def test_numbers_run_on_per_series_and_year():
    _p, first, _s = acknowledged()
    _p, second, _s = acknowledged()
    _p, zone, _s = promotion_zone()
    year = timezone.localdate().year + 543
    assert (first.number, second.number) == (f"SCT-{year}-0001", f"SCT-{year}-0002")
    assert zone.number == f"SCZ-{year}-0001"
    assert zone.kind == "promotion_zone"


def test_a_designation_issues_its_certificate_once():
    from smartcity.evaluation import services as ev

    proposal, zone, secretariat = promotion_zone()
    ev.designate_promotion_zone(actor=secretariat, proposal_id=proposal.pk, reason="ซ้ำ")
    assert Certificate.objects.filter(proposal=proposal).count() == 1
    assert signed_fields(zone)["t"] == "promotion_zone"


@pytest.mark.parametrize(
    "start, months, end",
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 27)),
        (dt.date(2024, 2, 29), 24, dt.date(2026, 2, 27)),
        (dt.date(2026, 11, 24), 24, dt.date(2028, 11, 23)),
    ],
)
def test_validity_periods_end_the_day_before_the_same_date(start, months, end):
    assert period_end(start, months) == end
    assert add_months(dt.date(2026, 12, 15), 1) == dt.date(2027, 1, 15)
