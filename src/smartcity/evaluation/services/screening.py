"""Screening: the secretariat checks the proponent, the rules and the documents; a qualified area may be
designated a promotion zone."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.audit import record_event
from smartcity.core.errors import Conflict, NotAllowed
from smartcity.proposals.models import Proposal
from smartcity.proposals.rules_check import Rules, blocking, check
from smartcity.proposals.workflow import apply_transition

from ..handoffs import PROMOTION_ZONE, proposal_designated
from ..models import (
    Screening,
)
from ..selectors import certified_domains
from .common import ELIGIBLE_KINDS, S, latest_version


def start_screening(*, actor, proposal_id: int) -> Proposal:
    return apply_transition(actor=actor, proposal_id=proposal_id, action="start_screening")


@transaction.atomic
def record_screening(
    *, actor, proposal_id: int, eligible_proponent: bool, documents_complete: bool, notes: str = ""
) -> Screening:
    """The qualification checklist of the current version; the rules check is re-run on the frozen document."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
    if not actor.has_perm("evaluation.screen", proposal):
        raise NotAllowed(_("Only the secretariat screens proposals."))
    if proposal.status != S.SCREENING:
        raise Conflict(_("Start screening the proposal first."), code="not_screening")
    version = latest_version(proposal)
    clean = not blocking(check(version.document, Rules.from_criteria_set(version.criteria_set)))
    screening, _created = Screening.objects.update_or_create(
        proposal=proposal,
        version_number=version.number,
        defaults={
            "eligible_proponent": bool(eligible_proponent) and proposal.organization.kind in ELIGIBLE_KINDS,
            "rules_check_clean": clean,
            "documents_complete": bool(documents_complete),
            "notes": (notes or "")[:5000],
            "checked_by": actor,
        },
    )
    record_event(
        actor=actor,
        action="proposal.screened",
        obj=proposal,
        after={
            "version": version.number,
            "eligible_proponent": screening.eligible_proponent,
            "rules_check_clean": clean,
            "documents_complete": screening.documents_complete,
            "passed": screening.passed,
        },
    )
    return screening


@transaction.atomic
def designate_promotion_zone(*, actor, proposal_id: int, reason: str = "") -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
    if not actor.has_perm("evaluation.screen", proposal):
        raise NotAllowed(_("Only the secretariat designates promotion zones."))
    screening = proposal.screenings.order_by("-version_number").first()
    if screening is None or not screening.passed:
        raise Conflict(
            _("Only an area whose proposal passed the qualification check can be designated."), code="not_qualified"
        )
    if proposal.promotion_zone_at is None:
        proposal.promotion_zone_at = timezone.now()
        proposal.save(update_fields=["promotion_zone_at", "updated_at"])
        number = proposal_designated.call(actor, proposal, PROMOTION_ZONE, certified_domains(proposal))
        record_event(
            actor=actor,
            action="proposal.promotion_zone_designated",
            obj=proposal,
            after={"reason": reason[:1000], "certificate": number},
        )
    return proposal
