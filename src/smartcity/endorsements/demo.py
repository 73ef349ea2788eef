"""The demo's BOI endorsements, on Khon Kaen's certificate (run after the certification demo)."""

from __future__ import annotations

from smartcity.accounts.models import Organization, User
from smartcity.certification.models import Certificate
from smartcity.proposals.models import Proposal

from .services import approve_endorsement, request_endorsement


def advance(proposals: list[Proposal]) -> None:
    """The Khon Kaen Think Tank, a partner of Khon Kaen, holds one approved endorsement and waits for another."""
    certificate = Certificate.objects.filter(
        proposal__in=proposals, proposal__organization__name_en="Khon Kaen City Municipality", kind="smart_city"
    ).first()
    if certificate is None:
        return
    company = Organization.objects.get(name_en="Khon Kaen Think Tank Co., Ltd.")
    user = User.objects.get(email="kktt@smartcity.example")
    common = {"actor": user, "company_id": company.pk, "certificate_number": certificate.number}
    approved = request_endorsement(
        **common,
        juristic_id=company.juristic_id,
        activity="system_development",
        domain_codes=["mobility"],
        project_title="ระบบข้อมูลผู้โดยสารรถไฟฟ้ารางเบาขอนแก่น",
        description="ระบบตั๋วร่วมและข้อมูลผู้โดยสารแบบเรียลไทม์ เชื่อมกับแพลตฟอร์มข้อมูลเมืองขอนแก่น",
        investment_baht="250000000",
        lat="16.4330",
        lon="102.8350",
    )
    approve_endorsement(actor=User.objects.get(email="secretariat@smartcity.example"), endorsement_id=approved.pk)
    request_endorsement(
        **common,
        juristic_id=company.juristic_id,
        activity="area_development",
        domain_codes=["environment", "mobility"],
        project_title="โครงข่ายใยแก้วนำแสงและ Wi-Fi สาธารณะย่านสถานีรถไฟฟ้า",
        description="วางโครงข่ายใยแก้วนำแสง จุด Wi-Fi สาธารณะ และเซนเซอร์คุณภาพอากาศรอบสถานี เปิดข้อมูลผ่านแพลตฟอร์มข้อมูลเมือง",
        investment_baht="80000000",
        lat="16.4420",
        lon="102.8280",
    )
