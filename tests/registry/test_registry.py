"""The public registry: what it lists, its filters and counts, the city pages and the open-data downloads."""

import csv
import datetime as dt
import html as html_lib
import io
import json
import re

import pytest
from django.utils import timezone, translation

from smartcity.certification import services
from smartcity.certification.models import Certificate, CertificateStatus
from smartcity.core.thai import format_date
from smartcity.registry.cache import invalidate_registry
from smartcity.registry.exports import FIELDS
from tests.certification.builders import acknowledged
from tests.registry.builders import another_city

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LAST_YEAR = TODAY.replace(year=TODAY.year - 1, day=min(TODAY.day, 28))


def thai(text) -> str:
    with translation.override("th"):
        return str(text)


def listed(client, query="") -> list[str]:
    """The certificate numbers in the registry's list, in order."""
    page = client.get(f"/registry/{query}").content.decode()
    table = page[page.index('id="registry-list"') : page.index("</table>", page.index('id="registry-list"'))]
    return re.findall(r'<span class="muted mono">([A-Z]{3}-\d{4}-\d{4})</span>', table)


def data(client, query="") -> list[dict]:
    return client.get(f"/registry/data.json{query}").json()["certificates"]


@pytest.fixture
def cities():
    """Khon Kaen through the whole path (environment, mobility; northeast), plus cities elsewhere."""
    proposal, khonkaen, secretariat = acknowledged()
    phuket = another_city(khonkaen, "phuket", domains=("environment", "economy", "living"))
    chiangmai = another_city(khonkaen, "chiangmai", domains=("environment", "people"), issued_on=LAST_YEAR)
    chonburi = another_city(khonkaen, "chonburi", kind="promotion_zone", domains=("environment", "energy"))
    return {
        "khonkaen": khonkaen,
        "phuket": phuket,
        "chiangmai": chiangmai,
        "chonburi": chonburi,
        "secretariat": secretariat,
    }


# --- what is listed ------------------------------------------------------------------------------------------


def test_the_registry_lists_every_city_with_its_status_and_needs_no_account(client, cities):
    response = client.get("/registry/")
    assert response.status_code == 200
    numbers = listed(client)
    expected = {cities[k].number for k in ("khonkaen", "phuket", "chiangmai", "chonburi")}
    assert set(numbers) == expected and len(numbers) == 4
    page = html_lib.unescape(response.content.decode())
    assert "ภูเก็ตเมืองอัจฉริยะ" in page and "ภูเก็ต" in page and "ภาคใต้" in page
    assert f'href="/registry/{cities["phuket"].number}/"' in page
    assert 'data-url="/registry/data.geojson"' in page
    assert 'data-outline-url="/registry/thailand.geojson"' in page


def test_revoked_certificates_leave_the_registry_lapsed_ones_stay_with_their_status(client, cities):
    secretariat = cities["secretariat"]
    services.revoke_certificate(actor=secretariat, number=cities["phuket"].number, reason="ไม่ดำเนินการตามแผน")
    services.suspend_certificate(actor=secretariat, number=cities["chiangmai"].number, reason="รายงานล่าช้า")
    Certificate.objects.filter(pk=cities["chonburi"].pk).update(
        valid_from=TODAY - dt.timedelta(days=800), expires_on=TODAY - dt.timedelta(days=70)
    )
    invalidate_registry()
    numbers = listed(client)
    assert cities["phuket"].number not in numbers
    assert {cities["chiangmai"].number, cities["chonburi"].number, cities["khonkaen"].number} == set(numbers)
    statuses = {row["number"]: (row["status"], row["status_reason"]) for row in data(client)}
    assert statuses[cities["chiangmai"].number] == ("suspended", "รายงานล่าช้า")
    assert statuses[cities["chonburi"].number] == ("expired", "")
    assert statuses[cities["khonkaen"].number] == ("valid", "")
    page = client.get("/registry/").content.decode()
    assert thai(CertificateStatus.SUSPENDED.label) in page and thai(CertificateStatus.EXPIRED.label) in page
    # "Currently valid only" leaves the lapsed ones out.
    assert listed(client, "?status=current") == [cities["khonkaen"].number]


