"""Writes of resources: uploaded files (checked by content), links (public http/https only) and live resources
(a registered live kind with checked parameters). Dataset-level callers hold the dataset's row lock."""

from __future__ import annotations

import re
import uuid

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from smartcity.core.audit import record_event
from smartcity.core.errors import CheckFailed

from .errors import InvalidPackage, NotFound
from .live import check_live
from .models import Dataset, Resource, ResourceKind
from .schema import clean_resource
from .uploads import check_upload
from .vocabularies import file_format

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def delete_files_on_commit(names: list[str]) -> None:
    def delete() -> None:
        for name in names:
            default_storage.delete(name)

    if names:
        transaction.on_commit(delete)


def _safe_file_name(name: str) -> str:
    base = _SAFE_NAME.sub("-", (name or "").rsplit("/", 1)[-1]).strip("-.")[:150]
    return base or "file"


def _apply_kind(resource: Resource, dataset: Dataset, upload) -> None:
    """Check what the resource points at; fill in the format and fingerprint from the content."""
    if upload is not None:
        try:
            info = check_upload(upload, upload.name or "", resource.format)
        except CheckFailed as failure:
            raise InvalidPackage({"upload": [str(failure)]}) from failure
        old = resource.file.name if resource.file else ""
        resource.kind = ResourceKind.UPLOAD
        resource.file.save(upload.name or "file", upload, save=False)
        resource.file_name = _safe_file_name(upload.name)
        resource.format, resource.media_type = info.format.code, info.format.media_type
        resource.size, resource.sha256, resource.url = info.size, info.sha256, ""
        resource.live_kind, resource.live_params = "", {}
        if old:
            delete_files_on_commit([old])
        return
    if resource.kind == ResourceKind.UPLOAD and not resource.file:
        raise InvalidPackage({"upload": [_("Upload the file (with ckanapi: load --upload-resources).")]})
    if resource.kind == ResourceKind.LIVE:
        try:
            kind, resource.live_params = check_live(dataset.organization, resource.live_kind, resource.live_params)
        except CheckFailed as failure:
            raise InvalidPackage({"live_kind": [str(failure)]}) from failure
        resource.format, resource.media_type = kind.format, kind.media_type
        resource.url, resource.size, resource.sha256 = "", None, ""
    if resource.kind == ResourceKind.LINK:
        fmt = file_format(resource.format) or file_format(resource.url.rsplit(".", 1)[-1])
        resource.format = fmt.code if fmt else (resource.format or "")
        resource.media_type = fmt.media_type if fmt else ""
        resource.size, resource.sha256 = None, ""


def _fill(resource: Resource, fields: dict) -> None:
    for key, value in fields.items():
        if key != "id":
            setattr(resource, key, value)
    if not resource.name_th:
        resource.name_th = resource.name_en or resource.file_name or _("Resource")


def replace_all(dataset: Dataset, cleaned: list[dict]) -> None:
    """The resources of a package_create/update: matched by id, kept in the given order, the rest removed."""
    existing = {r.pk: r for r in dataset.resources.all()}
    kept: set = set()
    for position, fields in enumerate(cleaned):
        resource = existing.get(fields.get("id"))
        if resource is None:
            resource = Resource(dataset=dataset)
            if fields.get("id") and not Resource.objects.filter(pk=fields["id"]).exists():
                resource.id = fields["id"]
        _fill(resource, fields)
        resource.position = position
        _apply_kind(resource, dataset, None)
        resource.save()
        kept.add(resource.pk)
    removed = [r for pk, r in existing.items() if pk not in kept]
    delete_files_on_commit([r.file.name for r in removed if r.file])
    Resource.objects.filter(pk__in=[r.pk for r in removed]).delete()


def resource_by_ref(ref) -> Resource:
    try:
        found = Resource.objects.select_related("dataset").filter(pk=uuid.UUID(str(ref))).first()
    except ValueError:
        found = None
    if found is None or found.dataset.state == "deleted":
        raise NotFound(_("Resource was not found."), field="id")
    return found


def _locked_dataset(actor, dataset_ref) -> Dataset:
    from .services import _require_editor, dataset_by_ref

    dataset = dataset_by_ref(dataset_ref, lock=True)
    _require_editor(actor, dataset.organization)
    return dataset


@transaction.atomic
def create_resource(*, actor, data: dict, upload=None) -> Resource:
    from .index import refresh

    if not data.get("package_id"):
        raise InvalidPackage({"package_id": [_("Missing value")]})
    dataset = _locked_dataset(actor, data["package_id"])
    fields = clean_resource(data, partial=False, has_upload=upload is not None)
    resource = Resource(dataset=dataset)
    _fill(resource, fields)
    resource.position = (dataset.resources.aggregate(m=Max("position"))["m"] or -1) + 1
    _apply_kind(resource, dataset, upload)
    resource.save()
    refresh(dataset)
    record_event(actor=actor, action="resource.created", obj=resource, after=_snapshot(resource))
    return resource


@transaction.atomic
def update_resource(*, actor, ref, data: dict, partial: bool, upload=None) -> Resource:
    from .index import refresh

    resource = resource_by_ref(ref)
    dataset = _locked_dataset(actor, resource.dataset_id)
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    before = _snapshot(resource)
    fields = clean_resource(data, partial=partial, has_upload=upload is not None)
    if not partial and "kind" not in fields:
        fields["kind"] = resource.kind
    _fill(resource, fields)
    _apply_kind(resource, dataset, upload)
    resource.save()
    refresh(dataset)
    record_event(actor=actor, action="resource.updated", obj=resource, before=before, after=_snapshot(resource))
    return resource


@transaction.atomic
def delete_resource(*, actor, ref) -> None:
    from .index import refresh

    resource = resource_by_ref(ref)
    dataset = _locked_dataset(actor, resource.dataset_id)
    before = _snapshot(resource)
    record_event(actor=actor, action="resource.deleted", obj=resource, before=before)
    delete_files_on_commit([resource.file.name] if resource.file else [])
    resource.delete()
    refresh(dataset)


def _snapshot(resource: Resource) -> dict:
    return {
        "name_th": resource.name_th,
        "kind": resource.kind,
        "format": resource.format,
        "url": resource.url,
        "sha256": resource.sha256,
        "live_kind": resource.live_kind,
    }
