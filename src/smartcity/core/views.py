"""Public pages: the landing page and the program's rules as they stand."""

from __future__ import annotations

from django.shortcuts import render

from smartcity.accounts.selectors import current_criteria_set, open_calls
from smartcity.program.models import CityType, Criterion, Designation, Domain


def landing(request):
    return render(
        request,
        "core/landing.html",
        {"domains": Domain.objects.all(), "criteria": Criterion.objects.all(), "calls": open_calls()},
    )


def program_rules(request):
    criteria_set = current_criteria_set()
    criteria = list(Criterion.objects.all())
    return render(
        request,
        "core/program.html",
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


def healthz(request):
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