def test_a_promotion_zone_that_became_a_smart_city_is_listed_once(client, cities):
    khonkaen = cities["khonkaen"]
    earlier = TODAY - dt.timedelta(days=400)
    zone = another_city(khonkaen, "khonkaen", kind="promotion_zone", proposal=khonkaen.proposal, issued_on=earlier)
    invalidate_registry()
    assert zone.number not in listed(client) and khonkaen.number in listed(client)
    # The zone's own page says where the city went.
    page = client.get(f"/registry/{zone.number}/").content.decode()
    assert f'href="/registry/{khonkaen.number}/"' in page
    # If the Smart City certificate is revoked, the zone (still valid) is listed again, honestly.
    services.revoke_certificate(actor=cities["secretariat"], number=khonkaen.number, reason="เพิกถอน")
    invalidate_registry()
    numbers = listed(client)
    assert zone.number in numbers and khonkaen.number not in numbers


# --- filters and counts --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?domain=economy", ["phuket"]),
        ("?domain=environment", ["khonkaen", "phuket", "chiangmai", "chonburi"]),
        ("?domain=governance", []),
        ("?region=south", ["phuket"]),
        ("?region=northeast", ["khonkaen"]),
        ("?region=east", ["chonburi"]),
        ("?province=50", ["chiangmai"]),
        ("?province=10", []),
        ("?designation=promotion_zone", ["chonburi"]),
        ("?designation=smart_city", ["khonkaen", "phuket", "chiangmai"]),
        ("?year={last}", ["chiangmai"]),
        ("?year={last_be}", ["chiangmai"]),
        ("?year={this}&designation=smart_city", ["khonkaen", "phuket"]),
        ("?domain=environment&region=north", ["chiangmai"]),
    ],
)
def test_the_filters_filter_the_list_and_the_downloads(client, cities, query, expected):
    query = query.format(last=LAST_YEAR.year, last_be=LAST_YEAR.year + 543, this=TODAY.year)
    numbers = {cities[name].number for name in expected}
    assert set(listed(client, query)) == numbers
    assert {row["number"] for row in data(client, query)} == numbers
    assert client.get(f"/registry/data.json{query}").json()["count"] == len(numbers)
    rows = list(csv.DictReader(io.StringIO(client.get(f"/registry/data.csv{query}").content.decode("utf-8-sig"))))
    assert {row["number"] for row in rows} == numbers
    features = client.get(f"/registry/data.geojson{query}").json()["features"]
    assert {feature["properties"]["number"] for feature in features} == numbers
    api = client.get(f"/api/v1/public/registry{query}")
    assert {row["number"] for row in api.json()["certificates"]} == numbers
    # The map loads the same selection.
    page = html_lib.unescape(client.get(f"/registry/{query}").content.decode())
    assert re.search(r'data-url="/registry/data\.geojson(\?[^"]*)?"', page)


def test_an_invalid_filter_is_named_and_ignored_on_the_page_refused_by_the_downloads(client, cities):
    response = client.get("/registry/?domain=teleportation&region=south")
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
    assert set(listed(client, "?domain=teleportation&region=south")) == {cities["phuket"].number}
    for fmt in ("csv", "json", "geojson"):
        refused = client.get(f"/registry/data.{fmt}?year=abc")
        assert refused.status_code == 400 and "year" in refused.content.decode()
    problem = client.get("/api/v1/public/registry?province=99")
    assert problem.status_code == 422 and problem.json()["field"] == "province"


def test_the_counts_per_designation_domain_region_and_year(client, cities):
    from smartcity.registry.selectors import RegistryFilter, counts, registry_entries

    domains = ["environment", "mobility", "living", "people", "energy", "economy", "governance"]
    result = counts(registry_entries(RegistryFilter()), domains)
    assert (result.total, result.current) == (4, 4)
    assert dict(result.by_designation) == {"smart_city": 3, "promotion_zone": 1}
    assert dict(result.by_domain) == {
        "environment": 4,
        "mobility": 1,
        "living": 1,
        "people": 1,
        "energy": 1,
        "economy": 1,
        "governance": 0,
    }
    assert dict(result.by_region) == {"north": 1, "northeast": 1, "central": 0, "east": 1, "south": 1}
    assert dict(result.by_year) == {LAST_YEAR.year: 1, TODAY.year: 3}
    page = client.get("/registry/?region=south").content.decode()
    section = page[page.index('id="counts-title"') :]
    assert re.search(r"ภาคใต้</th><td>1</td>", section) and re.search(r"ภาคเหนือ</th><td>0</td>", section)
    assert re.search(rf"{TODAY.year + 543}</th><td>1</td>", section)


