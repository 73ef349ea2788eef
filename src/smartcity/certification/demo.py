"""The demo's certificates tell a story across time: Khon Kaen's is new, Phuket's (from the pilot round) expires
within 30 days and the city has asked for renewal. The certificates themselves were issued by the services when the
committee acknowledged (and the promotion zone was designated); only Phuket's dates are moved back here, and its
payload signed again so that the QR code matches."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from smartcity.accounts.models import User
from smartcity.core.audit import record_event
from smartcity.proposals.models import Proposal

from .models import Certificate
from .services import _next_number, _sign, period_end, plan_items, request_renewal

PHUKET_EXPIRES_IN_DAYS = 25


def date_back(certificate: Certificate, expires_on: dt.date) -> Certificate:
    """Give a demo certificate a period ending on ``expires_on`` (as if issued one validity period earlier)."""
    months = certificate.criteria_set.certificate_validity_months
    start = expires_on
    while period_end(start, months) > expires_on:
        start -= dt.timedelta(days=1)
    before = {"number": certificate.number, "issued_on": certificate.issued_on, "expires_on": certificate.expires_on}
    certificate.number = _next_number(certificate.kind, start)
    certificate.issued_on = certificate.valid_from = start
    certificate.expires_on = expires_on
    _sign(certificate)
    certificate.save(
        update_fields=["number", "issued_on", "valid_from", "expires_on", "payload", "key_id", "updated_at"]
    )
    record_event(
        actor=None,
        action="certificate.demo_dated_back",
        obj=certificate,
        before=before,
        after={"number": certificate.number, "issued_on": start, "expires_on": expires_on},
    )
    return certificate


def advance(proposals: list[Proposal]) -> None:
    phuket = Certificate.objects.filter(
        proposal__in=proposals, proposal__organization__name_en="Phuket City Municipality", kind="smart_city"
    ).first()
    if phuket is not None:
        date_back(phuket, timezone.localdate() + dt.timedelta(days=PHUKET_EXPIRES_IN_DAYS))
        _ask_for_renewal(phuket)


# Phuket's report: the CCTV and Wi-Fi work is done, the tourism data platform is half-way.
PHUKET_PROGRESS = [90, 75, 60, 80, 55, 70, 65, 50, 85]


def _ask_for_renewal(certificate: Certificate) -> None:
    city_user = User.objects.get(email="phuket@smartcity.example")
    items = [
        {
            "kind": kind,
            "id": pk,
            "percent": PHUKET_PROGRESS[index % len(PHUKET_PROGRESS)],
            "evidence": "รายงานผลการดำเนินงานประจำปี พร้อมภาพถ่ายและข้อมูลจากแพลตฟอร์มข้อมูลเมือง",
        }
        for index, (kind, pk, _label) in enumerate(plan_items(certificate))
    ]
    request_renewal(
        actor=city_user,
        number=certificate.number,
        items=items,
        summary="ดำเนินการติดตั้งกล้อง CCTV และจุด Wi-Fi สาธารณะครบตามแผน แพลตฟอร์มข้อมูลการท่องเที่ยวอยู่ระหว่างขยายผล",
    )
