"""The steps of the program's journey, each done by one person in their own browser, through the pages only.

``Stage`` holds the cast (made with factories) and what the story has produced so far (the proposal, the
certificate, the QR code's address, the endorsement code). Each function below is one step of the story.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from smartcity.accounts.models import Organization, User
from smartcity.program.models import Domain
from tests.e2e.support import (
    LOPBURI,
    Actor,
    blocking_codes,
    draw_polygon_on_map,
    fill_row,
    pdf_file,
    scroll_to,
    shot,
)
from tests.endorsements.builders import company
from tests.factories import CallFactory, MembershipFactory, OrganizationFactory, UserFactory, grant, staff_user

STRONG = ("18", "16", "15", "17", "16")  # 82 of 100
WEAK = ("12", "12", "12", "12", "12")  # 60 of 100: short of the pass mark of 70


@dataclass
class Cast:
    applicant: User
    city: Organization
    secretariat: User
    environment: list[User]  # the third declares a conflict of interest
    mobility: list[User]
    chair: User
    subcommittee: User
    committee: User
    company: Organization
    company_member: User
    boi: User


def make_cast() -> Cast:
    city = OrganizationFactory(
        name_th="เทศบาลเมืองลพบุรี", name_en="Lopburi Town Municipality", kind="town_municipality",
        province_code="16", district_code="1601",
    )  # fmt: skip
    applicant = MembershipFactory(organization=city, role="editor", user__full_name="วรรณา ศรีสุข").user
    CallFactory(name_th="รอบที่ 1/2569", name_en="Round 1/2026")
    chair = UserFactory(full_name="ประธาน อนุกรรมการ")
    grant(chair, "subcommittee", chair=True)
    partner, partner_member = company(name_th="บริษัท ลพบุรีดิจิทัล จำกัด")
    return Cast(
        applicant=applicant,
        city=city,
        secretariat=staff_user("secretariat", full_name="ปิยะ เลขานุการ"),
        environment=[staff_user("working_group", "environment", full_name=n) for n in ("กานดา ก", "ขจร ข", "คมสัน ค")],
        mobility=[staff_user("working_group", "mobility", full_name=n) for n in ("จิราพร จ", "ฉัตรชัย ฉ")],
        chair=chair,
        subcommittee=staff_user("subcommittee", full_name="สมศรี อนุกรรมการ"),
        committee=staff_user("committee", full_name="กรรมการ ขับเคลื่อน"),
        company=partner,
        company_member=partner_member,
        boi=staff_user("boi_officer", full_name="บุญมี บีโอไอ"),
    )


@dataclass
class Stage:
    browser: object
    base_url: str
    cast: Cast
    password: str
    tmp_path: Path
    actors: dict[str, Actor] = field(default_factory=dict)
    pid: int = 0
    certificate: str = ""
    qr_url: str = ""
    endorsement_code: str = ""

    def actor(self, name: str, user=None) -> Actor:
        """The person's browser, opened and signed in on first use (staff through the TOTP step)."""
        if name not in self.actors:
            self.actors[name] = Actor(self.browser, self.base_url, user).sign_in(self.password)
        return self.actors[name]

    def public(self) -> Actor:
        """Someone with no account, in a fresh browser."""
        if "public" not in self.actors:
            self.actors["public"] = Actor(self.browser, self.base_url)
        return self.actors["public"]

    def close(self, failed_as: str | None = None) -> None:
        """Close every browser; after a failure, first keep a screenshot of where each person was."""
        for name, actor in self.actors.items():
            if failed_as:
                shot(actor.page, f"{failed_as}-{name}")
            actor.close()

    @property
    def applicant(self) -> Actor:
        return self.actor("applicant", self.cast.applicant)

    @property
    def secretariat(self) -> Actor:
        return self.actor("secretariat", self.cast.secretariat)

    @property
    def detail(self) -> str:
        return f"/proposals/{self.pid}/"

    @property
    def workspace(self) -> str:
        return f"/evaluation/proposals/{self.pid}/"


def domain_pk(code: str) -> str:
    return str(Domain.objects.get(code=code).pk)


def status_of(page, selector: str = "#proposal-status") -> str:
    return page.locator(selector).get_attribute("data-status")


# --- 1. the applicant drafts, fills every section and submits ------------------------------------------------


