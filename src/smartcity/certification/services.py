"""Every write to certificates: issuing, suspension, revocation, reinstatement, renewal and reminders.

Each state change locks the certificate row, checks the rule, saves, appends the audit event and tells the
city, in one transaction; then `certificate_changed` hands the change to the apps above (endorsements follow
their certificate, the registry drops its cache when the transaction commits).
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.audit import record_event
from smartcity.core.errors import Conflict, NotAllowed, UserFacingError
from smartcity.core.thai import buddhist_year, format_date, in_both_languages
from smartcity.notifications.services import notify
from smartcity.proposals import geometry
from smartcity.proposals.messages import applicants, proposal_context

from . import signing
from .handoffs import certificate_changed
from .models import (
    NUMBER_PREFIX,
    REMINDER_DAYS,
    Certificate,
    CertificateState,
    ExpiryReminder,
    NumberCounter,
    ProgressItem,
    RenewalRequest,
    RenewalStatus,
    VerificationCount,
)

MAX_REASON_CHARS = 2000


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_end(start: dt.date, months: int) -> dt.date:
    """The last day of a validity period of ``months`` that starts on ``start``."""
    return add_months(start, months) - dt.timedelta(days=1)


def _next_number(kind: str, issued_on: dt.date) -> str:
    series = f"{NUMBER_PREFIX[kind]}-{buddhist_year(issued_on.year)}"
    NumberCounter.objects.get_or_create(series=series)
    counter = NumberCounter.objects.select_for_update().get(series=series)
    counter.last = F("last") + 1
    counter.save(update_fields=["last"])
    counter.refresh_from_db(fields=["last"])
    return f"{series}-{counter.last:04d}"


def signed_fields(certificate: Certificate) -> dict:
    """What the QR code's payload vouches for: number, type, city, domains and dates."""
    return {
        "n": certificate.number,
        "t": certificate.kind,
        "c": certificate.city_name_en or certificate.city_name_th,
        "d": sorted(domain.code for domain in certificate.domains.all()),
        "i": certificate.issued_on.isoformat(),
        "f": certificate.valid_from.isoformat(),
        "e": certificate.expires_on.isoformat(),
    }


def _sign(certificate: Certificate) -> None:
    certificate.payload = signing.sign(signed_fields(certificate))
    certificate.key_id = signing.verify(certificate.payload).key_id


def _area_snapshot(proposal) -> tuple[dict, Decimal, Decimal]:
    if not proposal.area:
        raise Conflict(_("The proposal has no area to certify."), code="no_area")
    shape = geometry.from_geojson_dict(proposal.area)
    point = shape.representative_point()
    six = Decimal("0.000001")
    return (
        geometry.to_geojson(shape),
        Decimal(str(point.y)).quantize(six, ROUND_HALF_UP),
        Decimal(str(point.x)).quantize(six, ROUND_HALF_UP),
    )


def issue_certificate(*, actor, proposal, kind: str, domains: list, today: dt.date | None = None) -> Certificate:
    """Issue the proposal's certificate of this kind for the certified domains (once). Called inside the
    acknowledgement or the promotion-zone designation, so it shares their lock and transaction; the evaluation
    decides which domains are certified and passes them in."""
    existing = Certificate.objects.filter(proposal=proposal, kind=kind).first()
    if existing is not None:
        return existing
    today = today or timezone.localdate()
    version = proposal.versions.order_by("-number").select_related("criteria_set").first()
    criteria_set = version.criteria_set if version else proposal.call.criteria_set
    area, lat, lon = _area_snapshot(proposal)
    certificate = Certificate(
        number=_next_number(kind, today),
        kind=kind,
        proposal=proposal,
        organization=proposal.organization,
        city_name_th=proposal.title_th or proposal.title_en,
        city_name_en=proposal.title_en or proposal.title_th,
        province_code=proposal.organization.province_code,
        city_type=proposal.city_type,
        criteria_set=criteria_set,
        area=area,
        area_km2=proposal.area_km2,
        centroid_lat=lat,
        centroid_lon=lon,
        issued_on=today,
        valid_from=today,
        expires_on=period_end(today, criteria_set.certificate_validity_months),
        issued_by=actor,
        payload="-",
    )
    certificate.save()
    certificate.domains.set(domains)
    _sign(certificate)
    certificate.save(update_fields=["payload", "key_id"])
    record_event(
        actor=actor,
        action="certificate.issued",
        obj=certificate,
        after={**signed_fields(certificate), "proposal": proposal.pk, "key": certificate.key_id},
    )
    _tell_city(certificate, "certificate_issued")
    certificate_changed.send(actor, certificate)
    return certificate


# --- the secretariat's decisions -----------------------------------------------------------------------------


