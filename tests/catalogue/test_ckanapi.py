"""ckanapi, the CKAN project's own client, works unchanged against a running server: its Python API and its
command line (action, search, dump, load), including the round trip dump → load into an empty organisation → dump."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from ckanapi import NotAuthorized, NotFound, RemoteCKAN, ValidationError

from smartcity.accounts.services import create_api_token
from smartcity.catalogue.publishers import publisher_for
from tests.catalogue.conftest import package
from tests.factories import MembershipFactory, OrganizationFactory, staff_user

BIN = Path(sys.executable).parent
VOLATILE = {
    "author",
    "metadata_created",
    "metadata_modified",
    "created",
    "last_modified",
    "owner_org",
    "organization",
    "url",
}


def cli(*args: str, stdin: bytes | None = None) -> bytes:
    env = {**os.environ, "PATH": f"{BIN}:{os.environ.get('PATH', '')}"}
    done = subprocess.run([str(BIN / "ckanapi"), *args], input=stdin, capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return done.stdout


@pytest.fixture
def site(audit_flushable, live_server, seeded_rules, settings):
    settings.SITE_URL = live_server.url  # the stored records' absolute links point at this server
    city = OrganizationFactory(name_th="เทศบาลนครภูเก็ต", name_en="Phuket City Municipality")
    editor = MembershipFactory(organization=city, role="editor").user
    stranger = MembershipFactory(role="admin").user
    return {
        "url": live_server.url,
        "owner": publisher_for(city).name,
        "city": city,
        "editor": editor,
        "token": create_api_token(actor=editor, name="ckanapi")[1],
        "stranger_token": create_api_token(actor=stranger, name="other")[1],
    }


def _live(owner: str, name: str) -> dict:
    return package(
        name,
        owner,
        resources=[
            {"name": "ลิงก์", "url": "https://opendata.phuket.example/a.csv", "format": "CSV"},
            {"name": "แผน", "url_type": "live", "live_kind": "plan-goals", "live_params": {}},
        ],
    )


def test_python_api_writes_reads_and_refuses(site, tmp_path):
    remote = RemoteCKAN(site["url"], apikey=site["token"])
    remote.action.package_create(**_live(site["owner"], "air-quality"))
    csv_file = tmp_path / "stations.csv"
    csv_file.write_text("สถานี,PM2.5\nป่าตอง,31\nกะทู้,18\n", encoding="utf-8")
    with csv_file.open("rb") as handle:
        resource = remote.action.resource_create(package_id="air-quality", name="ตาราง", upload=handle)
    assert (
        resource["url_type"] == "upload" and resource["format"] == "CSV" and resource["size"] == csv_file.stat().st_size
    )
    public = RemoteCKAN(site["url"])
    found = public.action.package_search(q="คุณภาพอากาศ", fq="res_format:CSV", **{"facet.field": ["res_format"]})
    assert found["count"] == 1 and found["facets"]["res_format"] == {"CSV": 1}
    assert requests.get(resource["url"], timeout=10).content.decode("utf-8") == csv_file.read_text(encoding="utf-8")
    with pytest.raises(NotAuthorized):
        RemoteCKAN(site["url"], apikey=site["stranger_token"]).action.package_patch(id="air-quality", title="x")
    with pytest.raises(ValidationError) as refused:
        remote.action.package_create(**_live(site["owner"], "คุณภาพอากาศ"))
    assert "name" in refused.value.error_dict
    with pytest.raises(NotFound):
        public.action.package_show(id="no-such-dataset")
    assert public.action.package_show(id="air-quality")["title"] == "คุณภาพอากาศรายชั่วโมงเมืองภูเก็ต"


def _normalised(lines: bytes) -> list[dict]:
    records = [json.loads(line) for line in lines.decode("utf-8").splitlines() if line.strip()]
    for record in records:
        for key in VOLATILE:
            record.pop(key, None)
        for resource in record["resources"]:
            for key in VOLATILE | {"metadata_modified"}:
                resource.pop(key, None)
    return sorted(records, key=lambda r: r["name"])


def test_cli_search_dump_load_round_trip(site, tmp_path):
    remote = RemoteCKAN(site["url"], apikey=site["token"])
    for name in ("air-quality", "bus-stops", "parking"):
        remote.action.package_create(**_live(site["owner"], name))
    found = cli("search", "datasets", "q=ภูเก็ต", "-r", site["url"])
    assert len(found.splitlines()) == 3
    action = json.loads(
        cli("action", "package_search", "fq=organization:" + site["owner"], "rows:1", "-r", site["url"])
    )
    assert action["count"] == 3 and len(action["results"]) == 1

    first = cli("dump", "datasets", "--all", "-q", "-r", site["url"])
    assert len(first.splitlines()) == 3
    for name in ("air-quality", "bus-stops", "parking"):
        remote.action.dataset_purge(id=name)
    empty = OrganizationFactory(name_th="เทศบาลใหม่", name_en="New Municipality")
    # Keeping the ids is a platform administrator's move (CKAN: a sysadmin's), into an organisation they edit.
    operator = staff_user("platform_admin")
    MembershipFactory(organization=empty, user=operator, role="admin")
    operator_token = create_api_token(actor=operator, name="migration")[1]
    target = publisher_for(empty)
    moved = b"".join(
        json.dumps({**json.loads(line), "owner_org": str(target.id)}).encode() + b"\n" for line in first.splitlines()
    )
    (tmp_path / "in.jsonl").write_bytes(moved)
    cli("load", "datasets", "-I", str(tmp_path / "in.jsonl"), "-q", "-r", site["url"], "-a", operator_token)
    second = cli("dump", "datasets", "--all", "-q", "-r", site["url"])
    assert _normalised(second) == _normalised(first)
    assert {json.loads(line)["organization"]["name"] for line in second.splitlines()} == {target.name}