def start_proposal(stage: Stage) -> None:
    actor = stage.applicant
    actor.click("nav.main a[href='/proposals/']")
    page = actor.click("main a[href='/proposals/new/']")
    page.select_option("#id_organization", str(stage.cast.city.pk))
    page.select_option("#id_call", index=1)
    page.select_option("#id_city_type", index=1)
    page.fill("#id_title_th", "ลพบุรีเมืองอัจฉริยะ น้ำใสไร้มลพิษ")
    shot(page, "journey-01-new-proposal", doc="applicant-new-proposal")
    actor.submit()
    stage.pid = int(page.url.rstrip("/").rsplit("/", 1)[-1])
    assert page.is_disabled("#submit-button")
    assert status_of(page) == "draft"


def fill_general(stage: Stage) -> None:
    actor = stage.applicant
    page = actor.click("nav.section-nav a[href$='/edit/general/']")
    page.fill("#id_title_en", "Lopburi Smart City")
    page.check(f"input[name=domains][value='{domain_pk('environment')}']")
    page.check(f"input[name=domains][value='{domain_pk('mobility')}']")
    page.select_option("#id_partners", [str(stage.cast.company.pk)])
    actor.click("#save-next")  # "save and go to 1. Area and goals"
    assert page.url.endswith("/edit/area-goals/")


def draw_area(stage: Stage) -> None:
    """Drawn on the map; saved with the rest of the page by the next step."""
    page = stage.applicant.page
    page.wait_for_selector(".leaflet-draw-draw-polygon")
    draw_polygon_on_map(page, LOPBURI)
    scroll_to(page, "#area-title")
    shot(page, "journey-02-area-drawn", doc="applicant-map-drawn")


GOAL = {"kpi_name": "ค่าเฉลี่ยรายปี", "unit": "µg/m³", "baseline": "40", "target": "25", "target_year": "2573"}


def add_row(page, prefix: str) -> None:
    """The "add a row" button adds it in place, without a round trip to the server."""
    before = page.url
    page.click(f".add-row[data-rows='{prefix}-rows']")
    assert page.url == before


def fill_area_goals(stage: Stage) -> None:
    actor = stage.applicant
    page = actor.page
    page.fill("#id_admin_units_text", "16, 1601")
    page.fill("#id_population", "60000")
    page.fill("#id_baseline_problems", "ฝุ่นละอองและน้ำท่วมขัง")
    page.fill("#id_vision", "เมืองน่าอยู่ ผู้ใหญ่และเด็กปลอดภัย")
    fill_row(page, "goals", 0, {"domain": domain_pk("environment"), "title": "ลดฝุ่น PM2.5", **GOAL})
    add_row(page, "goals")
    fill_row(page, "goals", 1, {"domain": domain_pk("mobility"), "title": "ลดเวลาเดินทาง", **GOAL})
    actor.click("#save-next")
    assert page.url.endswith("/edit/infrastructure/")


def fill_infrastructure(stage: Stage) -> None:
    actor = stage.applicant
    page = actor.page
    row = {"category": "iot_network", "name": "เครือข่ายเซนเซอร์", "budget_baht": "12500000"}
    fill_row(page, "infrastructure_items", 0, {**row, "start_date": "01/01/2569", "end_date": "31/12/2570"})
    actor.click("#save-next")


def fill_data_platform(stage: Stage) -> None:
    actor = stage.applicant
    page = actor.page
    page.fill("#id_platform_description", "แพลตฟอร์มข้อมูลเมืองลพบุรี")
    for name in ("sec_access_control", "sec_encryption", "sec_backup", "sec_dpo_appointed"):
        page.check(f"#id_{name}")
    page.fill("#id_open_data_plan", "เปิดข้อมูลคุณภาพอากาศ")
    dataset = {"name": "คุณภาพอากาศ", "update_frequency": "real_time", "openness": "open"}
    fill_row(page, "datasets", 0, {**dataset, "domain": domain_pk("environment")})
    actor.click("#save-next")


def fill_services(stage: Stage) -> None:
    actor = stage.applicant
    page = actor.page
    for index, code in enumerate(["environment", "mobility"]):
        if index:
            add_row(page, "services")
        values = {"name": f"บริการ {code}", "description": "รายละเอียด", "budget_baht": "1000000"}
        dates = {"start_date": "2026-01-01", "end_date": "2026-12-31"}
        fill_row(page, "services", index, {"domain": domain_pk(code), **values, **dates})
    actor.click("#save-next")


def fill_management(stage: Stage) -> None:
    actor = stage.applicant
    page = actor.page
    for name, value in {
        "governance_structure": "คณะกรรมการเมือง",
        "financing_model": "PPP",
        "om_plan": "สัญญาบำรุงรักษา",
        "participation": "เวทีประชาคม",
        "risks": "งบล่าช้า",
    }.items():
        page.fill(f"#id_{name}", value)
    actor.click("#save-next")  # the last section: "save and go to the overview"


