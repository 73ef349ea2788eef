"""The program's rules as they stand, for everyone (no account needed)."""

from __future__ import annotations

from django.shortcuts import render

from .models import CityType, Criterion, Designation, Domain
from .selectors import current_criteria_set


def program_rules(request):
    criteria_set = current_criteria_set()
    criteria = list(Criterion.objects.all())
    return render(
        request,
        "program/rules.html",
        {
            "domains": Domain.objects.all(),
            "criteria": criteria,
            "weights": {c.number: criteria_set.weight_for(c.number) for c in criteria} if criteria_set else {},
            "city_types": CityType.objects.all(),
            "designations": Designation.objects.all(),
            "criteria_set": criteria_set,
            "mandatory": Domain.objects.filter(code__in=criteria_set.mandatory_domains) if criteria_set else [],
        },
    )
