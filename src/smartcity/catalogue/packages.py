"""The CKAN shape of our records (``package_show``, ``resource_show``, ``organization_show``, ``group_show``).

``package_record`` is computed once per write and kept on the dataset (``package_json``); readers serve that
text as it is. Times are UTC without an offset, as CKAN writes them.
"""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings
from django.urls import reverse

from .models import Dataset, Publisher, Resource, ResourceKind
from .vocabularies import LICENCES_BY_ID, eu_theme_uris, file_format


def ckan_time(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def resource_url(resource: Resource, dataset: Dataset) -> str:
    if resource.kind == ResourceKind.LINK:
        return resource.url
    if resource.kind == ResourceKind.UPLOAD:
        return absolute(reverse("catalogue:download", args=[dataset.id, resource.id, resource.file_name or "file"]))
    return absolute(reverse("catalogue:live", args=[dataset.id, resource.id]))


def resource_record(resource: Resource, dataset: Dataset) -> dict:
    fmt = file_format(resource.format)
    return {
        "id": str(resource.id),
        "package_id": str(dataset.id),
        "position": resource.position,
        "name": resource.name_th,
        "name_translated": {"th": resource.name_th, "en": resource.name_en},
        "description": resource.description_th,
        "description_translated": {"th": resource.description_th, "en": resource.description_en},
        "url": resource_url(resource, dataset),
        "url_type": {"upload": "upload", "live": "live"}.get(resource.kind, ""),
        "format": resource.format,
        "mimetype": resource.media_type or (fmt.media_type if fmt else None),
        "size": resource.size,
        "hash": f"sha256:{resource.sha256}" if resource.sha256 else "",
        "live_kind": resource.live_kind,
        "live_params": resource.live_params,
        "state": "active",
        "created": ckan_time(resource.created_at),
        "last_modified": ckan_time(resource.updated_at),
        "metadata_modified": ckan_time(resource.updated_at),
    }


def organization_record(publisher: Publisher) -> dict:
    org = publisher.organization
    return {
        "id": str(publisher.id),
        "name": publisher.name,
        "title": org.name_th,
        "title_translated": {"th": org.name_th, "en": org.name_en},
        "display_name": org.name_th,
        "description": "",
        "type": "organization",
        "is_organization": True,
        "state": "active",
        "approval_status": "approved",
        "image_url": "",
        "created": ckan_time(publisher.created_at),
    }


def group_record(domain) -> dict:
    return {
        "id": domain.code,
        "name": domain.code,
        "title": domain.name_th,
        "title_translated": {"th": domain.name_th, "en": domain.name_en},
        "display_name": domain.name_th,
        "description": "",
        "type": "group",
        "is_organization": False,
        "state": "active",
        "approval_status": "approved",
        "image_display_url": "",
        "theme": eu_theme_uris([domain.code]),
    }


def package_record(dataset: Dataset, publisher: Publisher, resources, tags, themes) -> dict:
    licence = LICENCES_BY_ID.get(dataset.license_id)
    return {
        "id": str(dataset.id),
        "name": dataset.name,
        "type": "dataset",
        "title": dataset.title_th,
        "title_translated": {"th": dataset.title_th, "en": dataset.title_en},
        "notes": dataset.notes_th,
        "notes_translated": {"th": dataset.notes_th, "en": dataset.notes_en},
        "owner_org": str(publisher.id),
        "organization": organization_record(publisher),
        "private": dataset.private,
        "state": dataset.state,
        "license_id": dataset.license_id,
        "license_title": licence.title_en if licence else dataset.license_id,
        "license_url": licence.url if licence else "",
        "isopen": bool(licence and licence.open),
        "version": dataset.version,
        "url": absolute(reverse("catalogue:dataset", args=[dataset.name])),
        "author": publisher.organization.name_th,
        "author_email": "",
        "maintainer": dataset.contact_name,
        "maintainer_email": dataset.contact_email,
        "classification": dataset.classification,
        "frequency": dataset.frequency,
        "temporal_start": dataset.temporal_start.isoformat() if dataset.temporal_start else None,
        "temporal_end": dataset.temporal_end.isoformat() if dataset.temporal_end else None,
        "spatial": json.dumps(dataset.spatial, separators=(",", ":")) if dataset.spatial else None,
        "openness_score": dataset.openness,
        "theme": eu_theme_uris(domain.code for domain in themes),
        "tags": [{"name": tag, "display_name": tag, "state": "active", "vocabulary_id": None} for tag in tags],
        "num_tags": len(tags),
        "groups": [_group_brief(domain) for domain in themes],
        "resources": [resource_record(resource, dataset) for resource in resources],
        "num_resources": len(resources),
        "extras": [],
        "metadata_created": ckan_time(dataset.created_at),
        "metadata_modified": ckan_time(dataset.updated_at),
        "creator_user_id": None,
        "relationships_as_object": [],
        "relationships_as_subject": [],
    }


def _group_brief(domain) -> dict:
    return {
        "id": domain.code,
        "name": domain.code,
        "title": domain.name_th,
        "display_name": domain.name_th,
        "description": "",
        "image_display_url": "",
    }


def openness(dataset: Dataset, resources) -> int:
    """Tim Berners-Lee's five stars: 0 without an open licence or resources."""
    licence = LICENCES_BY_ID.get(dataset.license_id)
    if not (licence and licence.open):
        return 0
    best = 0
    for resource in resources:
        fmt = file_format(resource.format)
        if resource.kind == ResourceKind.LIVE:
            stars = 4  # identified entities behind a standard API (NGSI-LD) with URIs
        elif fmt is None:
            stars = 1
        elif fmt.linked:
            stars = 5
        else:
            stars = 3 if (fmt.open and fmt.structured) else 2 if fmt.structured else 1
        best = max(best, stars)
    return best