SECTIONS = [fill_general, draw_area, fill_area_goals, fill_infrastructure, fill_data_platform]
SECTIONS += [fill_services, fill_management]


def fill_every_section(stage: Stage) -> None:
    """Each section with "save and next": the checklist (on every page) shrinks to nothing, and the last save
    lands on the proposal page. Round trips are counted: one per section."""
    page = stage.applicant.page
    remaining = [len(blocking_codes(page))]
    assert remaining[0] > 10
    trips = stage.applicant.round_trips
    for step in SECTIONS:
        step(stage)
        if step is not draw_area:
            remaining.append(len(blocking_codes(page)))
    assert page.url.endswith(stage.detail), page.url
    assert stage.applicant.round_trips - trips == 7, stage.applicant.round_trips - trips
    # Claiming the domains adds what each domain needs; from then on every save only shortens the list.
    after_domains = remaining[1:]
    assert after_domains == sorted(after_domains, reverse=True) and after_domains[-1] == 0, remaining
    assert page.is_enabled("#submit-button")
    page.locator("#checklist-title").scroll_into_view_if_needed()
    shot(page, "journey-03-checklist-empty", doc="applicant-checklist")


def attach_pdf(stage: Stage) -> None:
    actor = stage.applicant
    page = actor.click("main a[href$='/attachments/']")
    page.set_input_files("#id_file", str(pdf_file(stage.tmp_path)))
    page.fill("#id_title", "แผนแม่บท")
    actor.submit()
    assert "แผนแม่บทเมืองอัจฉริยะ.pdf" in page.inner_text("main table")


def submit_proposal(stage: Stage, expected: str = "submitted", name: str = "journey-04-submitted", doc=None) -> None:
    actor = stage.applicant
    page = actor.goto(stage.detail)
    assert blocking_codes(page) == []
    actor.click("#submit-button")
    assert status_of(page) == expected, status_of(page)
    shot(page, name, doc=doc)


# --- 2. screening, return, revision, routing -----------------------------------------------------------------


def open_workspace(stage: Stage, shoot: bool = False):
    actor = stage.secretariat
    page = actor.goto("/evaluation/inbox/")
    if shoot:
        shot(page, "journey-05-secretariat-inbox", doc="secretariat-inbox")
    return actor.click(f"main a[href='{stage.workspace}']")


def return_for_completion(stage: Stage) -> None:
    actor = stage.secretariat
    open_workspace(stage, shoot=True)
    actor.click("form[action$='/start_screening/'] button")
    page = actor.click("main a[href$='/return/']")
    page.fill("#id_area_goals", "โปรดระบุจำนวนประชากรตามทะเบียนราษฎร์ล่าสุด")
    actor.submit()
    assert status_of(page) == "returned"


def revise_after_return(stage: Stage) -> None:
    actor = stage.applicant
    page = actor.goto(stage.detail)
    comments = page.inner_text("#secretariat-comments")
    assert "ทะเบียนราษฎร์" in comments and "area_goals" not in comments  # the section by its name, not its key
    page.locator("#secretariat-comments").scroll_into_view_if_needed()
    shot(page, "journey-06-returned-comment", doc="applicant-returned-comment")
    actor.click("nav.section-nav a[href$='/edit/area-goals/']")
    page.fill("#id_population", "61250")
    actor.click("#save-section")
    submit_proposal(stage, name="journey-07-resubmitted")


def declare_conflict(stage: Stage) -> None:
    member = stage.cast.environment[2]
    actor = stage.actor("conflicted", member)
    actor.goto("/evaluation/assignments/")
    page = actor.click("main a[href='/evaluation/conflicts/']")
    page.select_option("#id_kind", "organization")
    page.select_option("#id_organization", str(stage.cast.city.pk))
    page.fill("#id_description", "เคยเป็นที่ปรึกษาของเทศบาล")
    actor.submit()
    assert "เทศบาลเมืองลพบุรี" in page.inner_text("main ul")
    shot(page, "journey-08-conflict-declared", doc="evaluator-conflict")


