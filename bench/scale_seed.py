"""The demo at ten times its size, for bench/scale.py: the people and rules through the services, the bulk of
proposals and evaluation rows with bulk_create, the certificates through the services again.

What goes through the services (so it is exactly what the platform writes, audit events included): the demo
itself (`manage.py demo_data`), every organisation, account, membership, program role and call, and every
certificate (``issue_certificate``, which signs it and snapshots the area, dated on its acknowledgement day).

What is written with bulk_create (submitting 1,000 proposals and 10,000 scorecards one service call at a time
takes a quarter of an hour): the proposals with their five sections, the submitted versions, screenings,
assignments, scorecards, working-group results, revision requests, section comments, meetings with agenda items
and acknowledgements. Each row mirrors what the service writes: areas are validated and measured with
``proposals.geometry`` as ``set_area`` does; the version documents are ``proposal_to_document`` of the stored
proposal with the same SHA-256 as ``submit_proposal``; scorecards have whole-number scores within the criteria
set's weights and their sum as total; a domain result is the mean, median and spread of its group's totals with
the pass mark and disagreement spread of the criteria set, as ``_compute_result_when_complete`` computes them; a
status is only ever reached through the states the transition table allows (a recommended proposal has every
domain passed, an acknowledged one was approved in a closed meeting, and so on). Dates follow each call:
submitted before it closed, screened, scored, decided about four months after and acknowledged a month later.
These rows have no audit events and send no notices; one ``bench.scale_loaded`` event records the counts, so
the audit chain stays whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from smartcity.accounts import services as accounts
from smartcity.accounts.demo import juristic_id
from smartcity.accounts.models import Organization, User
from smartcity.certification.models import CertificateKind
from smartcity.certification.services import issue_certificate
from smartcity.core.audit import record_event
from smartcity.core.identifiers import province_name
from smartcity.evaluation.models import (
    Acknowledgement,
    AgendaItem,
    Assignment,
    DomainResult,
    Meeting,
    RevisionRequest,
    Scorecard,
    Screening,
)
from smartcity.evaluation.selectors import certified_domains
from smartcity.program import services as program_services
from smartcity.program.models import Call, CityType, CriteriaSet, Domain
from smartcity.program.services import save_call
from smartcity.proposals import geometry
from smartcity.proposals.document import prefetched, proposal_to_document
from smartcity.proposals.models import (
    Dataset,
    Goal,
    InfrastructureItem,
    Proposal,
    ProposalStatus,
    ProposalVersion,
    SectionComment,
    Service,
)

S = ProposalStatus
SYSTEM = "bench/scale.py"
PASSWORD = "smartcity-demo"

# DOPA province code and a point near its capital, a few km inland (the proposals' areas are drawn around it).
PROVINCES = [
    ("10", 13.75, 100.50),
    ("11", 13.60, 100.60),
    ("12", 13.86, 100.51),
    ("13", 14.02, 100.53),
    ("20", 13.36, 101.02),
    ("21", 12.70, 101.26),
    ("24", 13.69, 101.07),
    ("30", 14.97, 102.10),
    ("31", 14.99, 103.10),
    ("34", 15.24, 104.85),
    ("40", 16.43, 102.83),
    ("41", 17.41, 102.79),
    ("44", 16.18, 103.30),
    ("48", 17.38, 104.76),
    ("50", 18.79, 98.98),
    ("52", 18.29, 99.49),
    ("57", 19.91, 99.83),
    ("60", 15.70, 100.14),
    ("63", 16.87, 99.13),
    ("65", 16.82, 100.26),
    ("70", 13.54, 99.82),
    ("71", 14.00, 99.55),
    ("76", 13.11, 99.94),
    ("77", 11.81, 99.76),
    ("80", 8.43, 99.96),
    ("83", 7.89, 98.35),
    ("84", 9.14, 99.33),
    ("90", 7.11, 100.60),
    ("92", 7.56, 99.61),
    ("95", 6.54, 101.28),
]
THEMES = [
    ("เมืองน่าอยู่ เดินทางสะดวก", "livable and connected"),
    ("อากาศสะอาดและพื้นที่สีเขียว", "clean air and green space"),
    ("เศรษฐกิจดิจิทัลและการท่องเที่ยว", "digital economy and tourism"),
    ("สุขภาพดีและสังคมสูงวัย", "health and an ageing society"),
    ("พลังงานสะอาดและอาคารประหยัดพลังงาน", "clean energy and efficient buildings"),
    ("บริการภาครัฐออนไลน์และข้อมูลเปิด", "online public services and open data"),
    ("ย่านเมืองเก่าอัจฉริยะ", "smart old town"),
    ("เมืองใหม่รอบสถานีขนส่ง", "transit-oriented new town"),
]
GIVEN = ["สมชาย", "สุนีย์", "ประยุทธ", "วราภรณ์", "อนุชา", "พัชรา", "ธีรวัฒน์", "กาญจนา", "ณัฐพล", "ศิริรัตน์"]
FAMILY = ["ใจงาม", "รุ่งเรือง", "ศรีสวัสดิ์", "บุญมา", "แก้วประเสริฐ", "ทองดี", "มั่นคง", "วงศ์ใหญ่", "สายสุข"]

# How the proposals beyond the demo's four are spread over the states (relative weights; 996 of 1,000).
STATUS_MIX = {
    S.DRAFT: 90,
    S.SUBMITTED: 50,
    S.SCREENING: 30,
    S.RETURNED: 40,
    S.WITHDRAWN: 20,
    S.IN_EVALUATION: 180,
    S.REVISION_REQUESTED: 30,
    S.RECOMMENDED: 60,
    S.NOT_RECOMMENDED: 30,
    S.DEFERRED: 16,
    S.APPROVED: 20,
    S.ACKNOWLEDGED: 300,
    S.REJECTED: 130,
}
# Which past calls (0 = the one that closed last) each state comes from, so that its history fits before today.
CALL_AGE = {
    S.IN_EVALUATION: (0, 1),
    S.REVISION_REQUESTED: (1, 2),
    S.RECOMMENDED: (2, 4),
    S.NOT_RECOMMENDED: (2, 4),
    S.APPROVED: (3, 6),
    S.DEFERRED: (3, 6),
    S.ACKNOWLEDGED: (3, 99),
    S.REJECTED: (3, 99),
    S.WITHDRAWN: (3, 99),
}
OPEN_CALL_STATES = {S.DRAFT, S.SUBMITTED, S.SCREENING, S.RETURNED}
DECIDED_IN_MEETING = {S.APPROVED, S.DEFERRED, S.ACKNOWLEDGED, S.REJECTED}
OPEN_AGENDA = {S.RECOMMENDED: 40, S.NOT_RECOMMENDED: 10}


@dataclass
class Scale:
    proposals: int = 1000
    calls: int = 40
    members_per_domain: int = 8  # working-group members per domain (the demo has two)
    reviewers_per_domain: int = 3  # members assigned to score one domain of one proposal
    heavy_share: float = 0.1  # the demo city (Khon Kaen) applies often: this share of the proposals is theirs
    promotion_zones: int = 10
    seed: int = 2026


@dataclass
class Plan:
    """One proposal to write: who, which call, which state, and the days of its history."""

    organization: Organization
    author: User
    call: Call
    status: str
    domains: list[Domain]
    city_type: CityType
    title_th: str
    title_en: str
    centre: tuple[float, float, float, float]  # the province capital (lon, lat) and an offset from it
    created: dt.datetime
    submitted: dt.datetime | None = None
    rounds: int = 0
    failing: dict[int, set[str]] = field(default_factory=dict)  # round -> domain codes short of the pass mark
    scored_share: float = 1.0  # share of the last round's scorecards that are in
    last_change: dt.datetime | None = None
    promotion_zone: bool = False
    proposal: Proposal | None = None


@contextmanager
def explicit_timestamps(*models):
    """Let bulk_create keep the historical created_at/updated_at given, instead of stamping them with now."""
    saved = [
        (f, f.auto_now, f.auto_now_add)
        for m in models
        for f in m._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    for f, _now, _add in saved:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, add in saved:
            f.auto_now, f.auto_now_add = now, add


def _past(moment: dt.datetime) -> dt.datetime:
    """Nothing in the history happens later than an hour ago (recent rounds are squeezed, not in the future)."""
    return min(moment, timezone.now() - dt.timedelta(hours=1))


def _at(day: dt.date, rng: random.Random) -> dt.datetime:
    return _past(timezone.make_aware(dt.datetime.combine(day, dt.time(9 + rng.randrange(8), rng.randrange(60)))))


class Loader:
    def __init__(self, scale: Scale):
        self.scale = scale
        self.rng = random.Random(scale.seed)
        self.today = timezone.localdate()
        self.domains = {d.code: d for d in Domain.objects.order_by("order")}
        self.criteria_set = CriteriaSet.objects.get(version=1)
        self.weights = {str(k): int(v) for k, v in self.criteria_set.criterion_weights.items()}
        self.secretariat = User.objects.get(email="secretariat@smartcity.example")
        self.committee = User.objects.get(email="committee@smartcity.example")
        self.city_types = {c.code: c for c in CityType.objects.all()}

    # --- people, organisations and calls, through the services -------------------------------------------

    def people(self) -> None:
        existing = set(Organization.objects.values_list("name_en", flat=True))
        made = 0
        for index, (code, _lat, _lon) in enumerate(PROVINCES):
            th, en = province_name(code, "th"), province_name(code, "en")
            kinds = [
                ("city_municipality", f"เทศบาลนคร{th}", f"{en} City Municipality"),
                ("town_municipality", f"เทศบาลเมือง{th}", f"{en} Town Municipality"),
                ("pao", f"องค์การบริหารส่วนจังหวัด{th}", f"{en} Provincial Administrative Organisation"),
            ]
            if index % 3 == 0:
                kinds.append(
                    ("city_development_company", f"บริษัท {th}พัฒนาเมือง จำกัด", f"{en} City Development Co., Ltd.")
                )
            for kind, name_th, name_en in kinds:
                if name_en in existing:
                    continue
                org = Organization(
                    name_th=name_th,
                    name_en=name_en,
                    kind=kind,
                    province_code=code,
                    district_code=f"{code}01",
                    juristic_id=juristic_id(f"0{code}5559{made:05d}") if kind == "city_development_company" else "",
                )
                accounts.save_organization(actor=SYSTEM, organization=org)
                user = accounts.create_user(
                    actor=SYSTEM,
                    email=f"org{org.pk}@smartcity.example",
                    full_name=self._name(),
                    password=PASSWORD,
                )
                accounts.set_membership(actor=SYSTEM, user=user, organization=org, role="admin")
                made += 1
        for domain in self.domains.values():
            for number in range(3, self.scale.members_per_domain + 1):
                user = accounts.create_user(
                    actor=SYSTEM,
                    email=f"wg.{domain.code}.{number}@smartcity.example",
                    full_name=self._name(doctor=True),
                    password=PASSWORD,
                )
                program_services.grant_program_role(actor=SYSTEM, user=user, role="working_group", domain=domain)
        for number in range(1, 4):
            user = accounts.create_user(
                actor=SYSTEM,
                email=f"subcommittee.{number}@smartcity.example",
                full_name=self._name(doctor=True),
                password=PASSWORD,
            )
            program_services.grant_program_role(actor=SYSTEM, user=user, role="subcommittee")

    def _name(self, doctor: bool = False) -> str:
        title = self.rng.choice(["ดร.", "ผศ.ดร.", "รศ.ดร."]) if doctor else self.rng.choice(["นาย", "นาง", "นางสาว"])
        return f"{title}{self.rng.choice(GIVEN)} {self.rng.choice(FAMILY)}"

    def calls(self) -> None:
        """Past rounds, about ten weeks apart, from September 2019 to two months ago (the demo has two)."""
        missing = self.scale.calls - Call.objects.count()
        first, last = dt.date(2019, 9, 1), self.today - dt.timedelta(days=120)
        step = (last - first) / max(1, missing - 1)
        per_year = Counter(opens.year for opens in Call.objects.values_list("opens_on", flat=True))  # no two alike
        for index in range(missing):
            opens = first + step * index
            per_year[opens.year] += 1
            number, year_be = per_year[opens.year], opens.year + 543
            save_call(
                actor=SYSTEM,
                call=Call(
                    name_th=f"รอบที่ {number}/{year_be}",
                    name_en=f"Round {number}/{opens.year}",
                    opens_on=opens,
                    closes_on=opens + dt.timedelta(days=60),
                    criteria_set=self.criteria_set,
                ),
                city_types=CityType.objects.all(),
            )

    # --- the plan: who proposes what, in which call and state --------------------------------------------

    def plan(self) -> list[Plan]:
        total = self.scale.proposals - Proposal.objects.count()
        weight = sum(STATUS_MIX.values())
        statuses = [s for s, w in STATUS_MIX.items() for _ in range(round(total * w / weight))]
        statuses = (statuses + [S.ACKNOWLEDGED] * total)[:total]
        self.rng.shuffle(statuses)
        heavy = Organization.objects.get(name_en="Khon Kaen City Municipality")
        others = list(Organization.objects.exclude(pk=heavy.pk).order_by("pk"))
        authors = {m.organization_id: m.user for org in [heavy, *others] for m in org.memberships.filter(role="admin")}
        past = list(Call.objects.filter(closes_on__lt=self.today).order_by("-closes_on"))
        open_call = Call.objects.filter(opens_on__lte=self.today, closes_on__gte=self.today).get()
        plans = []
        for index, status in enumerate(statuses):
            org = heavy if index < total * self.scale.heavy_share else others[index % len(others)]
            if status in OPEN_CALL_STATES:
                call = open_call
            else:
                low, high = CALL_AGE[status]
                call = past[self.rng.randint(low, min(high, len(past) - 1))]
            plans.append(self._one(org, authors[org.pk], call, status))
        self._zones(plans)
        return plans

    def _one(self, org: Organization, author: User, call: Call, status: str) -> Plan:
        rng = self.rng
        optional = [c for c in self.domains if c != "environment"]
        codes = ["environment", *rng.sample(optional, rng.randint(2, 5))]
        domains = [self.domains[c] for c in self.domains if c in codes]
        theme_th, theme_en = rng.choice(THEMES)
        _code, lat, lon = next(p for p in PROVINCES if p[0] == org.province_code)
        centre = (lon, lat, rng.uniform(-0.15, 0.15), rng.uniform(-0.15, 0.15))
        city_type = self.city_types["new" if "new town" in theme_en else "livable"]
        if status in OPEN_CALL_STATES:
            created = _at(call.opens_on + dt.timedelta(days=rng.randint(0, 20)), rng)
        else:
            created = _at(call.opens_on + dt.timedelta(days=rng.randint(0, 30)), rng)
        plan = Plan(
            organization=org,
            author=author,
            call=call,
            status=status,
            domains=domains,
            city_type=city_type,
            title_th=f"{org.name_th}: {theme_th}",
            title_en=f"{org.name_en}: {theme_en}",
            centre=centre,
            created=created,
        )
        self._history(plan)
        return plan

    def _history(self, plan: Plan) -> None:
        """Submission, rounds and the domains that fell short, consistent with the plan's state."""
        rng, status, codes = self.rng, plan.status, [d.code for d in plan.domains]
        if status == S.DRAFT:
            plan.last_change = plan.created + dt.timedelta(days=rng.randint(0, 5))
            return
        if status in OPEN_CALL_STATES:
            plan.submitted = _past(plan.created + dt.timedelta(days=rng.randint(1, 10)))
        else:
            plan.submitted = _at(plan.call.closes_on - dt.timedelta(days=rng.randint(1, 25)), rng)
        if status in (S.SUBMITTED, S.SCREENING, S.RETURNED, S.WITHDRAWN):
            return
        one_short = {rng.choice(codes)}
        revised = rng.random() < 0.3
        if status == S.IN_EVALUATION:
            revised = rng.random() < 0.2
            plan.scored_share = rng.choice([0.0, 0.3, 0.6, 1.0])
        fell_short = status in (S.REVISION_REQUESTED, S.NOT_RECOMMENDED)
        if fell_short or (status == S.REJECTED and rng.random() < 0.5):
            plan.rounds, plan.failing = 1, {1: one_short}
        elif revised:
            plan.rounds, plan.failing = 2, {1: one_short, 2: set()}
        else:
            plan.rounds, plan.failing = 1, {1: set()}

    def _zones(self, plans: list[Plan]) -> None:
        candidates = [p for p in plans if p.status == S.IN_EVALUATION and p.rounds == 1]
        for plan in candidates[: self.scale.promotion_zones]:
            plan.promotion_zone = True
            plan.city_type = self.city_types["new"]

    # --- the proposals and their sections ----------------------------------------------------------------

    def proposals(self, plans: list[Plan]) -> None:
        rows = []
        for plan in plans:
            area, km2 = self._area(plan.centre)
            population = self.rng.randrange(20_000, 400_000, 100)
            complete = plan.status != S.DRAFT or self.rng.random() < 0.5
            rows.append(
                Proposal(
                    organization=plan.organization,
                    call=plan.call,
                    city_type=plan.city_type,
                    title_th=plan.title_th,
                    title_en=plan.title_en,
                    status=plan.status,
                    revision=self.rng.randint(6, 30),
                    created_by=plan.author,
                    submitted_at=plan.submitted,
                    area=area if complete else None,
                    area_km2=km2 if complete else None,
                    admin_units=[plan.organization.province_code, plan.organization.district_code],
                    population=population,
                    baseline_problems="การจราจรติดขัดในเขตเมือง ขนส่งสาธารณะไม่เพียงพอ\nฝุ่น PM2.5 ในฤดูแล้ง",
                    vision=f"{plan.organization.name_th} เมืองน่าอยู่ ด้วยข้อมูลและบริการอัจฉริยะ",
                    platform_description="แพลตฟอร์มข้อมูลเมือง (City Data Platform) รวบรวมข้อมูลจากเซนเซอร์และหน่วยงาน",
                    sec_access_control=True,
                    sec_encryption=True,
                    sec_backup=True,
                    sec_audit_logging=complete,
                    sec_incident_response=complete,
                    sec_dpo_appointed=True,
                    open_data_plan="เผยแพร่ชุดข้อมูลเปิดผ่านบัญชีข้อมูลเมืองทุกไตรมาส",
                    governance_structure="คณะกรรมการเมืองอัจฉริยะ มีผู้บริหารท้องถิ่นเป็นประธาน",
                    lead_organization=plan.organization.name_th,
                    financing_model="งบประมาณท้องถิ่นร่วมกับการลงทุนภาคเอกชน (PPP)",
                    om_plan="สัญญาดำเนินงานและบำรุงรักษา 5 ปี พร้อมตัวชี้วัดระดับการให้บริการ" if complete else "",
                    participation="เวทีประชาคมทุกไตรมาส และช่องทางรับฟังความเห็นออนไลน์",
                    risks="งบประมาณล่าช้า การยอมรับของประชาชน ความมั่นคงปลอดภัยไซเบอร์",
                    promotion_zone_at=None,
                    created_at=plan.created,
                    updated_at=plan.created,
                )
            )
        Proposal.objects.bulk_create(rows, batch_size=200)
        for plan, proposal in zip(plans, rows, strict=True):
            plan.proposal = proposal
        links = [Proposal.domains.through(proposal_id=p.proposal.pk, domain_id=d.pk) for p in plans for d in p.domains]
        Proposal.domains.through.objects.bulk_create(links, batch_size=500)
        self._sections(plans)

    def _area(self, centre: tuple[float, float, float, float]) -> tuple[dict, Decimal]:
        """A square near the province capital, validated and measured as set_area does (closer in near a coast)."""
        capital_lon, capital_lat, east, north = centre
        half = self.rng.uniform(0.01, 0.04)
        for scale in (1, 0.5, 0.25, 0):
            lon, lat, size = capital_lon + east * scale, capital_lat + north * scale, half * max(scale, 0.25)
            ring = [
                [lon - size, lat - size],
                [lon + size, lat - size],
                [lon + size, lat + size],
                [lon - size, lat + size],
            ]
            raw = json.dumps({"type": "Polygon", "coordinates": [[*ring, ring[0]]]})
            try:
                shape = geometry.validate_area(geometry.parse_geojson(raw))
            except geometry.AreaError:
                continue
            return geometry.to_geojson(shape), Decimal(str(round(geometry.area_km2(shape), 3)))
        raise AssertionError(f"no area inside Thailand near {capital_lat}, {capital_lon}")

    def _sections(self, plans: list[Plan]) -> None:
        goals, items, datasets, services = [], [], [], []
        for plan in plans:
            p, year = plan.proposal, plan.call.opens_on.year
            start, end = dt.date(year + 1, 1, 1), dt.date(year + 3, 12, 31)
            for domain in plan.domains:
                goals.append(
                    Goal(
                        proposal=p,
                        domain=domain,
                        title=f"ผลลัพธ์ด้าน{domain.name_th}",
                        kpi_name="ร้อยละความพึงพอใจของประชาชน",
                        unit="%",
                        baseline=Decimal(self.rng.randint(30, 60)),
                        target=Decimal(self.rng.randint(70, 95)),
                        target_year=year + 3,
                    )
                )
                if plan.status != S.DRAFT or self.rng.random() < 0.5:
                    services.append(
                        Service(
                            proposal=p,
                            domain=domain,
                            name=f"บริการอัจฉริยะด้าน{domain.name_th}",
                            description="บริการดิจิทัลที่ใช้ข้อมูลจากแพลตฟอร์มข้อมูลเมือง",
                            beneficiaries="ประชาชนและนักท่องเที่ยว",
                            kpi="จำนวนผู้ใช้บริการต่อเดือน",
                            budget_baht=Decimal(self.rng.randrange(2_000_000, 90_000_000, 500_000)),
                            start_date=start,
                            end_date=end,
                        )
                    )
            for category, name in [("iot_network", "เครือข่าย LoRaWAN ทั่วเขตเมือง"), ("fibre", "โครงข่ายใยแก้วนำแสง")]:
                items.append(
                    InfrastructureItem(
                        proposal=p,
                        category=category,
                        name=name,
                        budget_baht=Decimal(self.rng.randrange(5_000_000, 120_000_000, 1_000_000)),
                        funding_source="ท้องถิ่นและภาคเอกชน",
                        start_date=start,
                        end_date=end,
                    )
                )
            for domain, name, openness in [
                (plan.domains[0], "ข้อมูลเซนเซอร์สิ่งแวดล้อม", "open"),
                (plan.domains[1], "ข้อมูลผู้ใช้บริการ", "restricted"),
            ]:
                datasets.append(
                    Dataset(
                        proposal=p,
                        name=name,
                        domain=domain,
                        source="ระบบของหน่วยงาน",
                        update_frequency="daily",
                        openness=openness,
                        personal_data=openness == "restricted",
                    )
                )
        for model, rows in [(Goal, goals), (InfrastructureItem, items), (Dataset, datasets), (Service, services)]:
            model.objects.bulk_create(rows, batch_size=500)

    # --- versions, as submit_proposal freezes them -------------------------------------------------------

    def versions(self, plans: list[Plan]) -> None:
        submitted = [p for p in plans if p.submitted is not None]
        by_pk = {p.proposal.pk: p for p in submitted}
        rows = []
        pks = list(by_pk)
        for start in range(0, len(pks), 200):
            for proposal in prefetched(Proposal.objects.filter(pk__in=pks[start : start + 200])):
                plan = by_pk[proposal.pk]
                document = proposal_to_document(proposal)
                times = [plan.submitted] if plan.rounds < 2 else [plan.submitted, self._resubmitted(plan)]
                for number, moment in enumerate(times, start=1):
                    rows.append(self._version(plan, dict(document), number, moment))
        ProposalVersion.objects.bulk_create(rows, batch_size=200)

    def _version(self, plan: Plan, document: dict, number: int, moment: dt.datetime) -> ProposalVersion:
        document["version"] = number
        document["criteria_set_version"] = self.criteria_set.version
        digest = hashlib.sha256(json.dumps(document, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        return ProposalVersion(
            proposal=plan.proposal,
            number=number,
            document=document,
            document_sha256=digest,
            criteria_set=self.criteria_set,
            submitted_by=plan.author,
            submitted_at=moment,
        )

    # --- the days of the evaluation, relative to the call --------------------------------------------------

    def _screened(self, plan: Plan) -> dt.datetime:
        return _past(plan.submitted + dt.timedelta(days=3 if plan.call.closes_on >= self.today else 12))

    def _routed(self, plan: Plan) -> dt.datetime:
        return _past(self._screened(plan) + dt.timedelta(days=4))

    def _round_start(self, plan: Plan, number: int) -> dt.datetime:
        return self._routed(plan) if number == 1 else self._resubmitted(plan)

    def _resubmitted(self, plan: Plan) -> dt.datetime:
        return _past(self._routed(plan) + dt.timedelta(days=50))

    def _concluded(self, plan: Plan) -> dt.datetime:
        return _past(self._round_start(plan, plan.rounds) + dt.timedelta(days=30))

    def _meeting_day(self, call: Call) -> dt.date:
        return call.closes_on + dt.timedelta(days=125)

    # --- screening, assignments, scorecards, results -----------------------------------------------------

    def evaluation(self, plans: list[Plan]) -> None:
        groups = defaultdict(list)
        for user_id, domain_id in User.objects.filter(program_roles__role="working_group").values_list(
            "pk", "program_roles__domain"
        ):
            groups[domain_id].append(user_id)
        screenings, returned_comments, assignments, requests = [], [], [], []
        for plan in plans:
            p = plan.proposal
            if plan.status == S.RETURNED:
                returned_comments += self._section_comments(plan)
                continue
            if (plan.status == S.SCREENING and self.rng.random() < 0.5) or plan.rounds:
                screenings.append(
                    Screening(
                        proposal=p,
                        version_number=1,
                        eligible_proponent=True,
                        rules_check_clean=True,
                        documents_complete=True,
                        notes="เอกสารครบถ้วน",
                        checked_by=self.secretariat,
                        created_at=self._screened(plan),
                        updated_at=self._screened(plan),
                    )
                )
            for number in range(1, plan.rounds + 1):
                codes = [d.code for d in plan.domains] if number == 1 else sorted(plan.failing[1])
                start = self._round_start(plan, number)
                for domain in (self.domains[c] for c in codes):
                    for member_id in self.rng.sample(groups[domain.pk], self.scale.reviewers_per_domain):
                        assignments.append(
                            Assignment(
                                proposal=p,
                                domain=domain,
                                member_id=member_id,
                                round=number,
                                version_number=number,
                                due_on=(start + dt.timedelta(days=21)).date(),
                                assigned_by=self.secretariat,
                                created_at=start,
                                updated_at=start,
                            )
                        )
                if number < plan.rounds or plan.status == S.REVISION_REQUESTED:
                    requests.append(self._revision_request(plan, number))
        Screening.objects.bulk_create(screenings, batch_size=500)
        SectionComment.objects.bulk_create(returned_comments, batch_size=500)
        RevisionRequest.objects.bulk_create(requests, batch_size=500)
        Assignment.objects.bulk_create(assignments, batch_size=500)
        self._scorecards(plans, assignments)

    def _section_comments(self, plan: Plan) -> list[SectionComment]:
        deadline = (plan.submitted + dt.timedelta(days=21)).date()
        texts = {
            "area_goals": "ขอบเขตพื้นที่ควรครอบคลุมย่านเศรษฐกิจทั้งหมด และระบุค่าฐานของตัวชี้วัด",
            "management": "ระบุหน่วยงานที่รับผิดชอบการบำรุงรักษาหลังสิ้นสุดสัญญา",
        }
        return [
            SectionComment(
                proposal=plan.proposal,
                version_number=1,
                section=section,
                text=text,
                deadline=deadline,
                author=self.secretariat,
                created_at=_past(plan.submitted + dt.timedelta(days=2)),
            )
            for section, text in texts.items()
        ]

    def _revision_request(self, plan: Plan, number: int) -> RevisionRequest:
        moment = _past(self._round_start(plan, number) + dt.timedelta(days=28))
        deadline = (moment + dt.timedelta(days=30)).date()
        if plan.status == S.REVISION_REQUESTED:
            deadline = max(deadline, self.today + dt.timedelta(days=14))  # still open for the city
        return RevisionRequest(
            proposal=plan.proposal,
            round=number,
            comments="ด้านที่ยังไม่ผ่านเกณฑ์: เพิ่มค่าฐาน เป้าหมายรายปี และแผนงบประมาณบำรุงรักษา",
            deadline=deadline,
            requested_by=self.secretariat,
            created_at=moment,
            updated_at=moment,
        )

    def _scorecards(self, plans: list[Plan], assignments: list[Assignment]) -> None:
        by_proposal = {p.proposal.pk: p for p in plans}
        cards, results = [], []
        grouped = defaultdict(list)
        for a in assignments:
            grouped[(a.proposal_id, a.domain, a.round)].append(a)
        for (proposal_id, domain, number), group in grouped.items():
            plan = by_proposal[proposal_id]
            last_round = number == plan.rounds
            share = plan.scored_share if (last_round and plan.status == S.IN_EVALUATION) else 1.0
            short = domain.code in plan.failing.get(number, set())
            target = self.rng.uniform(45, 58) if short else self.rng.uniform(80, 92)
            start = self._round_start(plan, number)
            totals, times = [], []
            for a in group:
                if share < 1.0 and self.rng.random() >= share:
                    continue
                scores = self._scores(target)
                moment = _past(start + dt.timedelta(days=self.rng.randint(3, 20), hours=self.rng.randint(0, 8)))
                total = sum(scores.values())
                cards.append(
                    Scorecard(
                        assignment=a,
                        scores={k: str(v) for k, v in scores.items()},
                        total=total,
                        comment="แผนชัดเจน มีตัวชี้วัดที่วัดผลได้ ควรเพิ่มรายละเอียดงบบำรุงรักษา",
                        recommendation="revise" if short else "pass",
                        submitted_at=moment,
                    )
                )
                totals.append(total)
                times.append(moment)
            if len(totals) == len(group):
                results.append(self._result(plan.proposal, domain, number, totals, max(times)))
        Scorecard.objects.bulk_create(cards, batch_size=500)
        DomainResult.objects.bulk_create(results, batch_size=500)

    def _scores(self, target: float) -> dict[str, Decimal]:
        """Whole-number scores per criterion within its weight, summing to about ``target`` (out of 100)."""
        scores = {}
        for key, weight in self.weights.items():
            value = round(weight * target / 100 + self.rng.uniform(-1.5, 1.5))
            scores[key] = Decimal(max(0, min(weight, value))).quantize(Decimal("0.01"))
        return scores

    def _result(self, proposal, domain, number, totals, moment) -> DomainResult:
        """The same arithmetic as the service (evaluation.services.domain_result_fields)."""
        from smartcity.evaluation.services import domain_result_fields

        return DomainResult(
            proposal=proposal,
            domain=domain,
            round=number,
            computed_at=moment,
            **domain_result_fields(totals, self.criteria_set),
        )

    # --- meetings, decisions, acknowledgements -----------------------------------------------------------

    def meetings(self, plans: list[Plan]) -> Meeting:
        """A closed meeting for each past call with decisions, and one open meeting with a long agenda."""
        chair = User.objects.get(email="subcommittee.chair@smartcity.example")
        attendees = list(User.objects.filter(program_roles__role="subcommittee"))
        taken = set(Meeting.objects.values_list("number", "year_be"))
        by_call = defaultdict(list)
        for plan in plans:
            if plan.status in DECIDED_IN_MEETING:
                by_call[plan.call].append(plan)
        meetings, items = [], []
        for call, decided in sorted(by_call.items(), key=lambda pair: pair[0].closes_on):
            day = self._meeting_day(call)
            meeting = self._meeting(day, taken, chair, closed=True)
            meetings.append((meeting, decided))
        Meeting.objects.bulk_create([m for m, _ in meetings])
        decision = {S.APPROVED: "approve", S.ACKNOWLEDGED: "approve", S.REJECTED: "reject", S.DEFERRED: "defer"}
        for meeting, decided in meetings:
            for order, plan in enumerate(decided, start=1):
                items.append(
                    AgendaItem(
                        meeting=meeting,
                        proposal=plan.proposal,
                        order=order,
                        decision=decision[plan.status],
                        reason="" if decision[plan.status] == "approve" else "ด้านที่เสนอยังไม่ผ่านเกณฑ์ขั้นต่ำ",
                        resolution="อนุมัติให้เป็นเมืองอัจฉริยะ ด้านที่ผ่านเกณฑ์"
                        if decision[plan.status] == "approve"
                        else "ให้ปรับปรุงข้อเสนอและยื่นใหม่ในรอบถัดไป",
                        applied_at=meeting.closed_at,
                    )
                )
        upcoming = self._meeting(self.today + dt.timedelta(days=14), taken, chair, closed=False)
        upcoming.save()
        waiting = {status: [p for p in plans if p.status == status][:n] for status, n in OPEN_AGENDA.items()}
        for order, plan in enumerate([p for group in waiting.values() for p in group], start=1):
            pending = order % 2 == 1
            items.append(
                AgendaItem(
                    meeting=upcoming,
                    proposal=plan.proposal,
                    order=order,
                    decision=("approve" if plan.status == S.RECOMMENDED else "reject") if pending else "",
                    reason="ด้านที่เสนอยังไม่ผ่านเกณฑ์ขั้นต่ำ" if pending and plan.status != S.RECOMMENDED else "",
                    resolution=("อนุมัติให้เป็นเมืองอัจฉริยะ ด้านที่ผ่านเกณฑ์" if plan.status == S.RECOMMENDED else "ไม่อนุมัติ")
                    if pending
                    else "",
                )
            )
        AgendaItem.objects.bulk_create(items, batch_size=500)
        through = Meeting.attendees.through
        through.objects.bulk_create(
            [through(meeting_id=m.pk, user_id=u.pk) for m in [*(m for m, _ in meetings), upcoming] for u in attendees],
            batch_size=500,
        )
        self._acknowledgements(plans)
        return upcoming

    def _meeting(self, day: dt.date, taken: set, chair: User, closed: bool) -> Meeting:
        year_be = day.year + 543
        number = next(n for n in range(1, 1000) if (n, year_be) not in taken)
        taken.add((number, year_be))
        moment = _at(day, self.rng) if closed else timezone.now()
        return Meeting(
            number=number,
            year_be=year_be,
            held_on=day,
            place="สำนักงานส่งเสริมเศรษฐกิจดิจิทัล",
            quorum=3,
            closed_at=moment if closed else None,
            created_by=self.secretariat,
            created_at=moment - dt.timedelta(days=20) if closed else moment,
            updated_at=moment,
        )

    def _acknowledgements(self, plans: list[Plan]) -> None:
        rows = []
        for plan in plans:
            if plan.status == S.ACKNOWLEDGED:
                day = _at(self._meeting_day(plan.call) + dt.timedelta(days=30), self.rng)
                rows.append(
                    Acknowledgement(
                        proposal=plan.proposal,
                        reference=f"คณะกรรมการขับเคลื่อนการพัฒนาเมืองอัจฉริยะ รับทราบเมื่อ {day.date().isoformat()}",
                        acknowledged_by=self.committee,
                        created_at=day,
                        updated_at=day,
                    )
                )
                plan.last_change = day
        Acknowledgement.objects.bulk_create(rows, batch_size=500)

    def last_changes(self, plans: list[Plan]) -> None:
        """updated_at: the day of the last thing that happened to each proposal."""
        for plan in plans:
            if plan.last_change is None:
                if plan.status in DECIDED_IN_MEETING:
                    moment = _at(self._meeting_day(plan.call), self.rng)
                elif plan.rounds:
                    moment = min(self._concluded(plan), timezone.now() - dt.timedelta(hours=2))
                else:
                    moment = plan.submitted or plan.created
                plan.last_change = moment
            plan.proposal.updated_at = plan.last_change
            if plan.promotion_zone:
                plan.proposal.promotion_zone_at = self._screened(plan) + dt.timedelta(days=1)
        Proposal.objects.bulk_update([p.proposal for p in plans], ["updated_at", "promotion_zone_at"], batch_size=200)

    # --- certificates, through the service ---------------------------------------------------------------

    def certificates(self, plans: list[Plan]) -> None:
        for plan in plans:
            if plan.status == S.ACKNOWLEDGED:
                kind, day = CertificateKind.SMART_CITY, plan.last_change
            elif plan.promotion_zone:
                kind, day = CertificateKind.PROMOTION_ZONE, plan.proposal.promotion_zone_at
            else:
                continue
            with transaction.atomic():
                proposal = Proposal.objects.select_for_update().get(pk=plan.proposal.pk)
                domains = certified_domains(proposal)
                day = timezone.localdate(day)
                issue_certificate(actor=self.committee, proposal=proposal, kind=kind, domains=domains, today=day)


def load(scale: Scale) -> dict[str, int]:
    """Load everything on top of the demo (which must be loaded already); return the counts."""
    loader = Loader(scale)
    with transaction.atomic():
        loader.people()
        loader.calls()
    models = (Proposal, Screening, Assignment, RevisionRequest, Meeting, Acknowledgement, SectionComment)
    with transaction.atomic(), explicit_timestamps(*models):
        plans = loader.plan()
        loader.proposals(plans)
        loader.versions(plans)
        loader.evaluation(plans)
        loader.meetings(plans)
        loader.last_changes(plans)
    loader.certificates(plans)
    check_consistency()
    counts = row_counts()
    record_event(actor=SYSTEM, action="bench.scale_loaded", obj=("bench", "scale"), after=counts)
    return counts


def check_consistency() -> None:
    """The states agree with the rows behind them (what the services would have refused otherwise)."""
    from smartcity.certification.models import Certificate

    latest: dict[int, dict[str, DomainResult]] = defaultdict(dict)
    for result in DomainResult.objects.select_related("domain").order_by("round"):
        latest[result.proposal_id][result.domain.code] = result
    claimed = defaultdict(set)
    for proposal_id, code in Proposal.domains.through.objects.values_list("proposal_id", "domain__code"):
        claimed[proposal_id].add(code)
    problems = []
    for pk, status in Proposal.objects.values_list("pk", "status"):
        results = latest.get(pk, {})
        passed = bool(results) and claimed[pk] <= set(results) and all(r.passed for r in results.values())
        if status in (S.RECOMMENDED, S.APPROVED, S.ACKNOWLEDGED, S.DEFERRED) and not passed:
            problems.append(f"{pk} is {status} without every domain passed")
        if status in (S.NOT_RECOMMENDED, S.REVISION_REQUESTED) and (passed or not results):
            problems.append(f"{pk} is {status} with no domain short of the pass mark")
    unscored = Assignment.objects.filter(scorecard__isnull=True).exclude(proposal__status=S.IN_EVALUATION)
    if unscored.exists():
        problems.append(f"{unscored.count()} assignments outside an evaluation have no scorecard")
    if Proposal.objects.exclude(status=S.DRAFT).filter(versions__isnull=True).exists():
        problems.append("a submitted proposal has no version")
    acknowledged = Proposal.objects.filter(status=S.ACKNOWLEDGED)
    if acknowledged.filter(certificates__isnull=True).exists() or acknowledged.filter(acknowledgement=None).exists():
        problems.append("an acknowledged proposal has no certificate or acknowledgement")
    if Certificate.objects.exclude(proposal__status__in=[S.ACKNOWLEDGED, S.IN_EVALUATION]).exists():
        problems.append("a certificate belongs to a proposal that is neither acknowledged nor a promotion zone")
    if problems:
        raise AssertionError("; ".join(problems[:10]))


def row_counts() -> dict[str, int]:
    from smartcity.accounts.models import Membership
    from smartcity.certification.models import Certificate
    from smartcity.program.models import ProgramRole

    return {
        "organisations": Organization.objects.count(),
        "accounts": User.objects.count(),
        "memberships": Membership.objects.count(),
        "working-group members": ProgramRole.objects.filter(role="working_group").count(),
        "calls": Call.objects.count(),
        "proposals": Proposal.objects.count(),
        **{f"· {label}": n for label, n in _by_status()},
        "goals + services + infrastructure + datasets": Goal.objects.count()
        + Service.objects.count()
        + InfrastructureItem.objects.count()
        + Dataset.objects.count(),
        "submitted versions": ProposalVersion.objects.count(),
        "screenings": Screening.objects.count(),
        "assignments": Assignment.objects.count(),
        "scorecards": Scorecard.objects.count(),
        "working-group results": DomainResult.objects.count(),
        "meetings": Meeting.objects.count(),
        "agenda items": AgendaItem.objects.count(),
        "certificates": Certificate.objects.count(),
    }


def _by_status() -> list[tuple[str, int]]:
    counts = Counter(Proposal.objects.values_list("status", flat=True))
    return [(status, counts[status]) for status in S.values if counts[status]]