def _locked(number: str) -> Certificate:
    certificate = Certificate.objects.select_for_update().filter(number=number).first()
    if certificate is None:
        raise UserFacingError(_("There is no certificate with this number."), field="number", code="not_found")
    return certificate


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise UserFacingError(_("Give the reason; the city and the public will see it."), field="reason")
    if len(reason) > MAX_REASON_CHARS:
        raise UserFacingError(
            _("The reason is too long (at most %(limit)s characters)."),
            field="reason",
            params={"limit": MAX_REASON_CHARS},
        )
    return reason


def _require_secretariat(actor, certificate: Certificate) -> None:
    if not actor.has_perm("certification.manage_certificate", certificate):
        raise NotAllowed(_("Only the secretariat changes certificates."))


# Which decided state may follow which: (from states) -> to state.
STATE_CHANGES = {
    "suspend": ({CertificateState.ACTIVE}, CertificateState.SUSPENDED),
    "reinstate": ({CertificateState.SUSPENDED}, CertificateState.ACTIVE),
    "revoke": ({CertificateState.ACTIVE, CertificateState.SUSPENDED}, CertificateState.REVOKED),
}


STATE_ACTION_LABELS = {"suspend": _("Suspend"), "reinstate": _("Reinstate"), "revoke": _("Revoke")}


def state_actions(certificate: Certificate) -> list[tuple[str, object]]:
    """The state changes possible now, with their labels, in the order the page offers them."""
    return [
        (action, STATE_ACTION_LABELS[action])
        for action, (sources, _target) in STATE_CHANGES.items()
        if certificate.state in sources
    ]


@transaction.atomic
def change_state(*, actor, number: str, action: str, reason: str) -> Certificate:
    """Suspend, reinstate or revoke a certificate, with a reason the public sees."""
    sources, target = STATE_CHANGES[action]
    certificate = _locked(number)
    _require_secretariat(actor, certificate)
    reason = _reason(reason)
    if certificate.state not in sources:
        raise Conflict(
            _("This is not possible while the certificate is “%(state)s”."),
            code="state_not_allowed",
            params={"state": certificate.get_state_display()},
        )
    before = {"state": certificate.state, "reason": certificate.state_reason}
    certificate.state = target
    certificate.state_reason = reason
    certificate.state_changed_at = timezone.now()
    certificate.save(update_fields=["state", "state_reason", "state_changed_at", "updated_at"])
    record_event(
        actor=actor,
        action=f"certificate.{action}",
        obj=certificate,
        before=before,
        after={"state": target, "reason": reason},
    )
    if target == CertificateState.REVOKED:
        _refuse_pending_renewals(actor, certificate, reason)
    _tell_city(
        certificate,
        "certificate_state_changed",
        reason=reason,
        status=in_both_languages(certificate.get_status_display),
    )
    certificate_changed.send(actor, certificate)
    return certificate


def _refuse_pending_renewals(actor, certificate: Certificate, reason: str) -> None:
    """A revoked certificate is not renewed: a request still waiting is refused with the revocation's reason."""
    for renewal in certificate.renewal_requests.select_for_update().filter(status=RenewalStatus.PENDING):
        _decide(renewal, actor, RenewalStatus.REFUSED, reason)
        record_event(
            actor=actor,
            action="certificate.renewal_refused",
            obj=certificate,
            after={"request": renewal.pk, "note": reason, "because": "revoked"},
        )


def suspend_certificate(*, actor, number: str, reason: str) -> Certificate:
    return change_state(actor=actor, number=number, action="suspend", reason=reason)


def reinstate_certificate(*, actor, number: str, reason: str) -> Certificate:
    return change_state(actor=actor, number=number, action="reinstate", reason=reason)


def revoke_certificate(*, actor, number: str, reason: str) -> Certificate:
    return change_state(actor=actor, number=number, action="revoke", reason=reason)


# --- renewal ------------------------------------------------------------------------------------------------


def _check_renewable_state(certificate: Certificate) -> None:
    """Revoked and suspended certificates are not renewed (asked for, or decided)."""
    if certificate.state == CertificateState.REVOKED:
        raise Conflict(_("A revoked certificate cannot be renewed."), code="revoked")
    if certificate.state == CertificateState.SUSPENDED:
        raise Conflict(_("A suspended certificate cannot be renewed until it is reinstated."), code="suspended")


