from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from smartcity.accounts.models import Organization
from smartcity.core.thai_fields import ThaiDateField

from .models import ConflictKind, Decision, Recommendation


class ScreeningForm(forms.Form):
    eligible_proponent = forms.BooleanField(label=_("The proponent is of an eligible kind"), required=False)
    documents_complete = forms.BooleanField(label=_("The required documents are attached"), required=False)
    notes = forms.CharField(label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class ConcludeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            ("recommend", _("Recommend to the subcommittee")),
            ("request_revision", _("Approve in principle and request revision")),
            ("not_recommend", _("Do not recommend")),
        ],
    )
    comments = forms.CharField(
        label=_("Consolidated comments or reason"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    deadline = ThaiDateField(label=_("Deadline for the revision"), required=False)


class ScorecardForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5}))
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=Recommendation.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, criteria, weights, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            weight = weights.get(str(criterion.number), 0)
            self.fields[f"score_{criterion.number}"] = forms.DecimalField(
                label=f"{criterion.number}. {criterion.title_th} / {criterion.title_en}",
                min_value=0,
                max_value=weight,
                decimal_places=2,
                max_digits=6,
                help_text=_("0 to %(max)s points") % {"max": weight},
            )
        self.order_fields([f"score_{c.number}" for c in criteria] + ["comment", "recommendation"])

    def scores(self) -> dict[str, str]:
        return {k.removeprefix("score_"): str(v) for k, v in self.cleaned_data.items() if k.startswith("score_")}


class ConflictForm(forms.Form):
    kind = forms.ChoiceField(label=_("Conflict with"), choices=ConflictKind.choices)
    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=Organization.objects.all(), required=False)
    province_code = forms.CharField(label=_("Province (DOPA code)"), max_length=2, required=False)
    proposal_id = forms.IntegerField(label=_("Proposal number"), required=False, min_value=1)
    description = forms.CharField(
        label=_("Explanation"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class MeetingForm(forms.Form):
    number = forms.IntegerField(label=_("Meeting number"), min_value=1, max_value=999)
    year_be = forms.IntegerField(label=_("Year (B.E.)"), min_value=2500, max_value=2700)
    held_on = ThaiDateField(label=_("Date"))
    place = forms.CharField(label=_("Place"), required=False, max_length=300)
    quorum = forms.IntegerField(label=_("Quorum (members present)"), min_value=1, max_value=100)
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    resolution = forms.CharField(label=_("Resolution"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    recused = forms.TypedMultipleChoiceField(
        label=_("Members who recuse themselves"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, attendees, **kwargs):
        """``attendees``: a list of users, read once for every item on the agenda."""
        super().__init__(*args, **kwargs)
        self.fields["recused"].choices = [(user.pk, user.full_name) for user in attendees]


class AcknowledgeForm(forms.Form):
    reference = forms.CharField(label=_("Committee meeting or letter"), max_length=200)
    note = forms.CharField(label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
