"""The program's reference data: open calls and criteria sets."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router

from smartcity.program.models import CriteriaSet
from smartcity.program.selectors import open_calls

from . import schemas

router = Router(tags=["program"])


@router.get("/calls", response=list[schemas.CallOut], auth=None)
def calls(request):
    return [
        {
            "id": c.pk,
            "name_th": c.name_th,
            "name_en": c.name_en,
            "opens_on": c.opens_on,
            "closes_on": c.closes_on,
            "criteria_set_version": c.criteria_set.version,
            "city_types": [t.code for t in c.accepted_city_types.all()],
        }
        for c in open_calls()
    ]


@router.get("/criteria-sets/{version}", auth=None)
def criteria_set(request, version: int):
    cs = get_object_or_404(CriteriaSet, version=version)
    return {
        "version": cs.version,
        "name_th": cs.name_th,
        "name_en": cs.name_en,
        "effective_from": cs.effective_from,
        "min_domains": cs.min_domains,
        "mandatory_domains": cs.mandatory_domains,
        "max_score": cs.max_score,
        "pass_mark": float(cs.pass_mark),
        "criterion_weights": cs.criterion_weights,
        "certificate_validity_months": cs.certificate_validity_months,
        "renewal_threshold_percent": float(cs.renewal_threshold_percent),
        "renewal_opens_days_before": cs.renewal_opens_days_before,
        "renewal_grace_days": cs.renewal_grace_days,
        "disagreement_spread": float(cs.disagreement_spread),
    }
