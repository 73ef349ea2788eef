"""DCAT pages assembled from serialised fragments (ADR 0005).

rdflib stays the source of truth: every dataset's graph is built by ``dcat.add_dataset`` and serialised by rdflib,
once per write (``index.refresh``), into three fragments kept on the dataset: its Turtle statements, its JSON-LD
nodes and its RDF/XML descriptions, all written against the one set of prefixes ``dcat.PREFIXES``. A page is
then one prefix header, the catalogue's own statements (a small graph serialised per request) and the stored
fragments, concatenated. rdflib's Turtle serializer over a page of 1,000 datasets (~125,000 triples) takes tens of
seconds; concatenation takes milliseconds, and parses to the same graph (a test proves it).

Why the concatenation is sound in each syntax: Turtle allows ``@prefix`` anywhere (a fragment keeps any
declaration the header lacks) and N-Triples-style statements are order-free; JSON-LD node objects with the same
``@id`` merge into one node; RDF/XML descriptions of the same subject add up. Blank-node labels are rdflib's random
ones, so fragments never share a blank node by accident.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from rdflib import Graph

from . import dcat

COLUMNS = {"ttl": "dcat_ttl", "jsonld": "dcat_jsonld", "rdf": "dcat_rdf", "xml": "dcat_rdf"}
_XMLNS = re.compile(r'xmlns:([A-Za-z_][\w.-]*)="([^"]*)"')
_TURTLE_PREFIXES = [f"@prefix {prefix}: <{uri}> .\n" for prefix, uri in dcat.PREFIXES.items()]
TURTLE_HEADER = "".join(_TURTLE_PREFIXES)
XML_HEADER = (
    '<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF\n'
    + "".join(f'  xmlns:{prefix}="{uri}"\n' for prefix, uri in dcat.PREFIXES.items())
    + ">\n"
)
CONTEXT_JSON = json.dumps(dcat.PREFIXES, separators=(",", ":"))


def _turtle(graph: Graph) -> str:
    text = graph.serialize(format="turtle")
    lines = text.splitlines(keepends=True)
    declared = 0
    while declared < len(lines) and lines[declared].startswith("@prefix "):
        declared += 1
    # A declaration the header lacks stays with the fragment (Turtle allows @prefix anywhere).
    extra = [line for line in lines[:declared] if line not in _TURTLE_PREFIXES]
    return "".join(extra) + "".join(lines[declared:]).strip() + "\n"


def _rdf_xml(graph: Graph, writer: str = "pretty-xml") -> str:
    text = graph.serialize(format=writer)
    start = text.index("<rdf:RDF")
    end = text.index(">", start)
    declared = dict(_XMLNS.findall(text[start:end]))
    unknown = {prefix: uri for prefix, uri in declared.items() if dcat.PREFIXES.get(prefix) != uri}
    if unknown:
        # Predicates and classes come from code, never from data: a new vocabulary belongs in dcat.PREFIXES.
        raise RuntimeError(f"DCAT terms outside dcat.PREFIXES: {unknown}")
    body = text[end + 1 : text.rindex("</rdf:RDF>")]
    return body.strip("\n") + "\n"


def _json_ld(graph: Graph) -> str:
    data = json.loads(graph.serialize(format="json-ld", context=dcat.PREFIXES))
    nodes = data.get("@graph", [{k: v for k, v in data.items() if k != "@context"}])
    return ",".join(json.dumps(node, ensure_ascii=False, separators=(",", ":")) for node in nodes)


SERIALISERS = {"ttl": _turtle, "jsonld": _json_ld, "rdf": _rdf_xml, "xml": _rdf_xml}


def fragment(graph: Graph, fmt: str) -> str:
    """The graph serialised by rdflib in the syntax of ``fmt``, without its header."""
    return SERIALISERS[fmt](graph)


# For the catalogue's own statements, mostly a thousand ``dcat:dataset`` links: rdflib's plain writers, several
# times faster there than its pretty ones (N-Triples is Turtle too).
_PLAIN = {
    "ttl": lambda graph: graph.serialize(format="nt"),
    "jsonld": _json_ld,
    "rdf": lambda graph: _rdf_xml(graph, "xml"),
    "xml": lambda graph: _rdf_xml(graph, "xml"),
}


def plain_fragment(graph: Graph, fmt: str) -> str:
    """Like ``fragment``, written flat (subject by subject, no nesting, no prefixed names in Turtle)."""
    return _PLAIN[fmt](graph)


def dataset_fragments(record: dict) -> dict[str, str]:
    """What ``index.refresh`` stores on a dataset: column name → its fragment in that syntax."""
    graph = dcat.new_graph()
    dcat.add_dataset(graph, record)
    return {COLUMNS[fmt]: fragment(graph, fmt) for fmt in ("ttl", "jsonld", "rdf")}


def document(fmt: str, parts: Iterable[str]) -> str:
    """One document: the header, then the fragments."""
    if fmt == "ttl":
        return TURTLE_HEADER + "\n" + "\n".join(parts)
    if fmt == "jsonld":
        return '{"@context":' + CONTEXT_JSON + ',"@graph":[' + ",".join(part for part in parts if part) + "]}"
    return XML_HEADER + "".join(parts) + "</rdf:RDF>\n"
