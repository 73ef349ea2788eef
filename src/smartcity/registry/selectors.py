"""What the public registry shows, read once per registry version and day and kept in the shared cache.

The registry lists every certificate that was not revoked, with its honest status (valid, expiring, expired
or suspended): a lapsed or suspended city is still a fact the public may look up, and hiding it would make
the list look better than it is. Revoked certificates leave the registry (the verification page still says
"revoked", with the reason). A promotion zone whose proposal went on to a Smart City certificate (not
revoked) is not listed separately: the city graduated, and its Smart City entry stands for it.

Entries are plain, language-neutral values (both Thai and English), so one cached copy serves the pages,
the downloads and the API in either language.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from smartcity.certification.models import Certificate, CertificateKind, CertificateState, CertificateStatus
from smartcity.core.identifiers import province_name
from smartcity.core.thai import in_both_languages
from smartcity.program.models import Domain
from smartcity.proposals.models import ItemStatus

from .cache import cached
from .regions import REGIONS, provinces_in_region, region_for_province

CURRENT = "current"


@dataclass(frozen=True)
class RegistryFilter:
    """The registry's filters; empty means "any". ``year`` is the C.E. year of issue."""

    domain: str = ""
    region: str = ""
    province: str = ""
    designation: str = ""
    year: int | None = None
    status: str = ""  # "" every listed certificate, "current" only valid and expiring ones

    def as_params(self) -> dict[str, str]:
        return {k: str(v) for k, v in asdict(self).items() if v not in ("", None)}

    def query_string(self) -> str:
        return urlencode(self.as_params())

    @property
    def key(self) -> str:
        return self.query_string() or "all"

    @property
    def is_empty(self) -> bool:
        return not self.as_params()


@dataclass(frozen=True)
class Entry:
    """One certificate as the public sees it. The attribute names are the open-data field names."""

    number: str
    designation: str
    designation_th: str
    designation_en: str
    city_name_th: str
    city_name_en: str
    proponent_th: str
    proponent_en: str
    province_code: str
    province_th: str
    province_en: str
    region: str
    region_th: str
    region_en: str
    city_type: str
    city_type_th: str
    city_type_en: str
    domains: tuple[str, ...]
    issued_on: str
    valid_from: str
    expires_on: str
    status: str
    status_th: str
    status_en: str
    status_reason: str
    renewal_count: int
    criteria_set_version: int
    area_km2: float | None
    centroid_lat: float
    centroid_lon: float
    url: str
    verify_url: str
    area: dict = field(repr=False, compare=False)
    graduated_to: str = ""  # a promotion zone's Smart City certificate number, when it graduated

    @property
    def is_current(self) -> bool:
        return self.status in (CertificateStatus.VALID, CertificateStatus.EXPIRING)

    @property
    def issued_year(self) -> int:
        return int(self.issued_on[:4])

    @property
    def issued_date(self) -> dt.date:
        return dt.date.fromisoformat(self.issued_on)

    @property
    def valid_from_date(self) -> dt.date:
        return dt.date.fromisoformat(self.valid_from)

    @property
    def expires_date(self) -> dt.date:
        return dt.date.fromisoformat(self.expires_on)


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path


def graduated_query() -> QuerySet[Certificate]:
    """The listed Smart City certificate of the same proposal (for a promotion zone that graduated)."""
    return Certificate.objects.filter(proposal=OuterRef("proposal"), kind=CertificateKind.SMART_CITY).exclude(
        state=CertificateState.REVOKED
    )


def with_details(queryset: QuerySet[Certificate]) -> QuerySet[Certificate]:
    return queryset.select_related("organization", "city_type", "criteria_set").prefetch_related(
        Prefetch("domains", queryset=Domain.objects.order_by("order", "code"))
    )


def listed_certificates(registry_filter: RegistryFilter, today: dt.date) -> QuerySet[Certificate]:
    """The certificates the registry lists, filtered. Two queries however many there are."""
    queryset = Certificate.objects.exclude(state=CertificateState.REVOKED).exclude(
        Q(kind=CertificateKind.PROMOTION_ZONE) & Exists(graduated_query())
    )
    f = registry_filter
    if f.domain:
        queryset = queryset.filter(domains__code=f.domain)
    if f.region:
        queryset = queryset.filter(province_code__in=provinces_in_region(f.region))
    if f.province:
        queryset = queryset.filter(province_code=f.province)
    if f.designation:
        queryset = queryset.filter(kind=f.designation)
    if f.year:
        queryset = queryset.filter(issued_on__gte=dt.date(f.year, 1, 1), issued_on__lte=dt.date(f.year, 12, 31))
    if f.status == CURRENT:
        queryset = queryset.filter(state=CertificateState.ACTIVE, expires_on__gte=today)
    return with_details(queryset).order_by("-issued_on", "-number")


