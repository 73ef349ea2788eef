"""Every write to the catalogue's datasets goes through here: the HTML forms, the CKAN Action API, the demo and
the drafts made for data-space entity types. Each function checks the permission, locks the row, validates,
saves, refreshes the derived data and writes the audit event in one transaction."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from smartcity.accounts.models import Organization
from smartcity.accounts.rules import is_platform_admin
from smartcity.core.audit import record_event
from smartcity.core.errors import NotAllowed
from smartcity.program.models import Domain

from . import resources as resource_services
from .errors import InvalidPackage, NotFound
from .index import refresh
from .models import Dataset, DatasetState, Tag
from .publishers import publisher_by_ref
from .rules import editable_organization_ids
from .schema import CleanPackage, clean_package
from .vocabularies import Classification

_AUDITED = ["name", "title_th", "private", "state", "classification", "license_id"]


def dataset_by_ref(ref, *, lock: bool = False) -> Dataset:
    """A dataset by its id (UUID) or URL name; NotFound for a purged or unknown one."""
    queryset = Dataset.objects.select_related("organization")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    try:
        found = queryset.filter(pk=uuid.UUID(str(ref))).first()
    except ValueError:
        found = queryset.filter(name=str(ref)[:100]).first()
    if found is None:
        raise NotFound(_("Dataset not found"), field="id")
    return found


def _require_editor(actor, organization: Organization) -> None:
    if organization.pk not in editable_organization_ids(actor):
        raise NotAllowed(
            _("You are not an editor of %(organization)s.") % {"organization": organization.name_th}, field="owner_org"
        )


def _owner_for_create(actor, clean: CleanPackage) -> Organization:
    if clean.owner_org:
        publisher = publisher_by_ref(clean.owner_org)
        if publisher is None:
            raise InvalidPackage({"owner_org": [_("Organization does not exist")]})
        return publisher.organization
    editable = editable_organization_ids(actor)
    if len(editable) == 1:
        return Organization.objects.get(pk=next(iter(editable)))
    raise InvalidPackage({"owner_org": [_("Missing value")]})


def _check_publishable(dataset: Dataset) -> None:
    if dataset.private:
        return
    if dataset.classification == Classification.PERSONAL:
        raise InvalidPackage(
            {"private": [_("This dataset is classified as personal data (PDPA); personal data is never public.")]}
        )
    if dataset.classification == Classification.INTERNAL:
        raise InvalidPackage(
            {"private": [_("This dataset is classified as internal; reclassify it as open before publishing.")]}
        )


def _check_id_free(dataset_id) -> None:
    # Only platform administrators choose ids (CKAN: empty_if_not_sysadmin); anyone else's given id is ignored,
    # so an editor cannot claim the global id of a dataset of another site, or of one purged here.
    if Dataset.objects.filter(pk=dataset_id).exists():
        raise InvalidPackage({"id": [_("That id is already in use.")]})


def _check_name_free(name: str, dataset_id) -> None:
    if Dataset.objects.filter(name=name).exclude(pk=dataset_id).exists():
        raise InvalidPackage({"name": [_("That URL is already in use.")]})


def _apply(dataset: Dataset, clean: CleanPackage, data: dict) -> None:
    for key, value in clean.fields.items():
        setattr(dataset, key, value)
    if data.get("state") in (DatasetState.DRAFT, DatasetState.ACTIVE):
        dataset.state = data["state"]
    _check_publishable(dataset)
    _check_name_free(dataset.name, dataset.pk)


def _set_relations(dataset: Dataset, clean: CleanPackage) -> None:
    if clean.tags is not None:
        existing = {tag.name: tag for tag in Tag.objects.filter(name__in=clean.tags)}
        missing = [Tag(name=name) for name in clean.tags if name not in existing]
        Tag.objects.bulk_create(missing, ignore_conflicts=True)
        dataset.tags.set(Tag.objects.filter(name__in=clean.tags))
    if clean.groups is not None:
        domains = list(Domain.objects.filter(code__in=clean.groups))
        unknown = sorted(set(clean.groups) - {d.code for d in domains})
        if unknown:
            raise InvalidPackage({"groups": [_("Unknown group: %(names)s") % {"names": ", ".join(unknown)}]})
        dataset.themes.set(domains)


@transaction.atomic
def create_dataset(*, actor, data: dict, organization: Organization | None = None, source_key: str = "") -> Dataset:
    clean = clean_package(data, partial=False)
    owner = organization or _owner_for_create(actor, clean)
    if actor is not None:  # None: the platform itself (a draft for a data-space entity type)
        _require_editor(actor, owner)
    dataset = Dataset(organization=owner, source_key=source_key)
    if clean.id and is_platform_admin(actor):
        _check_id_free(clean.id)
        dataset.id = clean.id  # a catalogue moved between sites by a platform administrator keeps its ids
    _apply(dataset, clean, data)
    dataset.save()
    _set_relations(dataset, clean)
    if clean.resources is not None:
        resource_services.replace_all(dataset, clean.resources)
    refresh(dataset)
    record_event(actor=actor or "catalogue", action="dataset.created", obj=dataset, after=_snapshot(dataset))
    return dataset


@transaction.atomic
def update_dataset(*, actor, ref, data: dict, partial: bool) -> Dataset:
    dataset = dataset_by_ref(ref, lock=True)
    _require_editor(actor, dataset.organization)
    if dataset.state == DatasetState.DELETED and data.get("state") != DatasetState.ACTIVE:
        raise NotFound(_("Dataset not found"), field="id")
    before = _snapshot(dataset)
    clean = clean_package(data, partial=partial, current_name=dataset.name)
    if clean.owner_org and not partial:
        publisher = publisher_by_ref(clean.owner_org)
        if publisher is None:
            raise InvalidPackage({"owner_org": [_("Organization does not exist")]})
        _require_editor(actor, publisher.organization)
        dataset.organization = publisher.organization
    _apply(dataset, clean, data)
    dataset.save()
    _set_relations(dataset, clean)
    if clean.resources is not None:
        resource_services.replace_all(dataset, clean.resources)
    refresh(dataset)
    record_event(actor=actor, action="dataset.updated", obj=dataset, before=before, after=_snapshot(dataset))
    return dataset


@transaction.atomic
def delete_dataset(*, actor, ref) -> None:
    dataset = dataset_by_ref(ref, lock=True)
    _require_editor(actor, dataset.organization)
    before = _snapshot(dataset)
    dataset.state = DatasetState.DELETED
    dataset.save(update_fields=["state", "updated_at"])
    refresh(dataset)
    record_event(actor=actor, action="dataset.deleted", obj=dataset, before=before, after=_snapshot(dataset))


@transaction.atomic
def purge_dataset(*, actor, ref) -> None:
    """Gone for good, with its files (CKAN's dataset_purge): frees its name and ids."""
    dataset = dataset_by_ref(ref, lock=True)
    _require_editor(actor, dataset.organization)
    before = _snapshot(dataset)
    files = [r.file.name for r in dataset.resources.exclude(file="")]
    record_event(actor=actor, action="dataset.purged", obj=("catalogue.dataset", str(dataset.pk)), before=before)
    dataset.delete()
    resource_services.delete_files_on_commit(files)


@transaction.atomic
def set_private(*, actor, ref, private: bool) -> Dataset:
    return update_dataset(actor=actor, ref=ref, data={"private": private}, partial=True)


def _snapshot(dataset: Dataset) -> dict:
    return {field: getattr(dataset, field) for field in _AUDITED}
