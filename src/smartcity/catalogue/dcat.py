"""DCAT-AP 3 with rdflib, built from the stored CKAN records (one query for a page of any size).

The referenced vocabulary terms (themes, frequencies, file types, media types, licences, access rights) are
described in the same graph with their types and labels, so that a harvester's SHACL validation finds what the
DCAT-AP shapes require without fetching the vocabularies (ckanext-dcat leaves these out and lives with two
known SHACL messages).
"""

from __future__ import annotations

import json

from django.conf import settings
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, SKOS, XMLNS, XSD

from .vocabularies import DOMAIN_THEMES, EU_FILE_TYPE, EU_FREQUENCY, EU_THEME, IANA_MEDIA_TYPE, file_format

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
GSP = Namespace("http://www.opengis.net/ont/geosparql#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right/"
LANGUAGE = "http://publications.europa.eu/resource/authority/language/"

EU_THEME_LABELS = {
    "ENVI": "Environment",
    "TRAN": "Transport",
    "HEAL": "Health",
    "SOCI": "Population and society",
    "EDUC": "Education, culture and sport",
    "ENER": "Energy",
    "ECON": "Economy and finance",
    "GOVE": "Government and public sector",
}


# Every namespace whose terms the feeds use as predicates or classes: the one prefix header of an assembled page
# (dcat_pages.py) declares exactly these.
PREFIXES = {
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "skos": str(SKOS),
    "vcard": str(VCARD),
    "spdx": str(SPDX),
    "hydra": str(HYDRA),
    "gsp": str(GSP),
    "dcatap": str(DCATAP),
}


def new_graph() -> Graph:
    graph = Graph(bind_namespaces="none")  # rdflib's two dozen defaults would crowd every header
    graph.bind("xml", XMLNS)  # RDF/XML's xml:lang needs it bound, and XML declares it itself
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, Namespace(namespace))
    return graph


def site(path: str) -> URIRef:
    return URIRef(settings.SITE_URL + path)


def dataset_uri(record: dict, base: str | None = None) -> URIRef:
    """The dataset's IRI; ``base`` (settings.SITE_URL) read once by a caller naming a thousand of them."""
    return URIRef(f"{base or settings.SITE_URL}/dataset/{record['id']}")


def _texts(graph: Graph, subject, predicate, translated: dict) -> None:
    for lang in ("th", "en"):
        if translated.get(lang):
            graph.add((subject, predicate, Literal(translated[lang], lang=lang)))


def _concept(graph: Graph, uri: URIRef, scheme: URIRef, labels: dict[str, str], kind=SKOS.Concept) -> URIRef:
    graph.add((uri, RDF.type, kind))
    graph.add((uri, RDF.type, SKOS.Concept))
    graph.add((uri, SKOS.inScheme, scheme))
    for lang, label in labels.items():
        graph.add((uri, SKOS.prefLabel, Literal(label, lang=lang)))
    return uri


def _scheme(graph: Graph, uri: URIRef, title: str) -> URIRef:
    graph.add((uri, RDF.type, SKOS.ConceptScheme))
    graph.add((uri, DCTERMS.title, Literal(title, lang="en")))
    return uri


def _themes(graph: Graph, subject: URIRef, record: dict) -> None:
    eu_scheme = _scheme(graph, URIRef(EU_THEME.rstrip("/")), "Data Theme")
    own_scheme = _scheme(graph, site("/catalogue/themes"), "Smart City Thailand domains")
    for group in record["groups"]:
        concept = site(f"/catalogue/themes/{group['name']}")
        _concept(graph, concept, own_scheme, {"th": group["title"], "en": group["name"]})
        graph.add((subject, DCAT.theme, concept))
        for code in DOMAIN_THEMES.get(group["name"], ()):
            eu = _concept(graph, URIRef(EU_THEME + code), eu_scheme, {"en": EU_THEME_LABELS[code]})
            graph.add((concept, SKOS.closeMatch, eu))
            graph.add((subject, DCAT.theme, eu))


def _publisher(graph: Graph, organization: dict) -> URIRef:
    uri = site(f"/organization/{organization['id']}")
    graph.add((uri, RDF.type, FOAF.Agent))
    graph.add((uri, RDF.type, FOAF.Organization))
    _texts(graph, uri, FOAF.name, organization["title_translated"])
    return uri