def entry_for(certificate: Certificate, today: dt.date, graduated_to: str = "") -> Entry:
    status = certificate.status_on(today)
    region = region_for_province(certificate.province_code)
    designation = in_both_languages(CertificateKind(certificate.kind).label)
    designation_th, designation_en = designation["th"], designation["en"]
    status_names = in_both_languages(CertificateStatus(status).label)
    status_th, status_en = status_names["th"], status_names["en"]
    city_type = certificate.city_type
    return Entry(
        number=certificate.number,
        designation=certificate.kind,
        designation_th=designation_th,
        designation_en=designation_en,
        city_name_th=certificate.city_name_th,
        city_name_en=certificate.city_name_en or certificate.city_name_th,
        proponent_th=certificate.organization.name_th,
        proponent_en=certificate.organization.name_en or certificate.organization.name_th,
        province_code=certificate.province_code,
        province_th=province_name(certificate.province_code, "th"),
        province_en=province_name(certificate.province_code, "en"),
        region=region.code if region else "",
        region_th=region.name_th if region else "",
        region_en=region.name_en if region else "",
        city_type=city_type.code if city_type else "",
        city_type_th=city_type.name_th if city_type else "",
        city_type_en=city_type.name_en if city_type else "",
        domains=tuple(domain.code for domain in certificate.domains.all()),
        issued_on=certificate.issued_on.isoformat(),
        valid_from=certificate.valid_from.isoformat(),
        expires_on=certificate.expires_on.isoformat(),
        status=status,
        status_th=status_th,
        status_en=status_en,
        # The secretariat writes the reason for the public; it is shown while the certificate is suspended.
        status_reason=certificate.state_reason if certificate.state == CertificateState.SUSPENDED else "",
        renewal_count=certificate.renewal_count,
        criteria_set_version=certificate.criteria_set.version,
        area_km2=float(certificate.area_km2) if certificate.area_km2 is not None else None,
        centroid_lat=float(certificate.centroid_lat),
        centroid_lon=float(certificate.centroid_lon),
        url=absolute_url(reverse("registry:city", args=[certificate.number])),
        verify_url=absolute_url(reverse("verify:certificate", args=[certificate.number])),
        area=certificate.area,
        graduated_to=graduated_to,
    )


def registry_entries(registry_filter: RegistryFilter) -> list[Entry]:
    """The listed certificates for this filter, from the cache (rebuilt after any certificate changes)."""

    def build() -> list[Entry]:
        today = timezone.localdate()
        return [entry_for(c, today) for c in listed_certificates(registry_filter, today)]

    return cached(f"entries:{registry_filter.key}", build)


# --- the city page -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanGoal:
    title: str
    kpi_name: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    target_year: int


@dataclass(frozen=True)
class PlanService:
    name: str
    description: str
    status: str
    status_th: str
    status_en: str
    start_date: dt.date
    end_date: dt.date


@dataclass(frozen=True)
class PlanGroup:
    """The goals and services of the certified plan in one domain."""

    domain: str
    certified: bool
    goals: tuple[PlanGoal, ...]
    services: tuple[PlanService, ...]


@dataclass(frozen=True)
class CityPage:
    entry: Entry
    plan: tuple[PlanGroup, ...]


def _plan(certificate: Certificate, certified: tuple[str, ...]) -> tuple[PlanGroup, ...]:
    proposal = certificate.proposal
    goals: dict[str, list[PlanGoal]] = {}
    services: dict[str, list[PlanService]] = {}
    orders: dict[str, int] = {}
    for goal in proposal.goals.select_related("domain").order_by("id"):
        orders[goal.domain.code] = goal.domain.order
        goals.setdefault(goal.domain.code, []).append(
            PlanGoal(goal.title, goal.kpi_name, goal.unit, goal.baseline, goal.target, goal.target_year)
        )
    for service in proposal.services.select_related("domain").order_by("id"):
        orders[service.domain.code] = service.domain.order
        names = in_both_languages(ItemStatus(service.status).label)
        status_th, status_en = names["th"], names["en"]
        services.setdefault(service.domain.code, []).append(
            PlanService(
                service.name,
                service.description,
                service.status,
                status_th,
                status_en,
                service.start_date,
                service.end_date,
            )
        )
    # The certified domains first, in the program's order; then any other part of the plan.
    codes = sorted(orders, key=lambda code: (code not in certified, orders[code], code))
    return tuple(
        PlanGroup(code, code in certified, tuple(goals.get(code, ())), tuple(services.get(code, ()))) for code in codes
    )


def city_page(number: str) -> CityPage | None:
    """A listed certificate's public page (None for an unknown or revoked number); cached like the list."""

    def build() -> CityPage | None:
        queryset = with_details(
            Certificate.objects.filter(number=number)
            .exclude(state=CertificateState.REVOKED)
            .select_related("proposal")
            .annotate(smart_city_number=Subquery(graduated_query().values("number")[:1]))
        )
        certificate = queryset.first()
        if certificate is None:
            return None
        graduated_to = certificate.smart_city_number if certificate.kind == CertificateKind.PROMOTION_ZONE else ""
        entry = entry_for(certificate, timezone.localdate(), graduated_to or "")
        return CityPage(entry, _plan(certificate, entry.domains))

    return cached(f"city:{number}", build)


# --- counts --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    total: int
    current: int
    by_designation: tuple[tuple[str, int], ...]
    by_domain: tuple[tuple[str, int], ...]
    by_region: tuple[tuple[str, int], ...]
    by_year: tuple[tuple[int, int], ...]


def counts(entries: list[Entry], domain_codes: list[str]) -> Counts:
    """How many listed certificates per designation, domain (in the program's order), region and year."""
    domains = Counter(code for entry in entries for code in entry.domains)
    regions = Counter(entry.region for entry in entries)
    years = Counter(entry.issued_year for entry in entries)
    designations = Counter(entry.designation for entry in entries)
    return Counts(
        total=len(entries),
        current=sum(1 for entry in entries if entry.is_current),
        by_designation=tuple((kind, designations[kind]) for kind in CertificateKind.values),
        by_domain=tuple((code, domains[code]) for code in domain_codes),
        by_region=tuple((code, regions[code]) for code in REGIONS),
        by_year=tuple(sorted(years.items())),
    )
