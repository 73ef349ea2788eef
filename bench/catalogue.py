"""Benchmark: the open-data catalogue at 10,000 datasets with 5 resources each (issue 15's figures).

Run with `DATABASE_URL=postgres://… make bench-catalogue` (PostgreSQL; the figures of record are on it). It seeds
the catalogue into that database once (bulk inserts of what the services would store: CKAN records, DCAT
fragments, search words), then measures in-process through Django's test client (server time: middleware, view,
SQL, encoding), each figure beside a reference taken in the same run:

- package_search rows=1000 vs. a raw SQL read of the same 1,000 stored records; queries for rows=10 and rows=1000;
- a Thai query with five facets vs. the bare package_show;
- the DCAT catalogue page of 1,000 datasets in Turtle, JSON-LD and RDF/XML vs. a raw SQL read of the same 1,000
  stored fragments, and once vs. rdflib serialising the page's whole graph (the way before fragments);
- `ckanapi dump datasets --all` as the server sees it (package_list, then package_show per name): the largest
  Python memory any one of those requests allocated while being served, for each of BENCH_DUMP_SIZES datasets.
"""

from __future__ import annotations

import json
import os
import platform
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings")
os.environ.setdefault("SMARTCITY_SECRET_KEY", "bench-only-secret-key")
os.environ.setdefault("SMARTCITY_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

N_DATASETS = int(os.environ.get("BENCH_DATASETS", "10000"))
# How many datasets the two measured dumps serve (the second at full size by default: several minutes).
DUMP_SIZES = [int(n) for n in os.environ.get("BENCH_DUMP_SIZES", "300,3000").split(",")]
WORDS = ["คุณภาพอากาศ", "ที่จอดรถ", "นักท่องเที่ยว", "ขยะมูลฝอย", "น้ำประปา", "ไฟฟ้า", "ผู้โดยสาร", "งบประมาณ", "โรงเรียน"]
PLACES = ["ภูเก็ต", "เชียงใหม่", "ขอนแก่น", "หาดใหญ่", "นครราชสีมา"]


def seed() -> None:
    from smartcity.accounts.models import Organization
    from smartcity.catalogue.dcat_pages import dataset_fragments
    from smartcity.catalogue.models import Dataset, DatasetToken, Resource, Tag
    from smartcity.catalogue.packages import openness, package_record
    from smartcity.catalogue.publishers import publisher_for
    from smartcity.catalogue.text import weighted_words
    from smartcity.program.models import Domain

    if Dataset.objects.count() >= N_DATASETS:
        return add_missing_fragments()
    rng = random.Random(15)
    orgs = []
    for index, place in enumerate(PLACES):
        org, _ = Organization.objects.get_or_create(
            name_en=f"Bench {place}",
            defaults={"name_th": f"เทศบาลนคร{place}", "kind": "city_municipality", "province_code": "10"},
        )
        orgs.append((org, publisher_for(org), index))
    domains = list(Domain.objects.all())
    tags = [Tag.objects.get_or_create(name=name)[0] for name in ("air", "ฝุ่น", "traffic", "budget", "open data")]
    for start in range(Dataset.objects.count(), N_DATASETS, 500):
        datasets, resources, tokens, tag_links, theme_links = [], [], [], [], []
        for i in range(start, min(start + 500, N_DATASETS)):
            org, publisher, _ = orgs[i % len(orgs)]
            word, place = rng.choice(WORDS), PLACES[i % len(PLACES)]
            dataset = Dataset(
                name=f"bench-{i:05d}",
                organization=org,
                title_th=f"{word}{place} ชุดที่ {i}",
                title_en=f"Dataset {i}",
                notes_th=f"ข้อมูล{word}ของ{place}",
                private=i % 10 == 0,
                frequency="MONTHLY",
            )
            res = [
                Resource(
                    dataset=dataset,
                    position=p,
                    name_th=f"ไฟล์ {p}",
                    kind="link",
                    url=f"https://data.example/{i}/{p}.csv",
                    format="CSV",
                )
                for p in range(5)
            ]
            theme = domains[i % len(domains)]
            tag = tags[i % len(tags)]
            dataset.created_at = dataset.updated_at = timezone.now()
            for r in res:
                r.created_at = r.updated_at = dataset.updated_at
            dataset.openness = openness(dataset, res)
            record = package_record(dataset, publisher, res, [tag.name], [theme])
            dataset.package_json = json.dumps(record, ensure_ascii=False)
            for column, text in dataset_fragments(record).items():
                setattr(dataset, column, text)
            datasets.append(dataset)
            resources += res
            tag_links.append(Dataset.tags.through(dataset=dataset, tag=tag))
            theme_links.append(Dataset.themes.through(dataset=dataset, domain=theme))
            words = weighted_words((f"{dataset.title_th} {dataset.title_en}", 3), (tag.name, 2), (dataset.notes_th, 1))
            tokens += [DatasetToken(dataset=dataset, token=t, weight=w) for t, w in words.items()]
        Dataset.objects.bulk_create(datasets)
        Resource.objects.bulk_create(resources)
        DatasetToken.objects.bulk_create(tokens)
        Dataset.tags.through.objects.bulk_create(tag_links)
        Dataset.themes.through.objects.bulk_create(theme_links)
        print(f"  seeded {start + len(datasets)} datasets", file=sys.stderr)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")


def add_missing_fragments() -> None:
    """Datasets seeded before the DCAT fragments were kept get them, from the same function the service uses."""
    from smartcity.catalogue.dcat_pages import dataset_fragments
    from smartcity.catalogue.models import Dataset

    while batch := list(Dataset.objects.filter(dcat_ttl="").only("id", "package_json")[:500]):
        for dataset in batch:
            for column, text in dataset_fragments(json.loads(dataset.package_json)).items():
                setattr(dataset, column, text)
        Dataset.objects.bulk_update(batch, ["dcat_ttl", "dcat_jsonld", "dcat_rdf"])
        print(f"  {len(batch)} more datasets with DCAT fragments", file=sys.stderr)


def timed(function, repeat: int = 9, warm: bool = True) -> float:
    if warm:
        function()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def raw_read(column: str, limit: int = 1000) -> str:
    """The reference: the same stored texts read with one SQL statement and joined, nothing else."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM catalogue_dataset WHERE state = 'active' AND NOT private "  # noqa: S608 (a column name of this file)
            "ORDER BY updated_at DESC, name LIMIT %s",
            [limit],
        )
        return ",".join(r[0] for r in cursor.fetchall())


def rdflib_whole_page() -> bytes:
    """The page as it was made before fragments: one rdflib graph of the 1,000 datasets, serialised whole."""
    from smartcity.catalogue import dcat

    graph = dcat.new_graph()
    uris = [dcat.add_dataset(graph, record) for record in json.loads("[" + raw_read("package_json") + "]")]
    dcat.add_catalog(graph, uris)
    return graph.serialize(format="turtle", encoding="utf-8")


def served_peak(client, path: str, params: dict) -> tuple[float, bytes]:
    """Bytes of Python memory allocated at the peak of serving one request, above what was allocated before it;
    a streamed body is read chunk by chunk and dropped, as a client writing it to disk would."""
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    response = client.get(path, params)
    last = b""
    for chunk in response.streaming_content if response.streaming else [response.content]:
        last = chunk[-64:]
    return tracemalloc.get_traced_memory()[1] - before, last


def dump_peak(client, limit: int) -> tuple[float, float]:
    """ckanapi dump's requests for ``limit`` datasets, in MB: the peak of package_list, and the largest peak of
    the package_show requests that follow."""
    from smartcity.catalogue.search import visible

    tracemalloc.start()
    listing = served_peak(client, "/api/3/action/package_list", {"limit": limit})[0]
    # The client's own list of names (ckanapi keeps it) is taken outside the measured requests.
    names = list(visible(None).order_by("name").values_list("name", flat=True)[:limit])
    shows = [served_peak(client, "/api/3/action/package_show", {"id": name})[0] for name in names]
    tracemalloc.stop()
    return listing / 1e6, max(shows) / 1e6


def main() -> None:
    call_command("migrate", verbosity=0)
    seed()
    if os.environ.get("BENCH_SEED_ONLY"):
        return
    client = Client()
    search = lambda **p: client.get("/api/3/action/package_search", p)  # noqa: E731
    rows = [
        (
            "package_search rows=1000",
            timed(lambda: search(rows=1000)),
            "raw SQL read of the same 1,000 records",
            timed(lambda: raw_read("package_json")),
        )
    ]
    counts = {}
    for n in (10, 1000):
        with CaptureQueriesContext(connection) as queries:
            search(rows=n, **{"facet.field": '["organization","tags","res_format"]'})
        counts[n] = len(queries)
    facets = '["organization","groups","tags","res_format","license_id"]'
    rows.append(
        (
            "Thai query `q=คุณภาพอากาศ ภูเก็ต` with 5 facets (rows=10)",
            timed(lambda: search(q="คุณภาพอากาศ ภูเก็ต", **{"facet.field": facets})),
            "bare package_show",
            timed(lambda: client.get("/api/3/action/package_show", {"id": "bench-00001"})),
        )
    )
    settings.CATALOGUE_DCAT_PAGE_SIZE = 1000
    for fmt, column, label in (
        ("ttl", "dcat_ttl", "Turtle"),
        ("jsonld", "dcat_jsonld", "JSON-LD"),
        ("rdf", "dcat_rdf", "RDF/XML"),
    ):
        rows.append(
            (
                f"DCAT catalogue page of 1,000 datasets ({label})",
                timed(lambda fmt=fmt: client.get(f"/catalog.{fmt}"), 5),
                "raw SQL read of the same 1,000 stored fragments",
                timed(lambda column=column: raw_read(column), 5),
            )
        )
    rows.append(
        (
            "(before: rdflib serialising the page's whole graph, Turtle)",
            timed(rdflib_whole_page, 1, warm=False),
            "",
            float("nan"),
        )
    )
    memory = {limit: dump_peak(client, limit) for limit in DUMP_SIZES}
    print(
        f"\n{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{connection.vendor}, {time.strftime('%Y-%m-%d')}, {N_DATASETS} datasets × 5 resources\n"
    )
    print("| measure | median ms | reference | median ms |\n|---|---|---|---|")
    for name, value, ref_name, ref in rows:
        print(f"| {name} | {value:,.1f} | {ref_name} | {ref:,.1f} |")
    print(f"\nQueries per package_search with 3 facets: rows=10 → {counts[10]}, rows=1000 → {counts[1000]}.")
    sizes = "; ".join(f"{n:,} datasets: {a:.2f} MB, {b:.2f} MB" for n, (a, b) in memory.items())
    print(f"Python memory a request of the dump took while served (package_list; largest package_show): {sizes}.")


if __name__ == "__main__":
    main()