def _contact(graph: Graph, subject: URIRef, record: dict) -> None:
    name = record.get("maintainer") or record["organization"]["title"]
    contact = BNode()
    graph.add((subject, DCAT.contactPoint, contact))
    graph.add((contact, RDF.type, VCARD.Kind))
    graph.add((contact, VCARD.fn, Literal(name)))
    if record.get("maintainer_email"):
        graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{record['maintainer_email']}")))


def _coverage(graph: Graph, subject: URIRef, record: dict) -> None:
    if record.get("temporal_start") or record.get("temporal_end"):
        period = BNode()
        graph.add((subject, DCTERMS.temporal, period))
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        for key, predicate in (("temporal_start", DCAT.startDate), ("temporal_end", DCAT.endDate)):
            if record.get(key):
                graph.add((period, predicate, Literal(record[key], datatype=XSD.date)))
    if record.get("spatial"):
        location = BNode()
        graph.add((subject, DCTERMS.spatial, location))
        graph.add((location, RDF.type, DCTERMS.Location))
        graph.add((location, DCAT.bbox, Literal(_bbox_wkt(record["spatial"]), datatype=GSP.wktLiteral)))


def _bbox_wkt(spatial: str) -> str:
    from shapely.geometry import shape

    minx, miny, maxx, maxy = shape(json.loads(spatial)).bounds
    return f"POLYGON(({minx} {miny},{maxx} {miny},{maxx} {maxy},{minx} {maxy},{minx} {miny}))"


def _licence(graph: Graph, record: dict) -> URIRef | None:
    if not record.get("license_url"):
        return None
    uri = URIRef(record["license_url"])
    graph.add((uri, RDF.type, DCTERMS.LicenseDocument))
    graph.add((uri, DCTERMS.title, Literal(record["license_title"], lang="en")))
    return uri


def _distribution(graph: Graph, record: dict, resource: dict, licence: URIRef | None) -> URIRef:
    uri = site(f"/dataset/{record['id']}/resource/{resource['id']}")
    graph.add((uri, RDF.type, DCAT.Distribution))
    graph.add((uri, DCTERMS.identifier, Literal(resource["id"])))
    _texts(graph, uri, DCTERMS.title, resource["name_translated"])
    _texts(graph, uri, DCTERMS.description, resource["description_translated"])
    url = URIRef(resource["url"])
    graph.add((url, RDF.type, RDFS.Resource))
    graph.add((uri, DCAT.accessURL, url))
    if resource["url_type"] in ("upload", "live"):
        graph.add((uri, DCAT.downloadURL, url))
    fmt = file_format(resource["format"])
    if fmt is not None:
        file_type = URIRef(EU_FILE_TYPE + fmt.eu_file_type)
        graph.add((file_type, RDF.type, DCTERMS.MediaTypeOrExtent))
        graph.add((uri, DCTERMS["format"], file_type))
        media = URIRef(IANA_MEDIA_TYPE + fmt.media_type)
        graph.add((media, RDF.type, DCTERMS.MediaType))
        graph.add((uri, DCAT.mediaType, media))
    if resource.get("size"):
        graph.add((uri, DCAT.byteSize, Literal(resource["size"], datatype=XSD.nonNegativeInteger)))
    if resource.get("hash", "").startswith("sha256:"):
        checksum = BNode()
        graph.add((uri, SPDX.checksum, checksum))
        graph.add((checksum, RDF.type, SPDX.Checksum))
        graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        graph.add((SPDX.checksumAlgorithm_sha256, RDF.type, SPDX.ChecksumAlgorithm))
        graph.add((checksum, SPDX.checksumValue, Literal(resource["hash"][7:], datatype=XSD.hexBinary)))
    if licence is not None:
        graph.add((uri, DCTERMS.license, licence))
    graph.add((uri, DCTERMS.modified, Literal(resource["last_modified"] + "Z", datatype=XSD.dateTime)))
    return uri


