from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from .models import CriteriaSet, Criterion, Domain


class CriteriaSetForm(forms.ModelForm):
    """The rules as an operator edits them: one number per criterion weight, ticks for mandatory domains."""

    mandatory_domains = forms.MultipleChoiceField(
        label=_("mandatory domains"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = CriteriaSet
        fields = [
            "name_th",
            "name_en",
            "version",
            "effective_from",
            "min_domains",
            "mandatory_domains",
            "max_score",
            "pass_mark",
            "certificate_validity_months",
            "renewal_threshold_percent",
            "renewal_opens_days_before",
            "renewal_grace_days",
            "disagreement_spread",
            "notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandatory_domains"].choices = [
            (d.code, f"{d.name_th} / {d.name_en}") for d in Domain.objects.all()
        ]
        weights = self.instance.criterion_weights or {}
        for criterion in Criterion.objects.all():
            self.fields[f"weight_{criterion.number}"] = forms.IntegerField(
                label=_("weight of criterion %(n)s") % {"n": criterion.number},
                min_value=0,
                max_value=1000,
                initial=weights.get(str(criterion.number), 20),
                help_text=criterion.title_th,
            )

    def clean(self):
        cleaned = super().clean()
        self.instance.criterion_weights = {
            name.removeprefix("weight_"): value
            for name, value in cleaned.items()
            if name.startswith("weight_") and value is not None
        }
        return cleaned

    def _update_errors(self, errors):
        # The weights are edited as one field per criterion; an error on their sum belongs to the form.
        if hasattr(errors, "error_dict") and "criterion_weights" in errors.error_dict:
            errors.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(errors.error_dict.pop("criterion_weights"))
        super()._update_errors(errors)
