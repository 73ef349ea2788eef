"""Datasets and their resources, per organisation; tags; the search tokens.

A dataset keeps a copy of its CKAN record (``package_json``) and of its DCAT-AP graph in three syntaxes
(``dcat_*``), rebuilt by the service on every write, so that a search or feed page of 1,000 datasets is read as
1,000 strings instead of being rebuilt from six tables per request.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from smartcity.core.models import TimeStampedModel

from .vocabularies import DEFAULT_LICENCE, Classification, Frequency


class DatasetState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    DELETED = "deleted", _("Deleted")


class Tag(models.Model):
    name = models.CharField(_("tag"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class Publisher(TimeStampedModel):
    """An organisation as the catalogue names it: CKAN needs a UUID and a URL name ([a-z0-9_-]) per organisation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.OneToOneField(
        "accounts.Organization", on_delete=models.CASCADE, related_name="publisher", verbose_name=_("organisation")
    )
    name = models.SlugField(_("URL name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("publisher")
        verbose_name_plural = _("publishers")

    def __str__(self) -> str:
        return self.name


class Dataset(TimeStampedModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.SlugField(_("URL name"), max_length=100, unique=True, allow_unicode=False)
    organization = models.ForeignKey(
        "accounts.Organization", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="datasets"
    )
    title_th = models.CharField(_("title (Thai)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    notes_th = models.TextField(_("description (Thai)"), blank=True)
    notes_en = models.TextField(_("description (English)"), blank=True)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="datasets")
    themes = models.ManyToManyField("program.Domain", verbose_name=_("domains"), blank=True, related_name="datasets")
    license_id = models.CharField(_("licence"), max_length=50, default=DEFAULT_LICENCE)
    version = models.CharField(_("version"), max_length=100, blank=True)
    temporal_start = models.DateField(_("covers from"), null=True, blank=True)
    temporal_end = models.DateField(_("covers until"), null=True, blank=True)
    spatial = models.JSONField(_("spatial coverage (GeoJSON geometry)"), null=True, blank=True)
    frequency = models.CharField(
        _("update frequency"), max_length=20, choices=Frequency.choices, default=Frequency.UNKNOWN
    )
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    classification = models.CharField(
        _("data classification"), max_length=10, choices=Classification.choices, default=Classification.OPEN
    )
    private = models.BooleanField(_("private"), default=True)
    state = models.CharField(_("state"), max_length=10, choices=DatasetState.choices, default=DatasetState.ACTIVE)
    openness = models.PositiveSmallIntegerField(_("openness (stars)"), default=0)
    # Where a draft came from, e.g. "ngsi-ld-type:<type IRI>": one draft per source in an organisation.
    source_key = models.CharField(max_length=500, blank=True, editable=False)
    package_json = models.TextField(editable=False, default="{}")
    # Its DCAT-AP graph serialised by rdflib at write time, without headers (dcat_pages.py): a feed page is
    # assembled from these instead of serialising ~125 triples per dataset per request.
    dcat_ttl = models.TextField(editable=False, default="")
    dcat_jsonld = models.TextField(editable=False, default="")
    dcat_rdf = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        indexes = [
            models.Index(fields=["state", "private", "-updated_at"], name="catalogue_ds_public_idx"),
            models.Index(fields=["organization", "state"], name="catalogue_ds_org_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "source_key"],
                condition=~models.Q(source_key=""),
                name="catalogue_dataset_source_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(private=True) | models.Q(classification="open"),
                name="catalogue_dataset_public_only_if_open",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return self.state == DatasetState.ACTIVE and not self.private


class ResourceKind(models.TextChoices):
    UPLOAD = "upload", _("Uploaded file")
    LINK = "link", _("Link")
    LIVE = "live", _("Live from the data platform")


def resource_upload_to(resource: Resource, filename: str) -> str:
    # Generated names only: what the uploader called the file never reaches the file system.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"catalogue/{resource.dataset_id}/{uuid.uuid4().hex}.{extension}"


class Resource(TimeStampedModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="resources")
    position = models.PositiveIntegerField(default=0)
    name_th = models.CharField(_("name (Thai)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ResourceKind.choices)
    url = models.URLField(_("link"), max_length=2000, blank=True)
    file = models.FileField(_("file"), upload_to=resource_upload_to, max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    format = models.CharField(_("format"), max_length=30, blank=True)
    media_type = models.CharField(max_length=100, blank=True)
    size = models.BigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    live_kind = models.CharField(_("live resource kind"), max_length=50, blank=True)
    live_params = models.JSONField(_("live resource parameters"), default=dict, blank=True)

    class Meta:
        ordering = ["dataset", "position"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        indexes = [models.Index(fields=["dataset", "position"], name="catalogue_res_order_idx")]

    def __str__(self) -> str:
        return self.name_th


class DatasetToken(models.Model):
    """One searchable word of a dataset, segmented with PyThaiNLP (ADR 0005: the search index)."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="tokens")
    token = models.CharField(max_length=100)
    weight = models.PositiveSmallIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "dataset"], name="catalogue_token_unique")]

    def __str__(self) -> str:
        return self.token