def add_dataset(graph: Graph, record: dict) -> URIRef:
    """The dataset, its distributions and the terms they use, from its CKAN record."""
    uri = dataset_uri(record)
    graph.add((uri, RDF.type, DCAT.Dataset))
    graph.add((uri, DCTERMS.identifier, Literal(record["id"])))
    _texts(graph, uri, DCTERMS.title, record["title_translated"])
    # A description is mandatory in DCAT-AP: the title stands in for a dataset that has none yet.
    notes = record["notes_translated"] if any(record["notes_translated"].values()) else record["title_translated"]
    _texts(graph, uri, DCTERMS.description, notes)
    for tag in record["tags"]:
        graph.add((uri, DCAT.keyword, Literal(tag["name"])))
    _themes(graph, uri, record)
    graph.add((uri, DCTERMS.publisher, _publisher(graph, record["organization"])))
    _contact(graph, uri, record)
    graph.add((uri, DCTERMS.issued, Literal(record["metadata_created"] + "Z", datatype=XSD.dateTime)))
    graph.add((uri, DCTERMS.modified, Literal(record["metadata_modified"] + "Z", datatype=XSD.dateTime)))
    frequency = URIRef(EU_FREQUENCY + record["frequency"])
    graph.add((frequency, RDF.type, DCTERMS.Frequency))
    graph.add((uri, DCTERMS.accrualPeriodicity, frequency))
    access = URIRef(ACCESS_RIGHT + ("NON_PUBLIC" if record["private"] else "PUBLIC"))
    graph.add((access, RDF.type, DCTERMS.RightsStatement))
    graph.add((uri, DCTERMS.accessRights, access))
    _coverage(graph, uri, record)
    landing = URIRef(record["url"])
    graph.add((landing, RDF.type, FOAF.Document))
    graph.add((uri, DCAT.landingPage, landing))
    if record.get("version"):
        graph.add((uri, OWL.versionInfo, Literal(record["version"])))
    licence = _licence(graph, record)
    for resource in record["resources"]:
        graph.add((uri, DCAT.distribution, _distribution(graph, record, resource, licence)))
    return uri


def catalog_uri() -> URIRef:
    return site("/catalog")


def add_catalog(graph: Graph, dataset_uris: list[URIRef]) -> URIRef:
    uri = catalog_uri()
    graph.add((uri, RDF.type, DCAT.Catalog))
    graph.add((uri, DCTERMS.title, Literal("แคตตาล็อกข้อมูลเปิดเมืองอัจฉริยะประเทศไทย", lang="th")))
    graph.add((uri, DCTERMS.title, Literal("Smart City Thailand open data catalogue", lang="en")))
    graph.add((uri, DCTERMS.description, Literal("ชุดข้อมูลเปิดของเมืองอัจฉริยะในประเทศไทย", lang="th")))
    graph.add((uri, DCTERMS.description, Literal("Open datasets of Thailand's smart cities.", lang="en")))
    publisher = site("/organization/platform")
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(settings.CATALOGUE_PUBLISHER_TH, lang="th")))
    graph.add((publisher, FOAF.name, Literal(settings.CATALOGUE_PUBLISHER_EN, lang="en")))
    graph.add((uri, DCTERMS.publisher, publisher))
    homepage = site("/catalogue/")
    graph.add((homepage, RDF.type, FOAF.Document))
    graph.add((uri, FOAF.homepage, homepage))
    for code in ("THA", "ENG"):
        language = URIRef(LANGUAGE + code)
        graph.add((language, RDF.type, DCTERMS.LinguisticSystem))
        graph.add((uri, DCTERMS.language, language))
    graph.add((uri, DCAT.themeTaxonomy, _scheme(graph, URIRef(EU_THEME.rstrip("/")), "Data Theme")))
    graph.add((uri, DCAT.themeTaxonomy, _scheme(graph, site("/catalogue/themes"), "Smart City Thailand domains")))
    for dataset in dataset_uris:
        graph.add((uri, DCAT.dataset, dataset))
    return uri


def add_paging(graph: Graph, page_url, page: int, per_page: int, total: int) -> None:
    """Hydra paging as ckanext-dcat writes it, so harvesters that follow hydra:nextPage read every page."""
    last = max(1, -(-total // per_page))
    here = URIRef(page_url(page))
    graph.add((here, RDF.type, HYDRA.PagedCollection))
    graph.add((here, HYDRA.totalItems, Literal(total, datatype=XSD.integer)))
    graph.add((here, HYDRA.itemsPerPage, Literal(per_page, datatype=XSD.integer)))
    graph.add((here, HYDRA.firstPage, Literal(page_url(1))))
    graph.add((here, HYDRA.lastPage, Literal(page_url(last))))
    if page < last:
        graph.add((here, HYDRA.nextPage, Literal(page_url(page + 1))))
    if page > 1:
        graph.add((here, HYDRA.previousPage, Literal(page_url(page - 1))))


FORMATS = {
    "ttl": ("turtle", "text/turtle"),
    "jsonld": ("json-ld", "application/ld+json"),
    "rdf": ("xml", "application/rdf+xml"),
    "xml": ("xml", "application/rdf+xml"),
}
