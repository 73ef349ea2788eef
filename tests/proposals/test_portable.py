"""The portable proposal file: schema, loading, the rules check, import as a draft and the CLI."""

import copy
import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext, ngettext

from smartcity.core.errors import NotAllowed, UserFacingError
from smartcity.program.models import CriteriaSet
from smartcity.proposals import portable
from smartcity.proposals.document import SCHEMA_ID, prefetched, proposal_to_document, schema
from smartcity.proposals.models import Proposal
from smartcity.proposals.portable import ProposalFileError, check_file, import_document, load_document
from smartcity.proposals.rules_check import blocking
from tests.factories import CallFactory, MembershipFactory

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "khonkaen.proposal.json"
SCHEMA_FILE = ROOT / "src" / "smartcity" / "proposals" / "schema.json"
PUBLISHED_SCHEMA = ROOT / "docs" / "proposal.schema.json"
GUIDE = ROOT / "docs" / "proposal-file.md"
COMPARED = (
    "schema_version",
    "title",
    "city_type",
    "domains",
    "infrastructure",
    "data_platform",
    "services",
    "management",
)


def example() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def as_bytes(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def problems_of(excinfo) -> list[tuple[str, str]]:
    return [(p.path, p.message_en) for p in excinfo.value.problems]


def editor_and_org():
    membership = MembershipFactory(role="editor")
    return membership.user, membership.organization


def as_multipolygon(area: dict) -> list:
    return [area["coordinates"]] if area["type"] == "Polygon" else area["coordinates"]


def close(a, b, tolerance=1e-6) -> bool:
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(close(x, y, tolerance) for x, y in zip(a, b))
    return abs(a - b) <= tolerance


# --- The schema and the example -----------------------------------------------------------------------------


def test_published_schema_is_identical_to_the_one_the_code_uses():
    assert PUBLISHED_SCHEMA.read_bytes() == SCHEMA_FILE.read_bytes()
    assert schema()["$id"] == SCHEMA_ID == "https://smartcity.example/schemas/proposal/v1.json"
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_requires_the_version_title_domains_and_five_sections():
    assert schema()["required"] == [
        "schema_version",
        "title",
        "domains",
        "area_goals",
        "infrastructure",
        "data_platform",
        "services",
        "management",
    ]
    assert schema()["properties"]["schema_version"] == {
        "const": 1,
        "description": "The version of this file format; always 1.",
    }


def test_the_guide_mentions_every_top_level_key_of_the_schema():
    guide = GUIDE.read_text(encoding="utf-8")
    missing = [key for key in schema()["properties"] if f"`{key}`" not in guide]
    assert missing == []
    assert "ภาษาไทย" in guide and "proposal_check" in guide


@pytest.mark.django_db
def test_the_short_example_in_the_guide_is_a_valid_file_with_no_findings():
    guide = GUIDE.read_text(encoding="utf-8")
    (block,) = re.findall(r"```json\n(.*?)```", guide, flags=re.S)
    assert check_file(block, CriteriaSet.objects.get(version=1)) == []


@pytest.mark.django_db
def test_the_example_is_valid_and_has_no_blocking_findings():
    document = load_document(FIXTURE.read_bytes())
    assert document == example()
    assert document["domains"] == ["environment", "mobility"]
    findings = check_file(FIXTURE.read_bytes(), CriteriaSet.objects.get(version=1))
    assert blocking(findings) == []
    assert findings == []


def test_the_example_area_is_a_polygon_around_khon_kaen():
    area = example()["area_goals"]["area"]
    assert area["type"] == "Polygon"
    ring = area["coordinates"][0]
    assert all(102.80 <= lon <= 102.86 and 16.41 <= lat <= 16.46 for lon, lat in ring)
    assert ring[0] == ring[-1]


@pytest.mark.django_db
def test_an_exported_document_validates_against_the_schema():
    """Export and import share one shape: what proposal_to_document makes, load_document accepts."""
    user, org = editor_and_org()
    proposal = import_document(actor=user, organization=org, call=CallFactory(), document=example())
    exported = proposal_to_document(prefetched(Proposal.objects.filter(pk=proposal.pk)).get())
    exported.update(version=1, criteria_set_version=1)
    assert load_document(as_bytes(exported)) == exported


# --- Loading: every problem, with its path ------------------------------------------------------------------


def test_invalid_json_names_the_line_and_column():
    with pytest.raises(ProposalFileError) as excinfo:
        load_document('{\n  "schema_version": 1,\n  "title": {"th": "x"}\n  "domains": []\n}')
    assert problems_of(excinfo) == [
        ("", "The proposal file is not valid JSON: Expecting ',' delimiter at line 4, column 3.")
    ]
    with translation.override("en"):
        assert str(excinfo.value) == "The proposal file is not valid JSON: Expecting ',' delimiter at line 4, column 3."


def test_nan_is_not_json():
    with pytest.raises(ProposalFileError) as excinfo:
        load_document('{"schema_version": NaN}')
    assert problems_of(excinfo) == [
        ("", "The proposal file is not valid JSON (it is nested too deeply or contains NaN or Infinity).")
    ]


def test_a_file_over_10_mb_is_refused_before_parsing():
    data = b'{"padding": "' + b"x" * (11 * 1024 * 1024) + b'"}'
    with pytest.raises(ProposalFileError) as excinfo:
        load_document(data)
    assert problems_of(excinfo) == [("", "The proposal file is 11.1 MB; the limit is 10 MB.")]
    assert excinfo.value.code == "invalid_file"


def test_a_utf8_bom_is_accepted():
    assert load_document(b"\xef\xbb\xbf" + FIXTURE.read_bytes()) == example()


def test_schema_errors_are_all_reported_with_their_paths():
    document = example()
    document["services"]["items"][0]["domain"] = "tourism"
    document["services"]["items"][2]["budget_baht"] = "15,500,000"
    document["infrastructure"]["items"][1]["end_date"] = "2026-13-40"
    document["area_goals"]["goals"][1]["target_year"] = "2030"
    del document["title"]["th"]
    document["management"]["colour"] = "green"
    document["schema_version"] = 2
    with pytest.raises(ProposalFileError) as excinfo:
        load_document(as_bytes(document))
    assert excinfo.value.total == 7
    with translation.override("en"):
        assert str(excinfo.value) == "The proposal file has 7 problems."
    assert sorted(problems_of(excinfo)) == sorted(
        [
            (
                "services.items[0].domain",
                "“tourism” is not allowed here; use one of: environment, mobility, living, "
                "people, energy, economy, governance.",
            ),
            ("services.items[2].budget_baht", "Expected a number."),
            (
                "infrastructure.items[1].end_date",
                "“2026-13-40” is not a valid date: write it as YYYY-MM-DD, e.g. 2027-10-01.",
            ),
            ("area_goals.goals[1].target_year", "Expected a whole number."),
            ("title.th", "This field is required."),
            ("management.colour", "Unknown field: it is not part of the proposal file format."),
            ("schema_version", "Must be 1."),
        ]
    )


def test_problems_are_also_in_thai():
    document = example()
    document["services"]["items"][0]["domain"] = "tourism"
    with pytest.raises(ProposalFileError) as excinfo:
        load_document(as_bytes(document))
    (problem,) = excinfo.value.problems
    assert problem.path == "services.items[0].domain"
    with translation.override("th"):
        template = gettext("“%(value)s” is not allowed here; use one of: %(choices)s.")
    assert problem.message_th == template % {
        "value": "tourism",
        "choices": "environment, mobility, living, people, energy, economy, governance",
    }
    assert excinfo.value.field == "services.items[0].domain"
    with translation.override("th"):
        path, message = problem
        assert (path, message) == ("services.items[0].domain", problem.message_th)


def test_lengths_and_enums_come_from_the_models():
    document = example()
    document["title"]["th"] = "ก" * 301
    document["infrastructure"]["items"][0]["category"] = "satellite"
    document["data_platform"]["datasets"][0]["update_frequency"] = "hourly"
    document["services"]["items"][0]["status"] = "cancelled"
    document["city_type"] = "village"
    with pytest.raises(ProposalFileError) as excinfo:
        load_document(as_bytes(document))
    assert sorted(problems_of(excinfo)) == [
        ("city_type", "“village” is not allowed here; use one of: livable, new, null."),
        (
            "data_platform.datasets[0].update_frequency",
            "“hourly” is not allowed here; use one of: real_time, daily, monthly, yearly, ad_hoc.",
        ),
        (
            "infrastructure.items[0].category",
            "“satellite” is not allowed here; use one of: fibre, public_wifi, "
            "iot_network, 5g, data_centre, physical, other_digital.",
        ),
        (
            "services.items[0].status",
            "“cancelled” is not allowed here; use one of: planned, in_progress, done.",
        ),
        ("title.th", "Too long: 301 characters; at most 300 are allowed."),
    ]


def test_a_negative_budget_passes_the_schema_and_the_rules_check_explains_it():
    document = example()
    document["services"]["items"][1]["budget_baht"] = -5
    assert load_document(as_bytes(document))["services"]["items"][1]["budget_baht"] == -5


@pytest.mark.django_db
def test_negative_budget_is_a_blocking_finding():
    document = example()
    document["services"]["items"][1]["budget_baht"] = -5
    findings = check_file(as_bytes(document), CriteriaSet.objects.get(version=1))
    assert [(f.code, f.field, f.message_en) for f in findings] == [
        ("negative_budget", "services.items[1].budget_baht", "Service 2: the budget cannot be negative.")
    ]


@pytest.mark.parametrize(
    ("area", "expected"),
    [
        (
            {"type": "Point", "coordinates": [102.83, 16.43]},
            [("area_goals.area", "Expected a GeoJSON Polygon or MultiPolygon geometry, or null.")],
        ),
        (
            {"type": "Polygon", "coordinates": [[[102.8, 16.41], [102.86, 16.41], [102.8, 16.41]]]},
            [("area_goals.area.coordinates[0]", "Needs at least 4 entries.")],
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[202.8, 16.41], [102.86, 16.41], [102.86, 16.46], [202.8, 16.41]]],
            },
            [
                ("area_goals.area.coordinates[0][0][0]", "Must be at most 180."),
                ("area_goals.area.coordinates[0][3][0]", "Must be at most 180."),
            ],
        ),
        (
            {
                "type": "MultiPolygon",
                "coordinates": [[[[100.5, 13.7], [100.6, 13.7], [100.6, 13.8], [100.5, 13.7]]]],
                "crs": "EPSG:4326",
            },
            [("area_goals.area.crs", "Unknown field: it is not part of the proposal file format.")],
        ),
    ],
)
def test_area_shape_errors_point_inside_the_geometry(area, expected):
    document = example()
    document["area_goals"]["area"] = area
    with pytest.raises(ProposalFileError) as excinfo:
        load_document(as_bytes(document))
    assert problems_of(excinfo) == expected


