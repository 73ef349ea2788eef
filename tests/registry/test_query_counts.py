"""No query in a loop: the registry's pages, downloads and API list cost the same for 1 city or 5 (cold cache)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.certification.builders import acknowledged
from tests.registry.builders import another_city

pytestmark = pytest.mark.django_db

URLS = [
    "/registry/",
    "/registry/?domain=environment&region=northeast&designation=smart_city",
    "/registry/data.csv",
    "/registry/data.geojson",
    "/registry/data.json?status=current",
    "/api/v1/public/registry",
    "/api/v1/public/registry?province=40",
]


def queries(client, url: str, *, cold: bool = True) -> int:
    if cold:
        cache.clear()  # measure the build, not the cached copy
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.fixture
def khonkaen():
    return acknowledged()[1]


def test_the_registry_downloads_and_api_list_do_not_grow_with_the_cities(client, khonkaen):
    one = {url: queries(client, url) for url in URLS}
    for place in ("phuket", "chiangmai", "bangkok"):
        another_city(khonkaen, place, domains=("environment", "mobility", "economy"))
    another_city(khonkaen, "chonburi", kind="promotion_zone")
    five = {url: queries(client, url) for url in URLS}
    assert five == one
    assert client.get("/registry/data.json").json()["count"] == 5
    # Warm, the cache answers: a few cache reads, no certificate query at all.
    warm = {url: queries(client, url, cold=False) for url in URLS}
    assert all(warm[url] <= one[url] for url in URLS)


def test_the_city_page_does_not_grow_with_the_cities_or_the_plan(client, khonkaen):
    url = f"/registry/{khonkaen.number}/"
    alone = queries(client, url)
    others = [another_city(khonkaen, place) for place in ("phuket", "chiangmai", "bangkok", "chonburi")]
    assert queries(client, url) == alone
    # A bigger plan (more domains, goals and services) costs the same.
    big = another_city(khonkaen, "songkhla", domains=("environment", "mobility", "living", "people", "economy"))
    assert big.proposal.goals.count() == 5 and big.proposal.services.count() == 5
    assert queries(client, f"/registry/{big.number}/") == queries(client, f"/registry/{others[0].number}/") == alone


def test_the_verification_page_does_not_grow_with_the_domains(client, khonkaen):
    url = f"/verify/{khonkaen.number}/?p={khonkaen.payload}"
    client.get(url)
    small = queries(client, url, cold=False)
    big = another_city(khonkaen, "songkhla", domains=("environment", "mobility", "living", "people", "economy"))
    client.get(f"/verify/{big.number}/")
    assert queries(client, f"/verify/{big.number}/?p={big.payload}", cold=False) == small
