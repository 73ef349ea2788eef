"""Every rule of the check, on plain documents (no database record)."""

import datetime as dt

import pytest

from smartcity.proposals.rules_check import BLOCKING, WARNING, Rules, blocking, check

RULES = Rules(
    2,
    ("environment",),
    {
        "environment": ("สิ่งแวดล้อมอัจฉริยะ", "Smart Environment"),
        "mobility": ("การเดินทางและขนส่งอัจฉริยะ", "Smart Mobility"),
    },
)
TODAY = dt.date(2026, 11, 24)


def good():
    return {
        "title": {"th": "ขอนแก่น", "en": ""},
        "city_type": "livable",
        "domains": ["environment", "mobility"],
        "area_goals": {
            "area": {"type": "MultiPolygon", "coordinates": []},
            "admin_units": ["40"],
            "population": 1,
            "baseline_problems": "x",
            "vision": "y",
            "goals": [
                {"domain": d, "title": "t", "kpi_name": "k", "target": 1, "target_year": 2027}
                for d in ("environment", "mobility")
            ],
        },
        "infrastructure": {"items": [{"budget_baht": 1, "start_date": "2026-01-01", "end_date": "2026-12-31"}]},
        "data_platform": {
            "description": "d",
            "datasets": [{"name": "a", "personal_data": True}],
            "security": {"access_control": True, "encryption": True, "backup": True, "dpo_appointed": True},
            "open_data_plan": "p",
        },
        "services": {
            "items": [
                {"domain": d, "budget_baht": 0, "start_date": "2026-01-01", "end_date": "2026-01-01"}
                for d in ("environment", "mobility")
            ]
        },
        "management": {
            "governance_structure": "g",
            "financing_model": "f",
            "om_plan": "o",
            "participation": "p",
            "risks": "r",
        },
    }


def codes(document):
    return {(f.code, f.severity, f.field) for f in check(document, RULES, TODAY)}


def test_complete_document_has_no_findings():
    assert check(good(), RULES, TODAY) == []


def test_only_mobility_fails_minimum_and_mandatory_environment():
    doc = good()
    doc["domains"] = ["mobility"]
    found = check(doc, RULES, TODAY)
    assert {f.code for f in blocking(found)} >= {
        "too_few_domains",
        "mandatory_domain_missing",
        "goal_domain_not_claimed",
        "service_domain_not_claimed",
    }
    mandatory = next(f for f in found if f.code == "mandatory_domain_missing")
    assert mandatory.message_th == "สิ่งแวดล้อมอัจฉริยะเป็นด้านที่บังคับ: กรุณาเพิ่มในด้านที่เสนอ"
    assert mandatory.message_en == "Smart Environment is mandatory: add it to the claimed domains."
    assert (mandatory.criterion, mandatory.field) == (4, "domains")


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["title"].update(th=" "), ("title_missing", BLOCKING, "title.th")),
        (lambda d: d.update(city_type=None), ("city_type_missing", BLOCKING, "city_type")),
        (lambda d: d["area_goals"].update(area=None), ("area_missing", BLOCKING, "area_goals.area")),
        (
            lambda d: d["area_goals"].update(admin_units=[]),
            ("admin_units_missing", BLOCKING, "area_goals.admin_units"),
        ),
        (lambda d: d["area_goals"].update(vision=""), ("vision_missing", BLOCKING, "area_goals.vision")),
        (
            lambda d: d["area_goals"].update(baseline_problems=""),
            ("baseline_missing", WARNING, "area_goals.baseline_problems"),
        ),
        (
            lambda d: d["area_goals"].update(population=None),
            ("population_missing", WARNING, "area_goals.population"),
        ),
        (
            lambda d: d["area_goals"]["goals"].pop(1),
            ("goal_missing_for_domain", BLOCKING, "area_goals.goals"),
        ),
        (
            lambda d: d["area_goals"]["goals"][0].update(kpi_name=""),
            ("goal_kpi_missing", BLOCKING, "area_goals.goals[0].kpi_name"),
        ),
        (
            lambda d: d["area_goals"]["goals"][0].update(target_year=1999),
            ("target_year_past", BLOCKING, "area_goals.goals[0].target_year"),
        ),
        (
            lambda d: d["area_goals"]["goals"][0].update(target=None),
            ("goal_target_missing", WARNING, "area_goals.goals[0].target"),
        ),
        (
            lambda d: d["infrastructure"].update(items=[]),
            ("infrastructure_empty", BLOCKING, "infrastructure.items"),
        ),
        (
            lambda d: d["infrastructure"]["items"][0].update(budget_baht=-5),
            ("negative_budget", BLOCKING, "infrastructure.items[0].budget_baht"),
        ),
        (
            lambda d: d["infrastructure"]["items"][0].update(end_date="2025-12-31"),
            ("end_before_start", BLOCKING, "infrastructure.items[0].end_date"),
        ),
        (
            lambda d: d["data_platform"].update(description=""),
            ("platform_missing", BLOCKING, "data_platform.description"),
        ),
        (
            lambda d: d["data_platform"].update(datasets=[]),
            ("datasets_empty", BLOCKING, "data_platform.datasets"),
        ),
        (
            lambda d: d["data_platform"]["security"].update(encryption=False),
            ("security_encryption", BLOCKING, "data_platform.security.encryption"),
        ),
        (
            lambda d: d["data_platform"]["security"].update(dpo_appointed=False),
            ("dpo_missing", WARNING, "data_platform.security.dpo_appointed"),
        ),
        (
            lambda d: d["data_platform"].update(open_data_plan=""),
            ("open_data_plan_missing", WARNING, "data_platform.open_data_plan"),
        ),
        (lambda d: d["services"]["items"].pop(0), ("service_missing_for_domain", BLOCKING, "services.items")),
        (
            lambda d: d["services"]["items"].append({"domain": "energy"}),
            ("service_domain_not_claimed", BLOCKING, "services.items[2].domain"),
        ),
        (
            lambda d: d["services"]["items"][1].update(budget_baht=-1),
            ("negative_budget", BLOCKING, "services.items[1].budget_baht"),
        ),
        (
            lambda d: d["services"]["items"][1].update(start_date="2026-05-01", end_date="2026-04-30"),
            ("end_before_start", BLOCKING, "services.items[1].end_date"),
        ),
        (lambda d: d["management"].update(om_plan=""), ("om_plan_missing", BLOCKING, "management.om_plan")),
        (lambda d: d["management"].update(risks=""), ("risks_missing", WARNING, "management.risks")),
        (
            lambda d: d.update(domains=["environment", "mobility", "tourism"]),
            ("unknown_domain", BLOCKING, "domains"),
        ),
    ],
)
def test_each_rule(mutate, expected):
    doc = good()
    mutate(doc)
    assert expected in codes(doc)


def test_findings_carry_both_languages_and_follow_the_active_one():
    from django.utils import translation

    doc = good()
    doc["infrastructure"]["items"][0]["budget_baht"] = -5
    finding = check(doc, RULES, TODAY)[0]
    assert finding.message_en == "Infrastructure item 1: the budget cannot be negative."
    assert finding.message_th.startswith("รายการโครงสร้างพื้นฐาน 1")
    with translation.override("en"):
        assert finding.message == finding.message_en
    with translation.override("th"):
        assert finding.message == finding.message_th


def test_target_year_this_year_is_allowed():
    doc = good()
    doc["area_goals"]["goals"][0]["target_year"] = TODAY.year
    assert check(doc, RULES, TODAY) == []


def test_empty_document_is_all_blocking_findings_without_crashing():
    found = check({}, RULES, TODAY)
    assert len(blocking(found)) >= 10