def test_area_outside_thailand_and_unknown_dopa_codes_are_problems_too():
    document = example()
    document["area_goals"]["area"] = {
        "type": "Polygon",
        "coordinates": [[[139.69, 35.68], [139.71, 35.68], [139.71, 35.70], [139.69, 35.68]]],
    }  # Tokyo
    document["area_goals"]["admin_units"] = ["40", "99", "4099"]
    with pytest.raises(ProposalFileError) as excinfo:
        load_document(as_bytes(document))
    assert problems_of(excinfo) == [
        ("area_goals.area", "The area must lie within Thailand."),
        (
            "area_goals.admin_units[1]",
            "“99” is not a DOPA province code (two digits, e.g. 40 for Khon Kaen).",
        ),
        (
            "area_goals.admin_units[2]",
            "“4099” is not a DOPA district code (four digits, e.g. 4001 for Mueang Khon Kaen).",
        ),
    ]


def test_an_empty_object_lists_every_required_key():
    with pytest.raises(ProposalFileError) as excinfo:
        load_document("{}")
    assert [path for path, _message in problems_of(excinfo)] == list(schema()["required"])


def test_a_json_array_is_not_a_proposal():
    with pytest.raises(ProposalFileError) as excinfo:
        load_document("[]")
    assert problems_of(excinfo) == [("", "Expected an object { … }.")]


