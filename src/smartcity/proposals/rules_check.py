"""The rules check: a pure function from a proposal document and the rules to findings.

The UI checklist, the API (`GET …/check`) and the CLI (`manage.py proposal_check FILE`) all show these
findings; submission is refused while any blocking finding remains.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from smartcity.core.thai import BE_OFFSET
from smartcity.program.models import Domain

from .document import SECTION_CRITERION

BLOCKING = "blocking"
WARNING = "warning"


@dataclass(frozen=True)
class Rules:
    """The parts of a criteria set the check needs, with domain names for messages."""

    min_domains: int
    mandatory_domains: tuple[str, ...]
    domain_names: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (th, en)

    @classmethod
    def from_criteria_set(cls, criteria_set) -> Rules:
        names = {d.code: (d.name_th, d.name_en) for d in Domain.objects.all()}
        return cls(criteria_set.min_domains, tuple(criteria_set.mandatory_domains), names)

    def domain_name(self, code: str, language: str) -> str:
        th, en = self.domain_names.get(code, (code, code))
        return th if language == "th" else en


@dataclass(frozen=True)
class Finding:
    criterion: int
    severity: str
    code: str
    field: str
    message_th: str
    message_en: str

    @property
    def message(self) -> str:
        return self.message_en if (translation.get_language() or "th").startswith("en") else self.message_th

    @property
    def is_blocking(self) -> bool:
        return self.severity == BLOCKING

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class _Collector:
    def __init__(self, rules: Rules):
        self.rules = rules
        self.findings: list[Finding] = []

    def add(self, criterion: int, severity: str, code: str, field_path: str, message, /, **params) -> None:
        texts = {}
        for language in ("th", "en"):
            with translation.override(language):
                values = {k: (v(language) if callable(v) else v) for k, v in params.items()}
                texts[language] = str(message) % values if values else str(message)
        self.findings.append(Finding(criterion, severity, code, field_path, texts["th"], texts["en"]))

    def domain(self, code: str) -> Callable[[str], str]:
        return lambda language: self.rules.domain_name(code, language)


def check(document: dict[str, Any], rules: Rules, today: dt.date | None = None) -> list[Finding]:
    today = today or timezone.localdate()
    out = _Collector(rules)
    claimed = [c for c in document.get("domains") or [] if isinstance(c, str)]
    _check_general(document, out)
    _check_domains(claimed, out)
    _check_area_goals(document.get("area_goals") or {}, claimed, today, out)
    _check_infrastructure(document.get("infrastructure") or {}, out)
    _check_data_platform(document.get("data_platform") or {}, out)
    _check_services(document.get("services") or {}, claimed, out)
    _check_management(document.get("management") or {}, out)
    return sorted(out.findings, key=lambda f: (f.criterion, f.severity != BLOCKING))


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.is_blocking]


def by_criterion(findings: list[Finding]) -> dict[int, list[Finding]]:
    grouped: dict[int, list[Finding]] = {n: [] for n in SECTION_CRITERION.values()}
    for finding in findings:
        grouped.setdefault(finding.criterion, []).append(finding)
    return grouped


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _check_general(document: dict, out: _Collector) -> None:
    title = document.get("title") or {}
    if _blank(title.get("th")):
        out.add(1, BLOCKING, "title_missing", "title.th", _("Give the proposal a title in Thai."))
    if _blank(document.get("city_type")):
        out.add(
            1,
            BLOCKING,
            "city_type_missing",
            "city_type",
            _("Choose the city type: existing livable city or new modern city."),
        )


def _check_domains(claimed: list[str], out: _Collector) -> None:
    rules = out.rules
    if len(set(claimed)) < rules.min_domains:
        out.add(
            4,
            BLOCKING,
            "too_few_domains",
            "domains",
            _("Claim at least %(min)s domains; the proposal claims %(count)s."),
            min=rules.min_domains,
            count=len(set(claimed)),
        )
    for code in rules.mandatory_domains:
        if code not in claimed:
            out.add(
                4,
                BLOCKING,
                "mandatory_domain_missing",
                "domains",
                _("%(domain)s is mandatory: add it to the claimed domains."),
                domain=out.domain(code),
            )
    for code in claimed:
        if rules.domain_names and code not in rules.domain_names:
            out.add(
                4,
                BLOCKING,
                "unknown_domain",
                "domains",
                _("“%(code)s” is not one of the seven domains."),
                code=code,
            )


def _items(section: dict, key: str) -> Iterator[tuple[int, dict]]:
    for index, item in enumerate(section.get(key) or []):
        if isinstance(item, dict):
            yield index, item


def _check_area_goals(section: dict, claimed: list[str], today: dt.date, out: _Collector) -> None:
    if not section.get("area"):
        out.add(
            1,
            BLOCKING,
            "area_missing",
            "area_goals.area",
            _("Draw the area on the map or upload it as a GeoJSON file."),
        )
    if not section.get("admin_units"):
        out.add(
            1,
            BLOCKING,
            "admin_units_missing",
            "area_goals.admin_units",
            _("Choose the provinces or districts the area covers."),
        )
    if _blank(section.get("vision")):
        out.add(1, BLOCKING, "vision_missing", "area_goals.vision", _("Describe the city's vision."))
    if _blank(section.get("baseline_problems")):
        out.add(
            1,
            WARNING,
            "baseline_missing",
            "area_goals.baseline_problems",
            _("Describe the city's baseline problems: evaluators look for them."),
        )
    if section.get("population") in (None, ""):
        out.add(1, WARNING, "population_missing", "area_goals.population", _("Give the population of the area."))
    goals = list(_items(section, "goals"))
    for code in claimed:
        if not any(goal.get("domain") == code for _i, goal in goals):
            out.add(
                1,
                BLOCKING,
                "goal_missing_for_domain",
                "area_goals.goals",
                _("Add at least one goal for %(domain)s."),
                domain=out.domain(code),
            )
    for index, goal in goals:
        path = f"area_goals.goals[{index}]"
        if goal.get("domain") not in claimed:
            out.add(
                1,
                BLOCKING,
                "goal_domain_not_claimed",
                f"{path}.domain",
                _("Goal %(n)s is for a domain the proposal does not claim."),
                n=index + 1,
            )
        if _blank(goal.get("kpi_name")):
            out.add(1, BLOCKING, "goal_kpi_missing", f"{path}.kpi_name", _("Goal %(n)s needs a KPI."), n=index + 1)
        year = goal.get("target_year")
        if isinstance(year, int) and year < today.year:
            out.add(
                1,
                BLOCKING,
                "target_year_past",
                f"{path}.target_year",
                _("Goal %(n)s: the target year %(year)s is in the past."),
                n=index + 1,
                year=lambda language, year=year: year + BE_OFFSET if language == "th" else year,
            )
        if goal.get("target") is None:
            out.add(
                1,
                WARNING,
                "goal_target_missing",
                f"{path}.target",
                _("Goal %(n)s has no target value."),
                n=index + 1,
            )


def _check_money_and_dates(item: dict, path: str, criterion: int, label, n: int, out: _Collector) -> None:
    budget = item.get("budget_baht")
    if isinstance(budget, int | float) and budget < 0:
        out.add(
            criterion,
            BLOCKING,
            "negative_budget",
            f"{path}.budget_baht",
            _("%(item)s %(n)s: the budget cannot be negative."),
            item=label,
            n=n,
        )
    start, end = item.get("start_date"), item.get("end_date")
    if isinstance(start, str) and isinstance(end, str) and end < start:
        out.add(
            criterion,
            BLOCKING,
            "end_before_start",
            f"{path}.end_date",
            _("%(item)s %(n)s ends before it starts."),
            item=label,
            n=n,
        )


def _check_infrastructure(section: dict, out: _Collector) -> None:
    items = list(_items(section, "items"))
    if not items:
        out.add(
            2,
            BLOCKING,
            "infrastructure_empty",
            "infrastructure.items",
            _("List at least one infrastructure item with its budget and timeline."),
        )
    for index, item in items:
        _check_money_and_dates(item, f"infrastructure.items[{index}]", 2, _("Infrastructure item"), index + 1, out)


def _check_data_platform(section: dict, out: _Collector) -> None:
    if _blank(section.get("description")):
        out.add(
            3,
            BLOCKING,
            "platform_missing",
            "data_platform.description",
            _("Describe the city data platform: where the data is kept and who shares it."),
        )
    datasets = list(_items(section, "datasets"))
    if not datasets:
        out.add(3, BLOCKING, "datasets_empty", "data_platform.datasets", _("List at least one dataset."))
    security = section.get("security") or {}
    for key in ("access_control", "encryption", "backup"):
        if not security.get(key):
            out.add(3, BLOCKING, f"security_{key}", f"data_platform.security.{key}", _SECURITY_MESSAGES[key])
    if any(d.get("personal_data") for _i, d in datasets) and not security.get("dpo_appointed"):
        out.add(
            3,
            WARNING,
            "dpo_missing",
            "data_platform.security.dpo_appointed",
            _("Datasets hold personal data: appoint a data protection officer as the PDPA expects."),
        )
    if _blank(section.get("open_data_plan")):
        out.add(
            3,
            WARNING,
            "open_data_plan_missing",
            "data_platform.open_data_plan",
            _("Describe the open-data publishing plan."),
        )


_SECURITY_MESSAGES = {
    "access_control": _("The data platform needs access control."),
    "encryption": _("The data platform needs encryption in transit and at rest."),
    "backup": _("The data platform needs backup and recovery."),
}


def _check_services(section: dict, claimed: list[str], out: _Collector) -> None:
    items = list(_items(section, "items"))
    for code in claimed:
        if not any(item.get("domain") == code for _i, item in items):
            out.add(
                4,
                BLOCKING,
                "service_missing_for_domain",
                "services.items",
                _("Add at least one smart service for %(domain)s."),
                domain=out.domain(code),
            )
    for index, item in items:
        path = f"services.items[{index}]"
        if item.get("domain") not in claimed:
            out.add(
                4,
                BLOCKING,
                "service_domain_not_claimed",
                f"{path}.domain",
                _("Service %(n)s is in a domain the proposal does not claim."),
                n=index + 1,
            )
        _check_money_and_dates(item, path, 4, _("Service"), index + 1, out)


def _check_management(section: dict, out: _Collector) -> None:
    required = {
        "governance_structure": _("Describe the governance structure."),
        "financing_model": _("Describe the financing model."),
        "om_plan": _("Describe how the systems will be operated and maintained."),
        "participation": _("Describe how citizens take part."),
    }
    for key, message in required.items():
        if _blank(section.get(key)):
            out.add(5, BLOCKING, f"{key}_missing", f"management.{key}", message)
    if _blank(section.get("risks")):
        out.add(
            5,
            WARNING,
            "risks_missing",
            "management.risks",
            _("List the main risks and how you will handle them."),
        )
