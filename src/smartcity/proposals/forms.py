"""Forms for each section of the proposal. They validate input; the services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from smartcity.accounts.models import Organization
from smartcity.program.models import CityType, Domain

from .models import Dataset, Goal, InfrastructureItem, Proposal, Service

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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


class AreaForm(forms.Form):
    geojson = forms.CharField(widget=forms.HiddenInput, required=False, max_length=6 * 1024 * 1024)
    upload = forms.FileField(label=_("Or upload a GeoJSON file (at most 5 MB)"), required=False)
    repair = forms.BooleanField(
        label=_("If the shape is invalid (for example its edges cross), repair it automatically"),
        required=False,
    )


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
    widgets = {name: DATE for name in fields if name.endswith("_date")}
    widgets.update({name: forms.Textarea(attrs={"rows": 2}) for name in ("description",) if name in fields})
    form_class = forms.modelform_factory(model, fields=fields, widgets=widgets)
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


SECTION_LABELS = {
    "area_goals": _("1. Area and goals"),
    "infrastructure": _("2. Infrastructure plan"),
    "data_platform": _("3. City data platform"),
    "services": _("4. Smart services"),
    "management": _("5. Sustainable management"),
}


class ReturnForm(forms.Form):
    """One optional comment per section; at least one is needed (the service says so)."""

    deadline = forms.DateField(
        label=_("Deadline for the revised proposal"),
        required=False,
        widget=DATE,
        help_text=_("Empty: 15 Thai business days from today."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in SECTION_LABELS.items():
            self.fields[name] = forms.CharField(
                label=label, required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
            )