def test_informational_keys_are_accepted():
    document = example()
    document.update(
        version=2,
        criteria_set_version=1,
        proponent={"name_th": "เทศบาลนครขอนแก่น"},
        call={"name_th": "รอบที่ 1"},
        partners=[{"name_th": "มหาวิทยาลัยขอนแก่น"}],
        attachments=[{"name": "plan.pdf", "title": "แผน", "sha256": "0" * 64, "size": 1, "pages": 1}],
    )
    assert load_document(as_bytes(document)) == document


def test_json_path():
    assert portable.json_path(["services", "items", 2, "budget_baht"]) == "services.items[2].budget_baht"
    assert portable.json_path([]) == ""
    assert portable.document_path("services[1].budget_baht") == "services.items[1].budget_baht"
    assert portable.document_path("infrastructure_items[0].name") == "infrastructure.items[0].name"
    assert portable.document_path("sec_backup") == "data_platform.security.backup"
    assert portable.document_path("platform_description") == "data_platform.description"


# --- Importing ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_round_trip_reproduces_every_section():
    user, org = editor_and_org()
    call = CallFactory()
    proposal = import_document(actor=user, organization=org, call=call, document=example())
    assert (proposal.status, proposal.organization, proposal.call, proposal.created_by) == (
        "draft",
        org,
        call,
        user,
    )
    document = proposal_to_document(prefetched(Proposal.objects.filter(pk=proposal.pk)).get())
    fixture = example()
    for key in COMPARED:
        assert document[key] == fixture[key], key
    imported_area, expected_area = document["area_goals"].pop("area"), fixture["area_goals"].pop("area")
    assert document["area_goals"] == fixture["area_goals"]
    assert imported_area["type"] == "MultiPolygon"
    assert close(as_multipolygon(imported_area), as_multipolygon(expected_area))
    assert document["proponent"]["name_th"] == org.name_th
    assert document["attachments"] == [] and document["partners"] == []


