"""BOI endorsements: a partner company's request, the secretariat's decision, and their link to the
certificate (an approved endorsement is suspended when its certificate lapses, restored when it is current)."""

from __future__ import annotations

from django.utils import timezone

from smartcity.core.audit import record_event

from .models import Certificate, Endorsement, EndorsementStatus


def suspend_lapsed_endorsements(*, actor=None, certificates: list[Certificate] | None = None) -> int:
    """Persist what ``Endorsement.effective_status`` already shows: suspend approved endorsements whose
    certificate is no longer current, and restore those suspended with a certificate that is current again.
    Runs inside the caller's transaction (a certificate change) or nightly for certificates that expired."""
    endorsements = Endorsement.objects.select_for_update().select_related("certificate")
    if certificates is not None:
        endorsements = endorsements.filter(certificate__in=certificates)
    changed = 0
    today = timezone.localdate()
    for endorsement in endorsements.filter(status__in=[EndorsementStatus.APPROVED, EndorsementStatus.SUSPENDED]):
        current = endorsement.certificate.status_on(today) in {"valid", "expiring"}
        if endorsement.status == EndorsementStatus.APPROVED and not current:
            endorsement.status = EndorsementStatus.SUSPENDED
            endorsement.suspended_with_certificate = True
        elif endorsement.status == EndorsementStatus.SUSPENDED and endorsement.suspended_with_certificate and current:
            endorsement.status = EndorsementStatus.APPROVED
            endorsement.suspended_with_certificate = False
        else:
            continue
        endorsement.save(update_fields=["status", "suspended_with_certificate", "updated_at"])
        record_event(
            actor=actor,
            action=f"endorsement.{'suspended' if endorsement.status == EndorsementStatus.SUSPENDED else 'restored'}",
            obj=endorsement,
            after={"status": endorsement.status, "certificate": endorsement.certificate.number},
        )
        changed += 1
    return changed
