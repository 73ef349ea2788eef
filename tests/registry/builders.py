"""Certified cities for registry tests.

``acknowledged()`` (tests.certification.builders) certifies a city through the whole evaluation path; that is
the one to use when the path matters. For lists and query counts, ``another_city`` makes more cities
cheaply: a complete proposal of its own (built through the proposal services, with goals and services in
its domains) and a certificate copied from a certificate issued through the real path, with its own
number, city, province, area, domains and dates, signed with the platform's key.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from smartcity.certification import signing
from smartcity.certification.models import NUMBER_PREFIX, Certificate
from smartcity.certification.services import signed_fields
from smartcity.core.thai import buddhist_year
from smartcity.program.models import Domain
from tests.factories import MembershipFactory
from tests.proposals.builders import complete

# Real places: (province code, Thai name, English name, centre lon, centre lat).
PLACES = {
    "phuket": ("83", "ภูเก็ตเมืองอัจฉริยะ", "Phuket Smart City", 98.39, 7.88),
    "chiangmai": ("50", "เชียงใหม่เมืองอัจฉริยะ", "Chiang Mai Smart City", 98.98, 18.79),
    "chonburi": ("20", "ชลบุรีเมืองอัจฉริยะ", "Chon Buri Smart City", 100.98, 13.36),
    "bangkok": ("10", "กรุงเทพมหานครเมืองอัจฉริยะ", "Bangkok Smart City", 100.50, 13.75),
    "khonkaen": ("40", "ขอนแก่นเมืองอัจฉริยะ", "Khon Kaen Smart City", 102.83, 16.43),
    "songkhla": ("90", "หาดใหญ่เมืองอัจฉริยะ", "Hat Yai Smart City", 100.47, 7.01),
}


def square(lon: float, lat: float, half: float = 0.03) -> dict:
    ring = [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half]]
    return {"type": "MultiPolygon", "coordinates": [[[*ring, ring[0]]]]}


def _next_number(kind: str, issued_on: dt.date) -> str:
    prefix = f"{NUMBER_PREFIX[kind]}-{buddhist_year(issued_on.year)}-"
    taken = Certificate.objects.filter(number__startswith=prefix).count()
    return f"{prefix}{taken + 101:04d}"


def another_city(
    base: Certificate,
    place: str = "phuket",
    *,
    kind: str = "smart_city",
    domains: tuple[str, ...] = ("environment", "mobility"),
    issued_on: dt.date | None = None,
    proposal=None,
) -> Certificate:
    """One more certified city (or promotion zone) in ``place``, copied from ``base``; see the module's note."""
    province, name_th, name_en, lon, lat = PLACES[place]
    if proposal is None:
        user = MembershipFactory(
            role="editor",
            organization__province_code=province,
            organization__district_code="",
            organization__name_th=f"เทศบาล{name_th}",
            organization__name_en=f"{name_en} Municipality",
        ).user
        proposal = complete(user, domains=domains)
    issued_on = issued_on or base.issued_on
    certificate = Certificate.objects.create(
        number=_next_number(kind, issued_on),
        kind=kind,
        proposal=proposal,
        organization=proposal.organization,
        city_name_th=name_th,
        city_name_en=name_en,
        province_code=province,
        city_type=base.city_type,
        criteria_set=base.criteria_set,
        area=square(lon, lat),
        area_km2=Decimal("44.100"),
        centroid_lat=Decimal(str(lat)),
        centroid_lon=Decimal(str(lon)),
        issued_on=issued_on,
        valid_from=issued_on,
        expires_on=issued_on + (base.expires_on - base.valid_from),
        issued_by=base.issued_by,
        payload="-",
    )
    certificate.domains.set(Domain.objects.filter(code__in=domains))
    certificate.payload = signing.sign(signed_fields(certificate))
    certificate.key_id = signing.verify(certificate.payload).key_id
    certificate.save(update_fields=["payload", "key_id"])
    return certificate