def test_thailands_outline_is_public(client):
    response = client.get("/registry/thailand.geojson")
    assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
    assert response.json()["type"] == "MultiPolygon"


# --- the city page -------------------------------------------------------------------------------------------


def test_the_city_page(client, cities):
    khonkaen = cities["khonkaen"]
    response = client.get(f"/registry/{khonkaen.number}/")
    assert response.status_code == 200
    page = html_lib.unescape(response.content.decode())
    assert "<h1>ขอนแก่นเมืองอัจฉริยะ</h1>" in page
    assert khonkaen.organization.name_th in page
    assert "ขอนแก่น (ภาคตะวันออกเฉียงเหนือ)" in page
    assert format_date(khonkaen.expires_on, "th") in page and format_date(khonkaen.issued_on, "th") in page
    assert thai(CertificateStatus.VALID.label) in page
    assert f'href="/verify/{khonkaen.number}/"' in page
    # The certified domains with their logos (static files made elsewhere; a missing one breaks nothing).
    assert '<img src="/static/certification/logos/environment.svg"' in page
    assert '<img src="/static/certification/logos/mobility.svg"' in page
    assert "/static/certification/logos/energy.svg" not in page
    # The plan's goals and services, grouped by domain.
    plan = page[page.index('id="plan-title"') :]
    environment, mobility = plan.index('id="plan-environment"'), plan.index('id="plan-mobility"')
    assert environment < plan.index("เป้าหมาย environment") < plan.index("บริการ environment") < mobility
    assert mobility < plan.index("เป้าหมาย mobility") < plan.index("บริการ mobility")
    # The area, for the map, inline.
    area = json.loads(re.search(r'<script id="city-area" type="application/json">(.*?)</script>', page).group(1))
    assert area["geometry"] == khonkaen.area and area["properties"]["designation"] == "smart_city"


def test_a_suspended_citys_page_says_so_with_the_reason(client, cities):
    number = cities["phuket"].number
    services.suspend_certificate(actor=cities["secretariat"], number=number, reason="รายงานล่าช้า")
    invalidate_registry()
    page = client.get(f"/registry/{number}/").content.decode()
    assert thai(CertificateStatus.SUSPENDED.label) in page and "รายงานล่าช้า" in page


def test_a_revoked_citys_page_sends_to_the_verification_page(client, cities):
    number = cities["phuket"].number
    services.revoke_certificate(actor=cities["secretariat"], number=number, reason="ไม่ดำเนินการตามแผน")
    invalidate_registry()
    response = client.get(f"/registry/{number}/")
    assert response.status_code == 302 and response["Location"] == f"/verify/{number}/"


@pytest.mark.parametrize("number", ["SCT-2569-9999", "NOPE", "..", "SCT-2569-0001-1"])
def test_an_unknown_city_page_leaks_nothing(client, cities, number):
    response = client.get(f"/registry/{number}/", follow=True)
    assert response.status_code == 404
    page = response.content.decode().replace(f"/registry/{number}/", "")
    assert "ภูเก็ต" not in page and cities["khonkaen"].number not in page


# --- downloads -----------------------------------------------------------------------------------------------