@pytest.mark.django_db
def test_import_ignores_informational_keys_and_recomputes_the_area():
    user, org = editor_and_org()
    document = example()
    document["area_goals"]["area_km2"] = 999
    document.update(proponent={"name_th": "อื่น"}, attachments=[{"name": "a.pdf"}], version=3)
    proposal = import_document(actor=user, organization=org, call=CallFactory(), document=document)
    assert str(proposal.area_km2) == "28.932"
    assert proposal.organization == org and not proposal.attachments.exists() and proposal.versions.count() == 0


@pytest.mark.django_db
def test_a_minimal_file_imports_as_an_incomplete_draft():
    user, org = editor_and_org()
    document = {
        "schema_version": 1,
        "title": {"th": "ร่างแรก"},
        "domains": [],
        "area_goals": {},
        "infrastructure": {},
        "data_platform": {},
        "services": {},
        "management": {},
    }
    proposal = import_document(actor=user, organization=org, call=CallFactory(), document=document)
    assert (proposal.title_th, proposal.city_type, proposal.area) == ("ร่างแรก", None, None)
    assert not proposal.goals.exists() and not proposal.domains.exists()


@pytest.mark.django_db
def test_import_with_an_unknown_field_in_the_second_service_creates_nothing():
    user, org = editor_and_org()
    document = example()
    document["services"]["items"][1]["colour"] = "green"
    with pytest.raises(ProposalFileError) as excinfo:
        import_document(actor=user, organization=org, call=CallFactory(), document=document)
    assert problems_of(excinfo) == [
        ("services.items[1].colour", "Unknown field: it is not part of the proposal file format.")
    ]
    assert Proposal.objects.count() == 0


@pytest.mark.django_db
def test_an_impossible_date_is_refused_and_nothing_is_created():
    """ "2026-13-40" is caught by the schema's date format, before anything is written."""
    user, org = editor_and_org()
    document = example()
    document["services"]["items"][1]["end_date"] = "2026-13-40"
    with pytest.raises(ProposalFileError) as excinfo:
        import_document(actor=user, organization=org, call=CallFactory(), document=document)
    assert [path for path, _m in problems_of(excinfo)] == ["services.items[1].end_date"]
    assert Proposal.objects.count() == 0


@pytest.mark.django_db
def test_a_service_level_failure_after_earlier_writes_leaves_nothing_behind():
    """The schema allows any number; the model allows 14 digits before the point. The services list is written
    after the draft, its fields, goals, infrastructure and datasets: all of them roll back."""
    user, org = editor_and_org()
    document = example()
    document["services"]["items"][1]["budget_baht"] = 10**15
    with pytest.raises(ProposalFileError) as excinfo:
        import_document(actor=user, organization=org, call=CallFactory(), document=document)
    ((path, message),) = problems_of(excinfo)
    assert path == "services.items[1].budget_baht"
    assert message == "Row 2, budget (baht): Ensure that there are no more than 14 digits before the decimal point."
    assert isinstance(excinfo.value.__cause__, UserFacingError)
    assert Proposal.objects.count() == 0


@pytest.mark.django_db
def test_a_failure_at_the_last_step_rolls_back_everything(monkeypatch):
    from smartcity.proposals import services

    def refuse(**kwargs):
        raise UserFacingError("The area could not be stored.", field="area")

    monkeypatch.setattr(services, "set_area", refuse)
    user, org = editor_and_org()
    with pytest.raises(ProposalFileError) as excinfo:
        import_document(actor=user, organization=org, call=CallFactory(), document=example())
    assert problems_of(excinfo) == [("area_goals.area", "The area could not be stored.")]
    assert Proposal.objects.count() == 0


