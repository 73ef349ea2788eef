"""Reads of certificates that take the user: a city sees its own, the secretariat (and committee, BOI) all."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from smartcity.accounts.rules import is_boi_officer, is_committee_member, is_secretariat

from .models import EXPIRING_WITHIN_DAYS, Certificate, CertificateState, RenewalRequest, RenewalStatus


def certificates_for_user(user) -> QuerySet[Certificate]:
    queryset = Certificate.objects.select_related("organization", "criteria_set").prefetch_related("domains")
    if not user.is_authenticated:
        return queryset.none()
    if is_secretariat(user) or is_committee_member(user) or is_boi_officer(user):
        return queryset
    return queryset.filter(organization__memberships__user=user).distinct()


def pending_renewals() -> QuerySet[RenewalRequest]:
    return (
        RenewalRequest.objects.filter(status=RenewalStatus.PENDING)
        .select_related("certificate__organization", "certificate__criteria_set", "submitted_by")
        .order_by("created_at")
    )


def status_filter(status: str, today: dt.date) -> Q:
    """The database condition for a public status (the same rule as ``Certificate.status_on``)."""
    active = Q(state=CertificateState.ACTIVE)
    soon = today + dt.timedelta(days=EXPIRING_WITHIN_DAYS)
    return {
        "valid": active & Q(expires_on__gt=soon),
        "expiring": active & Q(expires_on__gte=today, expires_on__lte=soon),
        "expired": active & Q(expires_on__lt=today),
        "suspended": Q(state=CertificateState.SUSPENDED),
        "revoked": Q(state=CertificateState.REVOKED),
    }.get(status, Q())