def check_renewable(certificate: Certificate, today: dt.date) -> None:
    """Refuse (with the reason) when the city may not ask for renewal now. The window comes from the criteria
    set the certificate was issued under: from ``renewal_opens_days_before`` before expiry until
    ``renewal_grace_days`` after it; later, the city applies again with a new proposal."""
    _check_renewable_state(certificate)
    rules = certificate.criteria_set
    opens = certificate.expires_on - dt.timedelta(days=rules.renewal_opens_days_before)
    if today < opens:
        raise Conflict(
            _("Renewal opens on %(date)s, %(days)s days before the certificate expires."),
            code="too_early",
            params={"date": format_date(opens), "days": rules.renewal_opens_days_before},
        )
    closes = certificate.expires_on + dt.timedelta(days=rules.renewal_grace_days)
    if today > closes:
        raise Conflict(
            _(
                "The certificate expired more than %(days)s days ago (renewal closed on %(date)s): "
                "apply again with a new proposal."
            ),
            code="too_late",
            params={"date": format_date(closes), "days": rules.renewal_grace_days},
        )


def plan_items(certificate: Certificate) -> list[tuple[str, int, str]]:
    """The goals and services of the certified plan a renewal reports on: (kind, id, label)."""
    proposal = certificate.proposal
    goals = [("goal", goal.pk, goal.title) for goal in proposal.goals.order_by("id")]
    services = [("service", service.pk, service.name) for service in proposal.services.order_by("id")]
    return goals + services


def _progress_items(certificate: Certificate, items) -> list[ProgressItem]:
    expected = {(kind, pk): label for kind, pk, label in plan_items(certificate)}
    if not isinstance(items, list) or not items:
        raise UserFacingError(_("Report the progress of every goal and service of the plan."), field="items")
    seen: dict[tuple[str, int], ProgressItem] = {}
    for index, item in enumerate(items):
        field = f"items[{index}]"
        if not isinstance(item, dict):
            raise UserFacingError(_("Each progress item needs a goal or service, a percent and evidence."), field=field)
        key = (str(item.get("kind")), item.get("id"))
        if key not in expected or key in seen:
            raise UserFacingError(
                _("This is not a goal or service of the certified plan, or it is reported twice."), field=field
            )
        percent = item.get("percent")
        if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
            raise UserFacingError(
                _("The percent achieved must be a whole number from 0 to 100."), field=f"{field}.percent"
            )
        evidence = str(item.get("evidence") or "").strip()
        if not evidence:
            raise UserFacingError(_("Give the evidence of this progress."), field=f"{field}.evidence")
        if len(evidence) > 2000:
            raise UserFacingError(
                _("The evidence is too long (at most %(limit)s characters)."),
                field=f"{field}.evidence",
                params={"limit": 2000},
            )
        kind, pk = key
        seen[key] = ProgressItem(
            goal_id=pk if kind == "goal" else None,
            service_id=pk if kind == "service" else None,
            label=expected[key][:300],
            percent=percent,
            evidence=evidence,
        )
    missing = [label for key, label in expected.items() if key not in seen]
    if missing:
        raise UserFacingError(
            _("Report the progress of every goal and service of the plan; missing: %(missing)s."),
            field="items",
            params={"missing": ", ".join(missing)},
        )
    return list(seen.values())


@transaction.atomic
def request_renewal(*, actor, number: str, items, summary: str = "", today: dt.date | None = None) -> RenewalRequest:
    today = today or timezone.localdate()
    certificate = _locked(number)
    if not actor.has_perm("certification.request_renewal", certificate):
        raise NotAllowed(_("Only the city's administrators and editors ask for renewal."))
    check_renewable(certificate, today)
    if certificate.renewal_requests.filter(status=RenewalStatus.PENDING).exists():
        raise Conflict(_("A renewal request is already waiting for the secretariat."), code="pending")
    if len(summary or "") > 5000:
        raise UserFacingError(_("The summary is too long (at most 5,000 characters)."), field="summary")
    progress = _progress_items(certificate, items)
    mean = Decimal(sum(item.percent for item in progress)) / len(progress)
    renewal = RenewalRequest.objects.create(
        certificate=certificate,
        # Rounded down: 49.996% must not become 50.00% and pass the threshold.
        progress_percent=mean.quantize(Decimal("0.01"), ROUND_DOWN),
        summary=(summary or "").strip(),
        submitted_by=actor,
    )
    for item in progress:
        item.request = renewal
    ProgressItem.objects.bulk_create(progress)
    record_event(
        actor=actor,
        action="certificate.renewal_requested",
        obj=certificate,
        after={"request": renewal.pk, "progress_percent": renewal.progress_percent},
    )
    return renewal


def _locked_request(actor, request_id: int) -> tuple[RenewalRequest, Certificate]:
    if not actor.has_perm("certification.manage_certificate"):
        raise NotAllowed(_("Only the secretariat decides renewals."))
    renewal = RenewalRequest.objects.filter(pk=request_id).select_related("certificate").first()
    if renewal is None:
        raise UserFacingError(_("There is no such renewal request."), field="request_id", code="not_found")
    certificate = _locked(renewal.certificate.number)
    _require_secretariat(actor, certificate)
    renewal = RenewalRequest.objects.select_for_update().get(pk=request_id)
    if renewal.status != RenewalStatus.PENDING:
        raise Conflict(_("This renewal request has already been decided."), code="decided")
    return renewal, certificate


