"""DCAT-AP 3: the catalogue and each dataset validate against the official SHACL shapes with no violation at all,
and a harvester reading the paged feed with its own rdflib graph finds every public dataset exactly once."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, RDF

from tests.catalogue.conftest import package

HYDRA_NEXT = URIRef("http://www.w3.org/ns/hydra/core#nextPage")


@pytest.fixture(scope="session")
def shapes():
    path = settings.CONFORMANCE_DIR / "dcat-ap-3" / "dcat-ap-SHACL.ttl"
    assert path.exists(), f"the DCAT-AP 3 SHACL shapes are expected at {path} (SMARTCITY_CONFORMANCE_DIR)"
    return Graph().parse(path, format="turtle")


def violations(data: Graph, shapes: Graph) -> tuple[int, str]:
    from pyshacl import validate

    conforms, report, text = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    count = len(list(report.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#ValidationResult"))))
    return count, text


@pytest.fixture
def published(ckan, owner):
    upload_like = package("air-quality", owner)
    ckan.ok("package_create", upload_like)
    ckan.ok(
        "package_create",
        package(
            "bus-stops",
            owner,
            title_translated={"th": "ป้ายรถโดยสารประจำทาง", "en": ""},
            notes_translated={"th": "", "en": ""},
            tags=[],
            groups=[{"name": "mobility"}, {"name": "living"}],
            temporal_start=None,
            temporal_end=None,
            spatial=None,
            maintainer_email="",
            frequency="IRREG",
            license_id="cc-by",
            resources=[{"name": "geojson", "url": "https://gis.phuket.example/stops.geojson", "format": "GeoJSON"}],
        ),
    )
    ckan.ok("package_create", package("staff-list", owner, private=True, classification="personal"))
    return ["air-quality", "bus-stops"]


@pytest.mark.parametrize("fmt", ["ttl", "jsonld", "rdf"])
def test_the_whole_catalogue_validates_with_no_violation(client, published, shapes, fmt):
    response = client.get(f"/catalog.{fmt}")
    assert response.status_code == 200
    graph = Graph().parse(data=response.content, format={"ttl": "turtle", "jsonld": "json-ld", "rdf": "xml"}[fmt])
    count, text = violations(graph, shapes)
    assert count == 0, text
    datasets = set(graph.objects(None, DCAT.dataset))
    assert len(datasets) == 2


def test_a_dataset_validates_and_negotiates(client, published, shapes):
    response = client.get("/dataset/air-quality", HTTP_ACCEPT="text/turtle")
    assert response["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=response.content, format="turtle")
    count, text = violations(graph, shapes)
    assert count == 0, text
    assert len(list(graph.subjects(RDF.type, DCAT.Dataset))) == 1
    assert client.get("/dataset/air-quality", HTTP_ACCEPT="text/html").status_code == 200
    assert client.get("/dataset/staff-list.ttl").status_code == 404  # private: not revealed


def test_harvest_reads_every_public_dataset_once_by_following_hydra(client, published, settings):
    settings.CATALOGUE_DCAT_PAGE_SIZE = 1
    seen, url, pages = [], f"{settings.SITE_URL}/catalog.ttl?page=1", 0
    while url and pages < 10:
        harvester = Graph()  # the harvester's own graph, as a national portal would keep
        harvester.parse(data=client.get(url.replace(settings.SITE_URL, "")).content, format="turtle")
        seen += [str(s) for s in harvester.subjects(RDF.type, DCAT.Dataset)]
        following = list(harvester.objects(None, HYDRA_NEXT))
        url, pages = (str(following[0]) if following else None), pages + 1
    assert pages == 2
    assert sorted(seen) == sorted(set(seen)) and len(seen) == 2
    assert not any("staff-list" in s for s in seen)


PARSERS = {"ttl": "turtle", "jsonld": "json-ld", "rdf": "xml"}
RDFLIB_WRITERS = {"ttl": "turtle", "jsonld": "json-ld", "rdf": "pretty-xml"}


def rdflib_catalogue(page_url: str, total: int) -> Graph:
    """The page as rdflib would write it whole: every stored record's graph, the catalogue and its paging,
    serialised by rdflib in one go and read back."""
    from smartcity.catalogue import dcat
    from smartcity.catalogue.search import visible

    graph = dcat.new_graph()
    records = visible(None).order_by("-updated_at", "name").values_list("package_json", flat=True)
    uris = [dcat.add_dataset(graph, json.loads(text)) for text in records]
    dcat.add_catalog(graph, uris)
    dcat.add_paging(graph, lambda n: f"{page_url}?page={n}", 1, settings.CATALOGUE_DCAT_PAGE_SIZE, total)
    return graph


@pytest.mark.parametrize("fmt", ["ttl", "jsonld", "rdf"])
def test_the_assembled_page_is_the_graph_rdflib_writes(client, published, fmt):
    from smartcity.catalogue.models import Dataset

    # One dataset stored before fragments were kept: its fragment is serialised on the way out.
    Dataset.objects.filter(name="bus-stops").update(dcat_ttl="", dcat_jsonld="", dcat_rdf="")
    assembled = Graph().parse(data=client.get(f"/catalog.{fmt}").content, format=PARSERS[fmt])
    reference = rdflib_catalogue(f"{settings.SITE_URL}/catalog.{fmt}", total=2)
    written = Graph().parse(data=reference.serialize(format=RDFLIB_WRITERS[fmt]), format=PARSERS[fmt])
    assert len(assembled) == len(written) > 100
    assert isomorphic(assembled, written)
