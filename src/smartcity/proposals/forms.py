"""Forms for each section of the proposal. They validate input; the services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from smartcity.accounts.models import Organization
from smartcity.core.thai import is_thai
from smartcity.core.thai_fields import BuddhistYearField, ThaiDateField
from smartcity.program.models import CityType, Domain

from .document import SECTIONS
from .geometry import MAX_GEOJSON_BYTES
from .models import Dataset, Goal, InfrastructureItem, Proposal, Service
from .sections import LABELS


class RevisionForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class NewProposalForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=None, label=_("Proponent"))
    call = forms.ModelChoiceField(queryset=None, label=_("Call"))
    city_type = forms.ModelChoiceField(queryset=CityType.objects.all(), label=_("City type"))
    title_th = forms.CharField(label=_("Title (Thai)"), max_length=300)

    def __init__(self, *args, organizations, calls, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["call"].queryset = calls


class GeneralForm(forms.ModelForm):
    domains = forms.ModelMultipleChoiceField(
        queryset=Domain.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Claimed domains"),
    )
    partners = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Partner organisations"),
        help_text=_("Universities, companies and agencies working with you on this proposal."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Proposal
        fields = ["title_th", "title_en", "city_type"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["partners"].queryset = Organization.objects.exclude(pk=self.instance.organization_id)


class AreaGoalsForm(forms.ModelForm):
    admin_units_text = forms.CharField(
        label=_("Administrative units covered (DOPA codes)"),
        required=False,
        max_length=2000,
        help_text=_(
            "Province (2 digits), district (4) or subdistrict (6) codes separated by commas, e.g. 40, 4001, 400101."
        ),
    )

    class Meta:
        model = Proposal
        fields = ["population", "baseline_problems", "vision"]
        widgets = {
            "baseline_problems": forms.Textarea(attrs={"rows": 4}),
            "vision": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_admin_units_text(self) -> list[str]:
        raw = self.cleaned_data["admin_units_text"].replace("،", ",")
        return [part.strip() for part in raw.replace(" ", ",").split(",") if part.strip()]


class BoundaryCodesField(forms.Field):
    """DOPA codes of shipped boundaries, from the place search's checkboxes or the map (repeated inputs)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[str]:
        codes = [str(v).strip() for v in (value or []) if str(v).strip()]
        if len(codes) > 50 or not all(code.isdigit() and len(code) in (2, 4, 6) for code in codes):
            raise forms.ValidationError(_("Choose boundaries from the search results."), code="boundaries")
        return list(dict.fromkeys(codes))