def test_the_csv_opens_in_excel_with_thai_and_lists_every_field(client, cities):
    response = client.get("/registry/data.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert 'filename="smartcity-registry.csv"' in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert client.head("/registry/data.csv").status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0].keys()) == FIELDS
    phuket = next(row for row in rows if row["number"] == cities["phuket"].number)
    assert phuket["city_name_th"] == "ภูเก็ตเมืองอัจฉริยะ" and phuket["city_name_en"] == "Phuket Smart City"
    assert (phuket["province_code"], phuket["province_th"], phuket["province_en"]) == ("83", "ภูเก็ต", "Phuket")
    assert (phuket["region"], phuket["region_th"], phuket["region_en"]) == ("south", "ภาคใต้", "South")
    assert phuket["domains"] == "environment;living;economy"
    assert phuket["designation"] == "smart_city" and phuket["status"] == "valid"
    assert phuket["url"] == f"http://127.0.0.1:8000/registry/{cities['phuket'].number}/"
    assert phuket["verify_url"] == f"http://127.0.0.1:8000/verify/{cities['phuket'].number}/"


def test_a_formula_in_a_name_is_not_a_formula_in_the_csv(client, cities):
    Certificate.objects.filter(pk=cities["phuket"].pk).update(city_name_en='=HYPERLINK("http://x")')
    invalidate_registry()
    rows = list(csv.DictReader(io.StringIO(client.get("/registry/data.csv").content.decode("utf-8-sig"))))
    phuket = next(row for row in rows if row["number"] == cities["phuket"].number)
    assert phuket["city_name_en"] == '\'=HYPERLINK("http://x")'


def test_the_geojson_is_a_feature_collection_of_the_areas(client, cities):
    response = client.get("/registry/data.geojson")
    assert response["Content-Type"] == "application/geo+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    collection = response.json()
    assert collection["type"] == "FeatureCollection" and collection["count"] == 4
    assert collection["licence"]["name"] == "CC BY 4.0"
    feature = next(f for f in collection["features"] if f["id"] == cities["chiangmai"].number)
    assert feature["geometry"]["type"] == "MultiPolygon"
    assert feature["geometry"] == cities["chiangmai"].area
    assert feature["properties"]["region"] == "north" and feature["properties"]["domains"] == ["environment", "people"]
    assert set(feature["properties"]) == set(FIELDS)


def test_the_json_names_its_filters_and_licence(client, cities):
    body = client.get("/registry/data.json?region=south&year=" + str(TODAY.year + 543)).json()
    assert body["filters"] == {"region": "south", "year": str(TODAY.year)}
    assert body["generated_on"] == TODAY.isoformat()
    assert body["licence"] == {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    assert [row["number"] for row in body["certificates"]] == [cities["phuket"].number]
    assert set(body["certificates"][0]) == set(FIELDS)


def test_downloads_are_cached_and_fresh_after_a_revocation(client, cities, django_capture_on_commit_callbacks):
    phuket = cities["phuket"].number
    assert phuket in {row["number"] for row in data(client)}
    # Cached: a change made around the services is not seen…
    Certificate.objects.filter(number=phuket).update(city_name_en="Changed behind the registry's back")
    assert "Changed behind the registry's back" not in client.get("/registry/data.json").content.decode()
    # …but a revocation through the service bumps the registry's version when it commits.
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_certificate(actor=cities["secretariat"], number=phuket, reason="ไม่ดำเนินการตามแผน")
    assert phuket not in {row["number"] for row in data(client)}
    assert phuket not in client.get("/registry/data.csv").content.decode()
    assert phuket not in listed(client)
    assert client.get(f"/registry/{phuket}/").status_code == 302
    assert phuket not in {row["number"] for row in client.get("/api/v1/public/registry").json()["certificates"]}


# --- language and navigation ---------------------------------------------------------------------------------


def test_the_registry_and_city_page_in_english(client, cities):
    client.post("/i18n/setlang/", {"language": "en", "next": "/registry/"})
    page = html_lib.unescape(client.get("/registry/").content.decode())
    assert '<html lang="en">' in page
    assert "Phuket Smart City" in page and "Phuket" in page and "South" in page and "Smart Economy" in page
    assert "Registry of smart cities" in page
    assert re.search(rf"{TODAY.year}</th><td>3</td>", page)
    city = html_lib.unescape(client.get(f"/registry/{cities['khonkaen'].number}/").content.decode())
    assert "<h1>Khon Kaen Smart City</h1>" in city
    assert format_date(cities["khonkaen"].expires_on, "en") in city and "Khon Kaen (Northeast)" in city


def test_the_registry_and_verification_are_in_the_main_navigation_signed_out(client):
    page = client.get("/").content.decode()
    nav = page[page.index('<nav class="main"') : page.index("</nav>")]
    assert 'href="/registry/"' in nav and 'href="/verify/"' in nav
    content = page[page.index("<main") :]
    assert 'href="/registry/"' in content
