"""Forms of the endorsement pages. They check the shape of the input; the rules live in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from smartcity.core import thai
from smartcity.program.models import Domain

from .checks import MAX_DESCRIPTION_CHARS, MAX_INVESTMENT_BAHT, MAX_NOTE_CHARS, MAX_TITLE_CHARS
from .models import BoiActivity, EndorsementStatus

# A plain explanation of each activity's rule, shown next to the choice.
ACTIVITY_RULES = {
    BoiActivity.AREA_DEVELOPMENT: _(
        "Infrastructure such as fibre, public Wi-Fi and an open data platform. The city must be certified for "
        "Smart Environment and at least one other domain."
    ),
    BoiActivity.SYSTEM_DEVELOPMENT: _(
        "A smart service. At least one of the project's domains must be among the city's certified domains."
    ),
    BoiActivity.INDUSTRIAL_ZONE: _(
        "A smart industrial estate or zone in a city with a current Smart City certificate. BOI sets its own "
        "further conditions for this activity."
    ),
}

# Keys a service refusal names, and the form field that shows it.
SERVICE_FIELDS = {
    "certificate_number": "certificate",
    "domain_codes": "domains",
    "location": "lat",
    "company_id": None,
}


def _domain_choices() -> list[tuple[str, str]]:
    return [(d.code, d.name_th if thai.is_thai() else d.name_en) for d in Domain.objects.order_by("order")]


class EndorsementRequestForm(forms.Form):
    certificate = forms.ChoiceField(label=_("Certified city"))
    activity = forms.ChoiceField(label=_("BOI activity"), choices=BoiActivity.choices, widget=forms.RadioSelect)
    domains = forms.MultipleChoiceField(
        label=_("Domains of the project"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The smart city domains the project serves. Required for smart city system development."),
    )
    project_title = forms.CharField(label=_("Project title"), max_length=MAX_TITLE_CHARS)
    description = forms.CharField(
        label=_("Description of the project"),
        max_length=MAX_DESCRIPTION_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    investment_baht = forms.DecimalField(
        label=_("Investment (baht)"),
        min_value=0,
        max_value=MAX_INVESTMENT_BAHT,
        max_digits=16,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
    )
    lat = forms.DecimalField(
        label=_("Latitude"),
        min_value=-90,
        max_value=90,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=_("Decimal degrees, e.g. 16.4419. Click the map to fill it in."),
    )
    lon = forms.DecimalField(
        label=_("Longitude"),
        min_value=-180,
        max_value=180,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=_("Decimal degrees, e.g. 102.8360."),
    )
    juristic_id = forms.CharField(
        label=_("Juristic person ID"),
        min_length=13,
        max_length=13,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]{13}"}),
        help_text=_("13 digits, as registered for your company."),
    )

    def __init__(self, *args, certificates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certificate"].choices = [
            (
                c.number,
                _("%(city)s — %(number)s (until %(date)s)")
                % {"city": c.city_name, "number": c.number, "date": thai.format_date(c.expires_on)},
            )
            for c in certificates
        ]
        self.fields["domains"].choices = _domain_choices()

    def add_service_error(self, error) -> None:
        field = SERVICE_FIELDS.get(error.field, error.field)
        self.add_error(field if field in self.fields else None, str(error))


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the company"),
        required=False,
        max_length=MAX_NOTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you do not approve: the company sees the reason."),
    )


class BoiFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any"))] + list(EndorsementStatus.choices)
    )
    activity = forms.ChoiceField(label=_("Activity"), required=False, choices=[("", _("Any"))] + BoiActivity.choices)
    company = forms.TypedChoiceField(label=_("Company"), required=False, coerce=int, empty_value=None)
    city = forms.ChoiceField(label=_("City (certificate)"), required=False)
    juristic_id = forms.CharField(label=_("Juristic person ID"), required=False, max_length=13)

    def __init__(self, *args, companies, certificates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].choices = [("", _("Any"))] + [
            (c.pk, c.name_th if thai.is_thai() else (c.name_en or c.name_th)) for c in companies
        ]
        self.fields["city"].choices = [("", _("Any"))] + [
            (c.number, f"{c.city_name} ({c.number})") for c in certificates
        ]


class CheckForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "BOI-SCT-2569-0001-XXXXXX"}),
    )
