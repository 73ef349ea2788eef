"""Fixtures of the catalogue tests: two cities with an editor each and their API tokens, and a dataset builder."""

from __future__ import annotations

import json

import pytest

from smartcity.accounts.services import create_api_token
from tests.factories import MembershipFactory, OrganizationFactory

API = "/api/3/action/"


def read_json(response):
    """The JSON body of a response, whole or streamed (package_list streams)."""
    if response.streaming:
        return json.loads(b"".join(response.streaming_content))
    return response.json()


class Ckan:
    """Calls the Action API through Django's test client the way a CKAN client does (JSON body, token header)."""

    def __init__(self, client, token: str = ""):
        self.client, self.token = client, token

    def headers(self) -> dict:
        return {"HTTP_AUTHORIZATION": self.token} if self.token else {}

    def get(self, action: str, **params):
        return self.client.get(API + action, params, **self.headers())

    def post(self, action: str, data: dict | None = None, **extra):
        body = json.dumps(data or {})
        return self.client.post(API + action, body, content_type="application/json", **self.headers(), **extra)

    def ok(self, action: str, data: dict | None = None, method: str = "post"):
        response = self.post(action, data) if method == "post" else self.get(action, **(data or {}))
        assert response.status_code == 200, response.content.decode()[:800]
        body = read_json(response)
        assert body["success"] is True
        return body["result"]

    def error(self, action: str, data: dict | None = None, status: int = 409, method: str = "post") -> dict:
        response = self.post(action, data) if method == "post" else self.get(action, **(data or {}))
        assert response.status_code == status, response.content.decode()[:800]
        body = read_json(response)
        assert body["success"] is False
        return body["error"]


@pytest.fixture
def city(db):
    return OrganizationFactory(
        name_th="เทศบาลนครภูเก็ต", name_en="Phuket City Municipality", province_code="83", district_code="8301"
    )


@pytest.fixture
def other_city(db):
    return OrganizationFactory(name_th="เทศบาลนครขอนแก่น", name_en="Khon Kaen City Municipality")


@pytest.fixture
def editor(city):
    return MembershipFactory(organization=city, role="editor").user


@pytest.fixture
def other_editor(other_city):
    return MembershipFactory(organization=other_city, role="editor").user


@pytest.fixture
def ckan(client, editor):
    return Ckan(client, create_api_token(actor=editor, name="ckan")[1])


@pytest.fixture
def anonymous_ckan(client):
    return Ckan(client)


@pytest.fixture
def other_ckan(client, other_editor):
    return Ckan(client, create_api_token(actor=other_editor, name="ckan")[1])


@pytest.fixture
def owner(city):
    from smartcity.catalogue.publishers import publisher_for

    return publisher_for(city).name


def package(name: str, owner_org: str, **extra) -> dict:
    data = {
        "name": name,
        "title_translated": {"th": "คุณภาพอากาศรายชั่วโมงเมืองภูเก็ต", "en": "Hourly air quality in Phuket"},
        "notes_translated": {"th": "ค่าฝุ่น PM2.5 จากสถานีตรวจวัด", "en": "PM2.5 from the monitoring stations"},
        "owner_org": owner_org,
        "license_id": "dga-ogl-th",
        "private": False,
        "tags": [{"name": "air quality"}, {"name": "ฝุ่น"}],
        "groups": [{"name": "environment"}],
        "frequency": "HOURLY",
        "temporal_start": "2024-01-01",
        "temporal_end": "2024-12-31",
        "maintainer": "กองสาธารณสุข",
        "maintainer_email": "health@phuket.example",
        "spatial": json.dumps({"type": "Point", "coordinates": [98.39, 7.88]}),
        "resources": [
            {
                "name_translated": {"th": "สถานีตรวจวัด", "en": "Stations"},
                "url": "https://opendata.phuket.example/stations.csv",
                "format": "CSV",
            }
        ],
    }
    data.update(extra)
    return data


@pytest.fixture
def audit_flushable(transactional_db):
    """A transactional test on SQLite leaves audit events that its flush cannot DELETE (the append-only trigger
    refuses); clear them first with the trigger lifted for that moment. PostgreSQL's flush truncates instead."""
    yield
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    from importlib import import_module

    triggers = import_module("smartcity.core.migrations.0002_audit_append_only")
    with connection.cursor() as cursor:
        for statement in triggers.SQLITE_DOWN:
            cursor.execute(statement)
        cursor.execute("DELETE FROM core_auditevent")
        for statement in triggers.SQLITE_UP:
            cursor.execute(statement)
