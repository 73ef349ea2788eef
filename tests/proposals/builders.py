"""Build proposals the way people do: through the services, one section at a time."""

import datetime as dt

from smartcity.program.models import CityType
from smartcity.proposals import services
from tests.factories import CallFactory, MembershipFactory

KHON_KAEN_AREA = {
    "type": "Polygon",
    "coordinates": [[[102.80, 16.41], [102.86, 16.41], [102.86, 16.46], [102.80, 16.46], [102.80, 16.41]]],
}
NEXT_YEAR = dt.date.today().year + 1


def draft(user=None, call=None, title="ขอนแก่นเมืองอัจฉริยะ"):
    if user is None:
        user = MembershipFactory(role="editor").user
    org = user.memberships.first().organization
    return services.create_proposal(
        actor=user,
        organization=org,
        call=call or CallFactory(),
        title_th=title,
        city_type=CityType.objects.get(code="livable"),
    )


def fill(proposal, user, domains=("environment", "mobility")):
    pid = proposal.pk
    services.update_proposal(
        actor=user,
        proposal_id=pid,
        revision=None,
        domains=list(domains),
        changes={
            "title_en": "Khon Kaen Smart City",
            "admin_units": ["40", "4001"],
            "population": 120000,
            "baseline_problems": "ฝุ่น PM2.5 และการจราจรติดขัด",
            "vision": "เมืองน่าอยู่ ลดมลพิษ เดินทางสะดวก",
            "platform_description": "แพลตฟอร์มข้อมูลเมืองขอนแก่น",
            "sec_access_control": True,
            "sec_encryption": True,
            "sec_backup": True,
            "sec_dpo_appointed": True,
            "open_data_plan": "เปิดข้อมูลคุณภาพอากาศรายชั่วโมง",
            "governance_structure": "คณะกรรมการเมืองอัจฉริยะขอนแก่น",
            "financing_model": "บริษัทพัฒนาเมือง (PPP)",
            "om_plan": "สัญญาบำรุงรักษา 5 ปี",
            "participation": "เวทีประชาคมทุกไตรมาส",
            "risks": "งบประมาณล่าช้า",
        },
    )
    services.set_area(actor=user, proposal_id=pid, revision=None, geojson=KHON_KAEN_AREA)
    services.replace_items(
        actor=user,
        proposal_id=pid,
        revision=None,
        kind="goals",
        rows=[
            {
                "domain": code,
                "title": f"เป้าหมาย {code}",
                "kpi_name": "ตัวชี้วัด",
                "unit": "%",
                "baseline": 10,
                "target": 50,
                "target_year": NEXT_YEAR,
            }
            for code in domains
        ],
    )
    services.replace_items(
        actor=user,
        proposal_id=pid,
        revision=None,
        kind="infrastructure_items",
        rows=[
            {
                "category": "iot_network",
                "name": "เครือข่ายเซนเซอร์",
                "budget_baht": 12500000,
                "start_date": dt.date(2026, 1, 1),
                "end_date": dt.date(2027, 12, 31),
                "status": "planned",
            }
        ],
    )
    services.replace_items(
        actor=user,
        proposal_id=pid,
        revision=None,
        kind="datasets",
        rows=[
            {
                "name": "คุณภาพอากาศ",
                "domain": "environment",
                "update_frequency": "real_time",
                "openness": "open",
                "personal_data": False,
            }
        ],
    )
    services.replace_items(
        actor=user,
        proposal_id=pid,
        revision=None,
        kind="services",
        rows=[
            {
                "domain": code,
                "name": f"บริการ {code}",
                "description": "รายละเอียด",
                "budget_baht": 1000000,
                "start_date": dt.date(2026, 1, 1),
                "end_date": dt.date(2027, 1, 1),
                "status": "planned",
            }
            for code in domains
        ],
    )
    proposal.refresh_from_db()
    return proposal


def complete(user=None, call=None, **kwargs):
    proposal = draft(user, call)
    return fill(proposal, user or proposal.created_by, **kwargs)


def area_goals_data(proposal, area=None, **extra) -> dict:
    """What the area-and-goals page posts: its text fields as stored, no goals, and a drawn area if given."""
    import json

    data = {
        "revision": proposal.revision,
        "population": proposal.population or "",
        "baseline_problems": proposal.baseline_problems,
        "vision": proposal.vision,
        "admin_units_text": ", ".join(proposal.admin_units or []),
        "goals-TOTAL_FORMS": 0,
        "goals-INITIAL_FORMS": 0,
    }
    if area is not None:
        data |= {"area_geojson": json.dumps(area), "area_changed": "on"}
    return data | extra