def screen_and_route(stage: Stage) -> None:
    actor = stage.secretariat
    page = open_workspace(stage)
    actor.click("form[action$='/start_screening/'] button")
    page.check("#id_eligible_proponent")
    page.check("#id_documents_complete")
    actor.click("form[action$='/screening/'] button")
    assert page.locator("#screening-result").get_attribute("data-passed") == "true"
    shot(page, "journey-09-screening-passed", doc="secretariat-workspace-screening")
    assign(stage, "environment", stage.cast.environment[:2], conflicted=stage.cast.environment[2])
    assign(stage, "mobility", stage.cast.mobility)
    actor.click("form[action$='/route/'] button")
    assert status_of(page) == "in_evaluation"


def assign(stage: Stage, code: str, members, conflicted=None) -> None:
    actor = stage.secretariat
    page = actor.page
    form = page.locator(f"form:has(input[name=domain][value={code}])")
    if conflicted is not None:
        box = form.locator(f"input[name=members][value='{conflicted.pk}']")
        assert box.is_disabled(), "a member who declared a conflict can still be ticked"
        form.scroll_into_view_if_needed()
        shot(page, "journey-10-assignment-conflict-disabled", doc="secretariat-assignment")
    for member in members:
        form.locator(f"input[name=members][value='{member.pk}']").check()
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    actor.arrived()
    rows = page.locator("#assignments tbody tr").all_inner_texts()
    assert all(any(m.full_name in row for row in rows) for m in members), rows


# --- 3. scoring, revision, recommendation --------------------------------------------------------------------


def score(stage: Stage, member, scores, name: str | None = None, doc=None) -> None:
    actor = stage.actor(f"member-{member.pk}", member)
    page = actor.goto("/evaluation/assignments/")
    if doc:
        shot(page, f"{name}-queue", doc="evaluator-queue")
    page = actor.click(f"main a[data-proposal='{stage.pid}'][data-scored='false']")
    for number, value in enumerate(scores, start=1):
        page.fill(f"#id_score_{number}", value)
    page.fill("#id_comment", "ครบถ้วนตามเกณฑ์" if scores == STRONG else "แผนการเดินทางยังไม่มีงบประมาณชัดเจน")
    page.check(f"input[name=recommendation][value={'pass' if scores == STRONG else 'revise'}]")
    if doc:
        scroll_to(page, "main h1")
        shot(page, f"{name}-scorecard", doc="evaluator-scorecard")
    actor.submit()
    assert page.locator("#scorecard-done").count() == 1


def first_round(stage: Stage) -> None:
    cast = stage.cast
    score(stage, cast.environment[0], STRONG, name="journey-11", doc=True)
    score(stage, cast.environment[1], STRONG)
    for member in cast.mobility:
        score(stage, member, WEAK)
    conflicted = stage.actor("conflicted", cast.environment[2])
    page = conflicted.goto("/evaluation/assignments/")
    assert page.locator(f"main a[data-proposal='{stage.pid}']").count() == 0


def request_revision(stage: Stage) -> None:
    actor = stage.secretariat
    page = open_workspace(stage)
    rows = page.locator("#results tbody tr").all()
    results = {row.get_attribute("data-domain"): row.get_attribute("data-passed") for row in rows}
    assert results == {"environment": "true", "mobility": "false"}, results
    page.select_option("#id_outcome", "request_revision")
    page.fill("#id_comments", "ด้านการเดินทาง: โปรดระบุงบประมาณและแหล่งเงินของบริการรถโดยสารอัจฉริยะ")
    page.fill("#id_deadline", (timezone.localdate() + dt.timedelta(days=30)).isoformat())
    actor.click("form[action$='/conclude/'] button[type=submit]")
    assert status_of(page) == "revision_requested"


def revise_and_resubmit(stage: Stage) -> None:
    actor = stage.applicant
    page = actor.goto(stage.detail)
    assert "งบประมาณ" in page.inner_text("#revision-requests")
    actor.click("nav.section-nav a[href$='/edit/services/']")
    page.fill("#id_services-1-budget_baht", "4500000")
    page.fill("#id_services-1-description", "รถโดยสารอัจฉริยะ งบประมาณเทศบาลและกองทุน")
    actor.click("#save-section")
    submit_proposal(stage, expected="in_evaluation", name="journey-12-revision-resubmitted")


def second_round_and_recommend(stage: Stage) -> None:
    for member in stage.cast.mobility:
        score(stage, member, STRONG)
    actor = stage.secretariat
    page = open_workspace(stage)
    assert page.locator("#results tbody tr[data-passed='false']").count() == 0
    page.select_option("#id_outcome", "recommend")
    actor.click("form[action$='/conclude/'] button[type=submit]")
    assert status_of(page) == "recommended"
    shot(page, "journey-13-recommended")
