"""The members' forms. They collect fields and hand a CKAN-shaped dictionary to the same services the CKAN API
uses, so the rules (names, licences, classification, links, uploads) are checked in one place."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from smartcity.core.thai import is_thai
from smartcity.program.models import Domain

from .live import PLANNED_KINDS, kinds
from .vocabularies import LICENCES, Classification, Frequency

# Service error keys (CKAN's field names) to the form's fields.
FIELD_FOR_KEY = {
    "title": "title_th",
    "notes": "notes_th",
    "maintainer": "contact_name",
    "maintainer_email": "contact_email",
    "private": "publish",
    "tags": "tags",
    "groups": "groups",
    "name": "name",
    "upload": "upload",
    "url": "url",
    "live_kind": "live_kind",
}


class DatasetForm(forms.Form):
    name = forms.SlugField(
        label=_("URL name"), max_length=100, help_text=_("Lowercase a-z, digits and - only, e.g. air-quality-2024.")
    )
    title_th = forms.CharField(label=_("Title (Thai)"), max_length=300)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    notes_th = forms.CharField(label=_("Description (Thai)"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    notes_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    tags = forms.CharField(label=_("Tags"), required=False, help_text=_("Separate tags with commas."))
    groups = forms.MultipleChoiceField(label=_("Domains"), required=False, widget=forms.CheckboxSelectMultiple)
    license_id = forms.ChoiceField(label=_("Licence"))
    classification = forms.ChoiceField(
        label=_("Data classification (PDPA)"),
        choices=Classification.choices,
        help_text=_("Personal data is never published; internal data stays within the organisation."),
    )
    publish = forms.BooleanField(label=_("Public (listed in the catalogue and harvested)"), required=False)
    frequency = forms.ChoiceField(label=_("Update frequency"), choices=Frequency.choices)
    temporal_start = forms.DateField(label=_("Covers from"), required=False, widget=forms.DateInput({"type": "date"}))
    temporal_end = forms.DateField(label=_("Covers until"), required=False, widget=forms.DateInput({"type": "date"}))
    contact_name = forms.CharField(label=_("Contact name"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact email"), required=False)
    version = forms.CharField(label=_("Version"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        thai = is_thai()
        self.fields["groups"].choices = [(d.code, d.name_th if thai else d.name_en) for d in Domain.objects.all()]
        self.fields["license_id"].choices = [(lic.id, lic.title_th if thai else lic.title_en) for lic in LICENCES]

    def to_package(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "title_translated": {"th": data["title_th"], "en": data["title_en"]},
            "notes_translated": {"th": data["notes_th"], "en": data["notes_en"]},
            "tags": [{"name": t.strip()} for t in data["tags"].split(",") if t.strip()],
            "groups": [{"name": code} for code in data["groups"]],
            "license_id": data["license_id"],
            "classification": data["classification"],
            "private": not data["publish"],
            "frequency": data["frequency"],
            "temporal_start": data["temporal_start"].isoformat() if data["temporal_start"] else None,
            "temporal_end": data["temporal_end"].isoformat() if data["temporal_end"] else None,
            "maintainer": data["contact_name"],
            "maintainer_email": data["contact_email"],
            "version": data["version"],
        }

    @classmethod
    def initial_from(cls, record: dict) -> dict:
        return {
            "name": record["name"],
            "title_th": record["title_translated"]["th"],
            "title_en": record["title_translated"]["en"],
            "notes_th": record["notes_translated"]["th"],
            "notes_en": record["notes_translated"]["en"],
            "tags": ", ".join(t["name"] for t in record["tags"]),
            "groups": [g["name"] for g in record["groups"]],
            "license_id": record["license_id"],
            "classification": record["classification"],
            "publish": not record["private"],
            "frequency": record["frequency"],
            "temporal_start": record["temporal_start"],
            "temporal_end": record["temporal_end"],
            "contact_name": record["maintainer"],
            "contact_email": record["maintainer_email"],
            "version": record["version"],
        }


class ResourceForm(forms.Form):
    KINDS = [("upload", _("Upload a file")), ("link", _("Link to a web address")), ("live", _("Live from our data"))]

    kind = forms.ChoiceField(label=_("Kind"), choices=KINDS, widget=forms.RadioSelect)
    name_th = forms.CharField(label=_("Name (Thai)"), max_length=300)
    name_en = forms.CharField(label=_("Name (English)"), max_length=300, required=False)
    description_th = forms.CharField(
        label=_("Description (Thai)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    upload = forms.FileField(label=_("File (CSV, JSON, GeoJSON, XLSX or PDF)"), required=False)
    url = forms.CharField(label=_("Web address (http or https)"), max_length=2000, required=False)
    format = forms.CharField(label=_("Format of the link"), max_length=30, required=False)
    live_kind = forms.ChoiceField(label=_("Live data"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["live_kind"].choices = [("", "—")] + [(k.code, k.label) for k in kinds()]
        self.planned = list(PLANNED_KINDS.values())

    def to_resource(self) -> dict:
        data = self.cleaned_data
        record = {
            "name_translated": {"th": data["name_th"], "en": data["name_en"]},
            "description_translated": {"th": data["description_th"], "en": data["description_en"]},
        }
        if data["kind"] == "link":
            record.update(url_type="", url=data["url"], format=data["format"])
        elif data["kind"] == "live":
            record.update(url_type="live", live_kind=data["live_kind"], live_params={})
        elif not data.get("upload"):
            record["url_type"] = "upload"
        return record


def show_errors(form: forms.Form, errors: dict[str, list[str]]) -> None:
    for key, messages in errors.items():
        field = FIELD_FOR_KEY.get(key, key)
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
