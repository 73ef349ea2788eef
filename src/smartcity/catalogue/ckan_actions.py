"""The read actions of the CKAN Action API. Each takes the parameters and the caller and returns the result
(or raises NotFound/InvalidPackage); ``ckan_api.py`` wraps them in CKAN's envelope."""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from smartcity.program.models import Domain

from .errors import InvalidPackage, NotFound
from .models import Dataset, DatasetState, Publisher, Tag
from .packages import group_record, organization_record
from .resources import resource_by_ref
from .rules import can_see_dataset
from .search import _int, package_search, visible
from .services import dataset_by_ref
from .vocabularies import LICENCES

CKAN_COMPATIBLE_VERSION = "2.10.4"


class Raw(str):
    """JSON text to place in the response as it is (stored CKAN records)."""


STREAM_BATCH = 250  # names per database fetch and per write: the memory a package_list takes, whatever its size


class Stream:
    """A list result written to the client piece by piece while the database cursor is read, so that serving it
    takes the same memory for 300 datasets as for 300,000 (``package_list``, which ``ckanapi dump --all`` calls)."""

    def __init__(self, items: Iterator):
        self.items = items


def _flag(params, key: str, default: bool = False) -> bool:
    value = params.get(key, default)
    return value if isinstance(value, bool) else str(value).lower() in ("true", "1", "yes")


def _limit(params, default: int | None, cap: int) -> tuple[int | None, int]:
    limit = params.get("limit")
    limit = default if limit in (None, "") else min(_int(params, "limit", 0, 0), cap)
    return limit, _int(params, "offset", 0, 0)


def status_show(params, user):
    return {
        "site_title": "Smart City Thailand",
        "site_description": _("Open data of Thailand's smart cities"),
        "site_url": settings.SITE_URL,
        "ckan_version": CKAN_COMPATIBLE_VERSION,
        "locale_default": "th",
        "extensions": ["dcat", "scheming_datasets", "fluent"],
    }


def site_read(params, user):
    return True


def package_show(params, user):
    ref = params.get("id") or params.get("name_or_id") or params.get("name")
    if not ref:
        raise InvalidPackage({"id": [_("Missing value")]})
    dataset = dataset_by_ref(ref)
    if not can_see_dataset(user, dataset):
        raise NotFound(_("Dataset not found"), field="id")  # private datasets are not revealed to exist
    return Raw(Dataset.objects.values_list("package_json", flat=True).get(pk=dataset.pk))


def resource_show(params, user):
    resource = resource_by_ref(params.get("id") or "")
    dataset = resource.dataset
    if not can_see_dataset(user, dataset):
        raise NotFound(_("Resource was not found."), field="id")
    record = json.loads(dataset.package_json)
    return next(r for r in record["resources"] if r["id"] == str(resource.pk))


def package_list(params, user):
    limit, offset = _limit(params, None, 10**9)
    names = visible(None).order_by("name").values_list("name", flat=True)
    names = names[offset : offset + limit] if limit is not None else names[offset:]
    # A server-side cursor on PostgreSQL: rows arrive in chunks as the response is written.
    return Stream(names.iterator(chunk_size=STREAM_BATCH))


def current_package_list_with_resources(params, user):
    limit, offset = _limit(params, 10, settings.CATALOGUE_SEARCH_MAX_ROWS)
    queryset = visible(user, _flag(params, "include_private")).order_by("-updated_at", "name")
    return [Raw(text) for text in queryset.values_list("package_json", flat=True)[offset : offset + limit]]


def package_search_action(params, user):
    result = package_search(params, user)
    return {
        "count": result.count,
        "sort": result.sort,
        "facets": {name: {value: count for value, _d, count in rows} for name, rows in result.facets.items()},
        "search_facets": {
            name: {
                "title": name,
                "items": [{"name": value, "display_name": display, "count": count} for value, display, count in rows],
            }
            for name, rows in result.facets.items()
        },
        "results": [Raw(text) for text in result.records],
    }


def _publishers(params):
    queryset = Publisher.objects.select_related("organization").annotate(
        package_count=Count(
            "organization__datasets",
            filter=Q(organization__datasets__state=DatasetState.ACTIVE, organization__datasets__private=False),
        )
    )
    sort = str(params.get("sort") or "name asc")
    ordering = "-name" if sort.endswith("desc") and sort.startswith("name") else "name"
    if sort.startswith("package_count"):
        ordering = "-package_count" if sort.endswith("desc") else "package_count"
    return queryset.order_by(ordering, "name")


def organization_list(params, user):
    limit, offset = _limit(params, None, 1000)
    queryset = _publishers(params)
    rows = queryset[offset : offset + limit] if limit is not None else queryset[offset:]
    if _flag(params, "all_fields"):
        return [{**organization_record(p), "package_count": p.package_count} for p in rows]
    return [p.name for p in rows]


def organization_show(params, user):
    publisher = _publishers({}).filter(Q(name=str(params.get("id") or ""))).first()
    if publisher is None:
        from .publishers import publisher_by_ref

        found = publisher_by_ref(str(params.get("id") or ""))
        publisher = _publishers({}).filter(pk=found.pk).first() if found else None
    if publisher is None:
        raise NotFound(_("Organization not found"), field="id")
    record = {**organization_record(publisher), "package_count": publisher.package_count}
    if _flag(params, "include_datasets"):
        datasets = visible(None).filter(organization=publisher.organization).order_by("name")[:1000]
        record["packages"] = [Raw(text) for text in datasets.values_list("package_json", flat=True)]
    return record


def _domains():
    public = Q(datasets__state=DatasetState.ACTIVE, datasets__private=False)
    return Domain.objects.annotate(package_count=Count("datasets", filter=public)).order_by("order")


def group_list(params, user):
    domains = list(_domains())
    if _flag(params, "all_fields"):
        return [{**group_record(d), "package_count": d.package_count} for d in domains]
    return [d.code for d in domains]


def group_show(params, user):
    domain = _domains().filter(code=str(params.get("id") or "")).first()
    if domain is None:
        raise NotFound(_("Group not found"), field="id")
    return {**group_record(domain), "package_count": domain.package_count}


def tag_list(params, user):
    public = Dataset.objects.filter(state=DatasetState.ACTIVE, private=False)
    tags = Tag.objects.filter(datasets__in=public.values("pk")).distinct().order_by("name")
    query = str(params.get("query") or "")
    if query:
        tags = tags.filter(name__icontains=query)
    names = list(tags.values_list("name", flat=True)[:1000])
    if _flag(params, "all_fields"):
        return [{"name": n, "display_name": n, "vocabulary_id": None} for n in names]
    return names


def license_list(params, user):
    return [licence.as_ckan() for licence in LICENCES]


READS = {
    "status_show": status_show,
    "site_read": site_read,
    "package_show": package_show,
    "resource_show": resource_show,
    "package_list": package_list,
    "current_package_list_with_resources": current_package_list_with_resources,
    "package_search": package_search_action,
    "organization_list": organization_list,
    "organization_show": organization_show,
    "group_list": group_list,
    "group_show": group_show,
    "tag_list": tag_list,
    "license_list": license_list,
}