@pytest.mark.django_db
def test_a_viewer_may_not_import_and_the_error_is_not_a_file_problem():
    membership = MembershipFactory(role="viewer")
    with pytest.raises(NotAllowed):
        import_document(
            actor=membership.user,
            organization=membership.organization,
            call=CallFactory(),
            document=example(),
        )
    assert Proposal.objects.count() == 0


@pytest.mark.django_db
def test_a_city_type_the_call_does_not_accept_is_a_file_problem():
    from smartcity.program.models import CityType

    user, org = editor_and_org()
    call = CallFactory(city_types=[CityType.objects.get(code="new")])
    with pytest.raises(ProposalFileError) as excinfo:
        import_document(actor=user, organization=org, call=call, document=example())
    assert problems_of(excinfo) == [("city_type", "This call does not accept that city type.")]
    assert Proposal.objects.count() == 0


# --- The command line ---------------------------------------------------------------------------------------


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("proposal_check", *args, stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), str(error)
    return 0, out.getvalue(), ""


def only_mobility(tmp_path) -> Path:
    document = example()
    document["domains"] = ["mobility"]
    document["area_goals"]["goals"] = [g for g in document["area_goals"]["goals"] if g["domain"] == "mobility"]
    document["services"]["items"] = [s for s in document["services"]["items"] if s["domain"] == "mobility"]
    document["data_platform"]["datasets"] = [
        d for d in document["data_platform"]["datasets"] if d["domain"] == "mobility"
    ]
    path = tmp_path / "mobility.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_cli_passes_the_example_and_creates_nothing():
    """Exit status 0: call_command returns normally; the last line says the file passes."""
    code, out, err = run(str(FIXTURE), "--language", "en")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"Checked {FIXTURE} against Announcement 1/2019 (criteria set version 1)."
    assert out.splitlines()[-1] == "The file passes the check: no blocking findings, 0 warnings."
    code, out, err = run(str(FIXTURE))  # Thai by default
    with translation.override("th"):
        passed = ngettext(
            "The file passes the check: no blocking findings, %(count)s warning.",
            "The file passes the check: no blocking findings, %(count)s warnings.",
            0,
        )
    assert (code, out.splitlines()[-1]) == (0, passed % {"count": 0})
    assert Proposal.objects.count() == 0


@pytest.mark.django_db
def test_cli_only_mobility_exits_1_with_thai_messages(tmp_path):
    """Exit status 1: call_command raises CommandError(returncode=1) after printing the findings."""
    before = Proposal.objects.count()
    code, out, err = run(str(only_mobility(tmp_path)))
    assert code == 1
    lines = out.splitlines()
    assert "[blocking] 4 · domains: ต้องเสนออย่างน้อย 2 ด้าน ขณะนี้เสนอ 1 ด้าน" in lines
    assert "[blocking] 4 · domains: สิ่งแวดล้อมอัจฉริยะเป็นด้านที่บังคับ: กรุณาเพิ่มในด้านที่เสนอ" in lines
    assert [line for line in lines if line.startswith("[")] == [
        "[blocking] 4 · domains: ต้องเสนออย่างน้อย 2 ด้าน ขณะนี้เสนอ 1 ด้าน",
        "[blocking] 4 · domains: สิ่งแวดล้อมอัจฉริยะเป็นด้านที่บังคับ: กรุณาเพิ่มในด้านที่เสนอ",
    ]
    assert any(line.endswith("ต้องมีบริการเมืองอัจฉริยะตามลักษณะ 7 ด้าน") for line in lines)  # criterion 4
    assert "2" in err
    assert Proposal.objects.count() == before


@pytest.mark.django_db
def test_cli_in_english(tmp_path):
    code, out, err = run(str(only_mobility(tmp_path)), "--language", "en")
    assert code == 1
    lines = out.splitlines()
    assert "[blocking] 4 · domains: Claim at least 2 domains; the proposal claims 1." in lines
    assert "[blocking] 4 · domains: Smart Environment is mandatory: add it to the claimed domains." in lines
    assert "Criterion 4: Smart city services in the seven domains" in lines
    assert err == "2 blocking findings remain: fix them before submitting the proposal."
    code, out, err = run(str(FIXTURE), "--language", "en")
    assert code == 0
    assert out.splitlines()[-1] == "The file passes the check: no blocking findings, 0 warnings."


