"""Reads of the program's rules: the calls open today and the criteria set in force."""

from __future__ import annotations

from django.utils import timezone

from .models import Call, CriteriaSet, Criterion


def open_calls():
    today = timezone.localdate()
    return (
        Call.objects.filter(opens_on__lte=today, closes_on__gte=today)
        .select_related("criteria_set")
        .prefetch_related("accepted_city_types")
    )


def current_criteria_set() -> CriteriaSet | None:
    return CriteriaSet.objects.order_by("-version").first()


def rubric(criteria_set: CriteriaSet | None) -> list[dict]:
    """Each criterion with its weight in the criteria set (empty without one)."""
    if criteria_set is None:
        return []
    return [{"criterion": c, "weight": criteria_set.weight_for(c.number)} for c in Criterion.objects.all()]
