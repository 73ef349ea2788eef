"""The registry's filters (a GET form shared by the page, the downloads and the API) and the verification form."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _

from smartcity.certification.models import CertificateKind
from smartcity.core.thai import BE_OFFSET, buddhist_year, is_thai

from .regions import REGIONS, all_provinces
from .selectors import CURRENT, RegistryFilter

NUMBER_PATTERN = re.compile(r"^[A-Z]{3}-\d{4}-\d{4,6}$")
FIRST_YEAR, LAST_YEAR = 2018, 2200


def normalise_number(text: str) -> str:
    """ "sct-2569-0001 " → "SCT-2569-0001"; the result may still not be a number (check NUMBER_PATTERN)."""
    return re.sub(r"\s+", "", text or "").upper()[:40]


class RegistryFilterForm(forms.Form):
    domain = forms.ChoiceField(label=_("Domain"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    province = forms.ChoiceField(label=_("Province"), required=False)
    designation = forms.ChoiceField(label=_("Designation"), required=False)
    year = forms.IntegerField(
        label=_("Year of issue"),
        required=False,
        widget=forms.Select,
    )
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, data=None, *, domains=(), years=(), **kwargs):
        super().__init__(data, **kwargs)
        thai = is_thai()
        any_choice = [("", _("Any"))]
        self.fields["domain"].choices = any_choice + [
            (d.code, d.name_th if thai else (d.name_en or d.name_th)) for d in domains
        ]
        self.fields["region"].choices = any_choice + [
            (r.code, r.name("th" if thai else "en")) for r in REGIONS.values()
        ]
        self.fields["province"].choices = any_choice + [
            (code, name_th if thai else name_en) for code, name_th, name_en in all_provinces()
        ]
        self.fields["designation"].choices = any_choice + list(CertificateKind.choices)
        self.fields["status"].choices = [("", _("Every listed status")), (CURRENT, _("Currently valid only"))]
        chosen = str(self.data.get("year") or "") if self.is_bound else ""
        # Only a plain four-digit year becomes an extra choice ("²" is a digit to Python but not an int).
        extra = [int(chosen)] if chosen.isascii() and chosen.isdigit() and len(chosen) == 4 else []
        year_choices = sorted({*years, *extra}, reverse=True)
        self.fields["year"].widget.choices = any_choice + [
            (year, str(buddhist_year(year)) if thai else str(year)) for year in year_choices
        ]

    def clean_year(self) -> int | None:
        year = self.cleaned_data.get("year")
        if year is None:
            return None
        if year >= FIRST_YEAR + BE_OFFSET:  # a Buddhist Era year
            year -= BE_OFFSET
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise forms.ValidationError(_("Give a year of issue such as 2026 (or 2569 B.E.)."), code="year")
        return year

    def registry_filter(self) -> RegistryFilter:
        """The filter made of the valid fields (an invalid one is left out and shown as an error)."""
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return RegistryFilter(
            domain=data.get("domain") or "",
            region=data.get("region") or "",
            province=data.get("province") or "",
            designation=data.get("designation") or "",
            year=data.get("year"),
            status=data.get("status") or "",
        )


class VerifyForm(forms.Form):
    q = forms.CharField(
        label=_("Certificate number or payload"),
        max_length=4000,
        help_text=_(
            "Type the number printed on the certificate (e.g. SCT-2563-0012), or paste the text or address "
            "read from its QR code."
        ),
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_q(self) -> dict[str, str]:
        """{"number": …} or {"payload": …} (with the number the address names, if any)."""
        text = self.cleaned_data["q"].strip()
        if "://" in text or text.startswith("/verify/"):
            parts = urlsplit(text)
            payload = (parse_qs(parts.query).get("p") or [""])[0]
            match = re.search(r"/verify/([^/?#]+)", parts.path)
            number = normalise_number(match.group(1)) if match else ""
            if payload:
                return {"payload": payload, "number": number}
            if number:
                return {"number": number}
        elif "." in text:
            return {"payload": text, "number": ""}
        else:
            number = normalise_number(text)
            if NUMBER_PATTERN.match(number):
                return {"number": number}
        raise forms.ValidationError(
            _("Type a certificate number such as SCT-2563-0012, or paste the payload from the QR code."),
            code="not_a_number",
        )
