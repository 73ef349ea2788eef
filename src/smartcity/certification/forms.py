"""Forms of the certificate pages. They shape the input; the services decide (one way in for every write)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MAX_REASON_CHARS, plan_items


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the city and the public see it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_REASON_CHARS,
    )


class DecisionNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the city"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )


class RenewalForm(forms.Form):
    """One percent and one piece of evidence per goal and service of the certified plan."""

    summary = forms.CharField(
        label=_("Summary of progress"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, required=False
    )

    def __init__(self, *args, certificate, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan_items(certificate)
        for kind, pk, label in self.plan:
            self.fields[f"{kind}_{pk}_percent"] = forms.IntegerField(
                label=_("%(item)s: percent achieved") % {"item": label}, min_value=0, max_value=100
            )
            self.fields[f"{kind}_{pk}_evidence"] = forms.CharField(
                label=_("%(item)s: evidence") % {"item": label},
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=2000,
            )

    def rows(self):
        """The plan's items with their two fields, for the template."""
        return [
            {
                "kind": kind,
                "label": label,
                "percent": self[f"{kind}_{pk}_percent"],
                "evidence": self[f"{kind}_{pk}_evidence"],
            }
            for kind, pk, label in self.plan
        ]

    def items(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {"kind": kind, "id": pk, "percent": data[f"{kind}_{pk}_percent"], "evidence": data[f"{kind}_{pk}_evidence"]}
            for kind, pk, _label in self.plan
        ]
