"""Partner companies and endorsement requests for tests, through the services, as people make them."""

import itertools

from smartcity.endorsements import services
from tests.certification.builders import acknowledged
from tests.factories import MembershipFactory, OrganizationFactory, staff_user, valid_juristic_id

_numbers = itertools.count(7001)

# Inside tests.proposals.builders.KHON_KAEN_AREA (102.80–102.86 E, 16.41–16.46 N).
INSIDE = {"lat": "16.440000", "lon": "102.830000"}
IN_THAILAND_OUTSIDE_AREA = {"lat": "16.470000", "lon": "102.830000"}  # 1 km north of the area, still Khon Kaen
OUTSIDE_THAILAND = {"lat": "16.840900", "lon": "96.173500"}  # Yangon, Myanmar: the latitude of Khon Kaen


def company(kind="private_company", role="editor", name_th="บริษัท ขอนแก่นดิจิทัล จำกัด"):
    """A company with a registered juristic ID and one member with ``role``: (company, member)."""
    n = next(_numbers)
    organization = OrganizationFactory(
        kind=kind, juristic_id=valid_juristic_id(n), name_th=name_th, name_en=f"Khon Kaen Digital {n} Co., Ltd."
    )
    return organization, MembershipFactory(organization=organization, role=role).user


def partner(certificate, **kwargs):
    """A company named as a partner in the certified proposal: (company, member)."""
    organization, user = company(**kwargs)
    certificate.proposal.partners.add(organization)
    return organization, user


def data(organization, certificate, **overrides):
    values = {
        "company_id": organization.pk,
        "certificate_number": certificate.number,
        "juristic_id": organization.juristic_id,
        "activity": "area_development",
        "domain_codes": ["environment", "mobility"],
        "project_title": "โครงข่ายไวไฟสาธารณะและแพลตฟอร์มข้อมูลเมือง",
        "description": "ติดตั้งไวไฟสาธารณะ 300 จุด และแพลตฟอร์มข้อมูลเมืองแบบเปิด",
        "investment_baht": "25000000.00",
        **INSIDE,
    }
    values.update(overrides)
    return values


def setting():
    """A certified city, a partner company with an editor, and the secretariat."""
    _proposal, certificate, secretariat = acknowledged()
    organization, user = partner(certificate)
    return certificate, organization, user, secretariat


def requested(certificate=None, organization=None, user=None, **overrides):
    if certificate is None:
        certificate, organization, user, _secretariat = setting()
    return services.request_endorsement(actor=user, **data(organization, certificate, **overrides))


def approved(**overrides):
    """An approved endorsement, with its certificate, company member and the secretariat."""
    certificate, organization, user, secretariat = setting()
    endorsement = requested(certificate, organization, user, **overrides)
    services.approve_endorsement(actor=secretariat, endorsement_id=endorsement.pk)
    endorsement.refresh_from_db()
    return endorsement, user, secretariat


def boi_officer():
    return staff_user("boi_officer")
