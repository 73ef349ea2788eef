"""Reads for the endorsement screens and API. Each takes the user; list queries do not grow with the rows."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from smartcity.accounts.models import COMPANY_KINDS, MembershipRole, Organization
from smartcity.accounts.rules import is_boi_officer, is_secretariat
from smartcity.certification.models import CertificateState

from .models import Endorsement, EndorsementStatus


def _base() -> QuerySet[Endorsement]:
    return Endorsement.objects.select_related("certificate", "company", "requested_by", "decided_by").prefetch_related(
        "domains"
    )


def endorsements_for_user(user) -> QuerySet[Endorsement]:
    """Everything for the secretariat; the endorsements given (approved, or suspended since) for BOI officers,
    whose work starts when a company presents one (requests and refusals are between the company and depa);
    a company's own endorsements for its members."""
    if not (user and user.is_authenticated):
        return Endorsement.objects.none()
    if is_secretariat(user):
        return _base()
    if is_boi_officer(user):
        given = _base().filter(status__in=[EndorsementStatus.APPROVED, EndorsementStatus.SUSPENDED])
        return given | _base().filter(company__in=Organization.objects.filter(memberships__user=user))
    return _base().filter(company__in=Organization.objects.filter(memberships__user=user))


def member_companies(user) -> QuerySet[Organization]:
    if not (user and user.is_authenticated):
        return Organization.objects.none()
    return Organization.objects.filter(memberships__user=user, kind__in=COMPANY_KINDS)


def company_endorsements(user) -> QuerySet[Endorsement]:
    """The endorsements of the companies the person belongs to (whatever other roles they hold)."""
    return _base().filter(company__in=member_companies(user))


def requesting_companies(user) -> QuerySet[Organization]:
    """The companies this person may ask for endorsements for (administrator or editor)."""
    if not (user and user.is_authenticated):
        return Organization.objects.none()
    return Organization.objects.filter(
        kind__in=COMPANY_KINDS,
        memberships__user=user,
        memberships__role__in=[MembershipRole.ADMIN, MembershipRole.EDITOR],
    ).order_by("name_th")


def _current(today: dt.date) -> Q:
    return Q(certificate__state=CertificateState.ACTIVE, certificate__expires_on__gte=today)


def with_effective_status(queryset: QuerySet[Endorsement], status: str, today: dt.date | None = None):
    """Filter on what ``Endorsement.effective_status`` shows: approved means approved *and* current."""
    today = today or timezone.localdate()
    if status == EndorsementStatus.APPROVED:
        return queryset.filter(Q(status=EndorsementStatus.APPROVED) & _current(today))
    if status == EndorsementStatus.SUSPENDED:
        return queryset.filter(
            Q(status=EndorsementStatus.SUSPENDED) | (Q(status=EndorsementStatus.APPROVED) & ~_current(today))
        )
    if status in EndorsementStatus.values:
        return queryset.filter(status=status)
    return queryset


def filtered(
    queryset: QuerySet[Endorsement],
    *,
    status: str = "",
    activity: str = "",
    company_id: int | None = None,
    certificate_number: str = "",
    juristic_id: str = "",
) -> QuerySet[Endorsement]:
    if status:
        queryset = with_effective_status(queryset, status)
    if activity:
        queryset = queryset.filter(activity=activity)
    if company_id:
        queryset = queryset.filter(company_id=company_id)
    if certificate_number:
        queryset = queryset.filter(certificate__number=certificate_number)
    digits = "".join(ch for ch in juristic_id or "" if ch.isascii() and ch.isdigit())[:13]
    if digits:
        queryset = queryset.filter(juristic_id__startswith=digits)
    return queryset


def secretariat_inbox() -> QuerySet[Endorsement]:
    """Requests waiting for a decision first (oldest first), then the decided ones (newest first)."""
    waiting = Case(
        When(status=EndorsementStatus.REQUESTED, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        _base()
        .prefetch_related("certificate__domains")
        .annotate(waiting=waiting)
        .order_by("waiting", Case(When(waiting=0, then="created_at")), "-created_at")
    )