@pytest.mark.django_db
def test_cli_groups_findings_by_criterion(tmp_path):
    document = example()
    document["management"]["risks"] = ""
    document["data_platform"]["security"]["backup"] = False
    path = tmp_path / "p.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, out, _err = run(str(path), "--language", "en")
    body = [line for line in out.splitlines()[1:] if line]
    assert code == 1
    assert body == [
        "Criterion 3: A secure city data collection and management system",
        "[blocking] 3 · data_platform.security.backup: The data platform needs backup and recovery.",
        "Criterion 5: Sustainable management",
        "[warning] 5 · management.risks: List the main risks and how you will handle them.",
    ]


@pytest.mark.django_db
def test_cli_json_output_parses(tmp_path):
    code, out, _err = run(str(only_mobility(tmp_path)), "--json")
    assert code == 1
    findings = json.loads(out)
    assert {
        "criterion": 4,
        "severity": "blocking",
        "code": "too_few_domains",
        "field": "domains",
        "message_th": "ต้องเสนออย่างน้อย 2 ด้าน ขณะนี้เสนอ 1 ด้าน",
        "message_en": "Claim at least 2 domains; the proposal claims 1.",
    } in findings
    assert set(findings[0]) == {"criterion", "severity", "code", "field", "message_th", "message_en"}
    code, out, _err = run(str(FIXTURE), "--json")
    assert (code, json.loads(out)) == (0, [])


@pytest.mark.django_db
def test_cli_invalid_file_prints_each_problem_and_exits_1(tmp_path):
    document = example()
    document["services"]["items"][0]["domain"] = "tourism"
    document["title"]["th"] = 5
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, out, err = run(str(path), "--language", "en")
    assert code == 1
    assert out.splitlines() == [
        "The proposal file has 2 problems.",
        "[invalid] services.items[0].domain: “tourism” is not allowed here; use one of: environment, "
        "mobility, living, people, energy, economy, governance.",
        "[invalid] title.th: Expected text.",
    ]
    assert err == "The proposal file has 2 problems."
    code, out, _err = run(str(path), "--json")
    assert code == 1
    assert [(row["field"], row["code"], row["criterion"]) for row in json.loads(out)] == [
        ("services.items[0].domain", "invalid_file", 4),
        ("title.th", "invalid_file", 1),
    ]


@pytest.mark.django_db
def test_cli_invalid_json_names_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"schema_version": 1,,}', encoding="utf-8")
    code, out, _err = run(str(path), "--language", "en")
    assert code == 1
    assert out.splitlines()[1] == (
        "[invalid] The proposal file is not valid JSON: Expecting property name enclosed in double quotes "
        "at line 1, column 22."
    )


@pytest.mark.django_db
def test_cli_refuses_an_11_mb_file(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (11 * 1024 * 1024) + b"{}")
    code, out, _err = run(str(path), "--language", "en")
    assert code == 1
    assert out.splitlines()[0] == "The proposal file is 11.1 MB; the limit is 10 MB."


@pytest.mark.django_db
def test_cli_usage_errors_exit_2(tmp_path):
    code, _out, err = run(str(tmp_path / "missing.json"), "--language", "en")
    assert code == 2 and re.fullmatch(r"Cannot read .*missing\.json: No such file or directory", err)
    code, _out, err = run(str(FIXTURE), "--criteria-set-version", "99", "--language", "en")
    assert (code, err) == (2, "There is no criteria set version 99.")


@pytest.mark.django_db
def test_cli_reads_standard_input(monkeypatch):
    class Stdin:
        buffer = io.BytesIO(FIXTURE.read_bytes())

    monkeypatch.setattr("sys.stdin", Stdin)
    code, out, _err = run("-", "--language", "en")
    assert code == 0
    assert out.splitlines()[0] == "Checked stdin against Announcement 1/2019 (criteria set version 1)."


@pytest.mark.django_db
def test_cli_checks_against_the_chosen_or_newest_criteria_set(tmp_path):
    v1 = CriteriaSet.objects.get(version=1)
    v2 = copy.copy(v1)
    v2.pk, v2.version, v2.min_domains, v2.name_en = None, 2, 3, "Announcement 2/2026"
    v2.save()
    code, out, _err = run(str(FIXTURE), "--language", "en")
    assert code == 1 and "Claim at least 3 domains; the proposal claims 2." in out
    code, out, _err = run(str(FIXTURE), "--language", "en", "--criteria-set-version", "1")
    assert code == 0