class AreaForm(forms.Form):
    """The area part of the area-and-goals page: posted with the rest of the page, so nothing typed is lost."""

    area_geojson = forms.CharField(widget=forms.HiddenInput, required=False, max_length=MAX_GEOJSON_BYTES + 1024)
    area_changed = forms.BooleanField(widget=forms.HiddenInput, required=False)
    boundaries = BoundaryCodesField(required=False)
    area_file = forms.FileField(
        label=_("Or upload a file: GeoJSON, KML, KMZ or a zipped shapefile (at most 5 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".geojson,.json,.kml,.kmz,.zip"}),
    )
    area_paste = forms.CharField(
        label=_("Or paste GeoJSON"),
        required=False,
        max_length=MAX_GEOJSON_BYTES,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false", "class": "mono"}),
        help_text=_("A Polygon, MultiPolygon, Feature or FeatureCollection in longitude/latitude."),
    )
    area_repair = forms.BooleanField(
        label=_("If the shape is invalid (for example its edges cross), repair it automatically"),
        required=False,
    )
    area_clip = forms.BooleanField(
        label=_("Clip the area to Thailand: cut off any part that lies outside the country"),
        required=False,
    )

    def source(self) -> dict | None:
        """What the applicant gave for the area this time, as keyword arguments of services.set_area;
        None when the area was left as it was."""
        data = self.cleaned_data
        if data["area_file"]:
            upload = data["area_file"]
            return {"geojson": upload.read(MAX_GEOJSON_BYTES + 1), "filename": upload.name or "upload"}
        if data["area_paste"].strip():
            return {"geojson": data["area_paste"]}
        if data["area_changed"]:
            drawn = data["area_geojson"].strip()
            return {"geojson": drawn or None, "boundaries": data["boundaries"] or None}
        if data["boundaries"]:
            return {"boundaries": data["boundaries"]}
        return None


class DataPlatformForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["platform_description", *Proposal.SECURITY_FIELDS, "open_data_plan"]
        widgets = {
            "platform_description": forms.Textarea(attrs={"rows": 4}),
            "open_data_plan": forms.Textarea(attrs={"rows": 3}),
        }


class ManagementForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = [
            "governance_structure",
            "lead_organization",
            "city_development_company",
            "financing_model",
            "om_plan",
            "participation",
            "risks",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ["governance_structure", "financing_model", "om_plan", "participation", "risks"]
        }


ITEM_FIELDS = {
    "goals": (Goal, ["domain", "title", "kpi_name", "unit", "baseline", "target", "target_year"]),
    "infrastructure_items": (
        InfrastructureItem,
        [
            "category",
            "name",
            "description",
            "budget_baht",
            "funding_source",
            "start_date",
            "end_date",
            "status",
        ],
    ),
    "datasets": (Dataset, ["name", "domain", "source", "update_frequency", "openness", "personal_data"]),
    "services": (
        Service,
        [
            "domain",
            "name",
            "description",
            "beneficiaries",
            "kpi",
            "budget_baht",
            "start_date",
            "end_date",
            "status",
        ],
    ),
}


def item_formset(kind: str, data=None, initial=None):
    model, fields = ITEM_FIELDS[kind]
    field_classes: dict[str, type[forms.Field]] = {name: ThaiDateField for name in fields if name.endswith("_date")}
    if "target_year" in fields:
        field_classes["target_year"] = BuddhistYearField
    widgets: dict[str, type[forms.Widget] | forms.Widget] = {
        name: forms.Textarea(attrs={"rows": 2}) for name in ("description",) if name in fields
    }
    form_class = forms.modelform_factory(model, fields=fields, widgets=widgets, field_classes=field_classes)
    if "target_year" in fields:  # the class is new on every call, so its label may follow the reader's calendar
        form_class.base_fields["target_year"].label = _("Target year (B.E.)") if is_thai() else _("Target year (C.E.)")
    formset_class = forms.formset_factory(form_class, extra=1, can_delete=True, max_num=200, validate_max=True)
    return formset_class(data=data, initial=initial, prefix=kind)


def rows_from_formset(formset) -> list[dict]:
    """The rows to keep: every existing row not marked for deletion, and every extra row that was filled in."""
    rows = []
    for index, form in enumerate(formset.forms):
        is_extra = index >= formset.initial_form_count()
        if (is_extra and not form.has_changed()) or not form.cleaned_data or form.cleaned_data.get("DELETE"):
            continue
        row = {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        if "domain" in row and row["domain"] is not None:
            row["domain"] = row["domain"].code
        rows.append(row)
    return rows


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("PDF file (at most 20 MB)"))
    title = forms.CharField(label=_("What the document is"), max_length=300, required=False)


class ImportForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=None, label=_("Proponent"))
    call = forms.ModelChoiceField(queryset=None, label=_("Call"))
    file = forms.FileField(label=_("Proposal file (.json, at most 10 MB)"))

    def __init__(self, *args, organizations, calls, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["call"].queryset = calls


# The secretariat comments on the five criteria sections (not on the general one).
SECTION_LABELS = {name: LABELS[name] for name in SECTIONS}


class ReturnForm(forms.Form):
    """One optional comment per section; at least one is needed (the service says so)."""

    deadline = ThaiDateField(
        label=_("Deadline for the revised proposal"),
        required=False,
        help_text=_("Empty: 15 Thai business days from today."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in SECTION_LABELS.items():
            self.fields[name] = forms.CharField(
                label=label, required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
            )