@transaction.atomic
def renew_certificate(*, actor, request_id: int, note: str = "", today: dt.date | None = None) -> Certificate:
    """Give the certificate a new validity period, if the reported progress reaches the threshold."""
    today = today or timezone.localdate()
    renewal, certificate = _locked_request(actor, request_id)
    _check_renewable_state(certificate)
    threshold = certificate.criteria_set.renewal_threshold_percent
    if renewal.progress_percent < threshold:
        raise UserFacingError(
            _(
                "Progress is %(progress)s%%, below the renewal threshold of %(threshold)s%%: "
                "the certificate cannot be renewed."
            ),
            field="progress_percent",
            code="below_threshold",
            params={"progress": renewal.progress_percent, "threshold": threshold},
        )
    before = {"valid_from": certificate.valid_from, "expires_on": certificate.expires_on}
    start = max(certificate.expires_on + dt.timedelta(days=1), today)
    certificate.valid_from = start
    certificate.expires_on = period_end(start, certificate.criteria_set.certificate_validity_months)
    certificate.renewal_count += 1
    _sign(certificate)
    certificate.save(update_fields=["valid_from", "expires_on", "renewal_count", "payload", "key_id", "updated_at"])
    _decide(renewal, actor, RenewalStatus.RENEWED, note)
    record_event(
        actor=actor,
        action="certificate.renewed",
        obj=certificate,
        before=before,
        after={"valid_from": certificate.valid_from, "expires_on": certificate.expires_on, "request": renewal.pk},
    )
    _tell_city(certificate, "certificate_renewal_decided", comments=in_both_languages(lambda: _("Renewed.")))
    certificate_changed.send(actor, certificate)  # endorsements suspended by a lapse come back
    return certificate


@transaction.atomic
def refuse_renewal(*, actor, request_id: int, note: str) -> RenewalRequest:
    """Refuse the renewal: the certificate keeps its dates and expires at the end of them."""
    renewal, certificate = _locked_request(actor, request_id)
    note = _reason(note)
    _decide(renewal, actor, RenewalStatus.REFUSED, note)
    record_event(
        actor=actor, action="certificate.renewal_refused", obj=certificate, after={"request": renewal.pk, "note": note}
    )
    _tell_city(certificate, "certificate_renewal_decided", comments={"th": note, "en": note})
    return renewal


def _decide(renewal: RenewalRequest, actor, status: str, note: str) -> None:
    renewal.status = status
    renewal.decided_by = actor
    renewal.decided_at = timezone.now()
    renewal.decision_note = (note or "").strip()[:2000]
    renewal.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"])


# --- reminders, verification counts, messages ----------------------------------------------------------------


@transaction.atomic
def send_expiry_reminders(today: dt.date | None = None) -> int:
    """Remind each city 90 and 30 days before its certificate expires, once per validity period."""
    today = today or timezone.localdate()
    sent = 0
    horizon = today + dt.timedelta(days=max(REMINDER_DAYS))
    due = Certificate.objects.filter(state=CertificateState.ACTIVE, expires_on__gte=today, expires_on__lte=horizon)
    for certificate in due.select_related("proposal", "organization"):
        days_left = (certificate.expires_on - today).days
        lead = min((days for days in REMINDER_DAYS if days_left <= days), default=None)
        if lead is None:
            continue
        _row, created = ExpiryReminder.objects.get_or_create(
            certificate=certificate, expires_on=certificate.expires_on, days_before=lead, defaults={"sent_on": today}
        )
        if created:
            _tell_city(certificate, "certificate_expiry_reminder", deadline=certificate.expires_on)
            sent += 1
    return sent


def record_verification(certificate: Certificate, today: dt.date | None = None) -> None:
    """Count one check of this certificate. Nothing about the person who checked is stored."""
    today = today or timezone.localdate()
    updated = VerificationCount.objects.filter(certificate=certificate, day=today).update(count=F("count") + 1)
    if not updated:
        with transaction.atomic():
            row, created = VerificationCount.objects.get_or_create(
                certificate=certificate, day=today, defaults={"count": 1}
            )
        if not created:
            VerificationCount.objects.filter(pk=row.pk).update(count=F("count") + 1)


def _tell_city(certificate: Certificate, template_code: str, **extra) -> None:
    context = proposal_context(
        certificate.proposal,
        certificate_number=certificate.number,
        url=reverse("certification:detail", args=[certificate.number]),
        **extra,
    )
    notify(template_code=template_code, users=applicants(certificate.proposal), context=context, related=certificate)
