"""Every write of the evaluation: screening, conflicts, assignment, scoring, conclusions, meetings, decisions."""

from __future__ import annotations

import datetime as dt
import statistics
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.accounts.models import ProgramRoleCode, User
from smartcity.core.audit import record_event
from smartcity.core.business_days import add_business_days
from smartcity.core.errors import Conflict, NotAllowed, UserFacingError
from smartcity.core.thai import in_both_languages
from smartcity.program.models import Criterion, Domain, ProgramRole
from smartcity.proposals.messages import tell_applicants
from smartcity.proposals.models import Proposal, ProposalStatus
from smartcity.proposals.rules_check import Rules, blocking, check
from smartcity.proposals.workflow import apply_transition

from .conflicts import conflict_reasons, conflicts_by_member
from .models import (
    AgendaItem,
    Assignment,
    ConflictOfInterest,
    Decision,
    DomainResult,
    Meeting,
    Recommendation,
    RevisionRequest,
    Scorecard,
    Screening,
)

S = ProposalStatus
DEFAULT_DUE_BUSINESS_DAYS = 15
ASSIGNABLE_STATUSES = frozenset({S.SCREENING, S.IN_EVALUATION})
ELIGIBLE_KINDS = {
    "city_municipality",
    "town_municipality",
    "subdistrict_municipality",
    "pao",
    "province",
    "university",
    "private_company",
    "city_development_company",
}


def _latest_version(proposal: Proposal):
    version = proposal.versions.order_by("-number").first()
    if version is None:
        raise Conflict(_("The proposal has no submitted version."), code="no_version")
    return version


def current_round(proposal: Proposal) -> int:
    return proposal.assignments.aggregate(r=Max("round"))["r"] or 1


# --- screening -------------------------------------------------------------------------------------------


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
    version = _latest_version(proposal)
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
    from smartcity.certification.models import CertificateKind
    from smartcity.certification.services import issue_certificate

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
        certificate = issue_certificate(actor=actor, proposal=proposal, kind=CertificateKind.PROMOTION_ZONE)
        record_event(
            actor=actor,
            action="proposal.promotion_zone_designated",
            obj=proposal,
            after={"reason": reason[:1000], "certificate": certificate.number},
        )
    return proposal


# --- conflicts of interest and assignment ------------------------------------------------------------------


@transaction.atomic
def declare_conflict(
    *, actor, kind: str, organization=None, province_code: str = "", proposal=None, description: str = ""
) -> ConflictOfInterest:
    from smartcity.accounts.rules import is_working_group_member
    from smartcity.proposals.selectors import proposals_for_user

    if not is_working_group_member(actor):
        raise NotAllowed(_("Only working-group members declare conflicts of interest."))
    if proposal is not None and not proposals_for_user(actor).filter(pk=proposal.pk).exists():
        raise UserFacingError(_("Unknown proposal."), field="proposal_id")
    conflict = ConflictOfInterest(
        member=actor,
        kind=kind,
        organization=organization,
        province_code=province_code or "",
        proposal=proposal,
        description=description,
    )
    if kind == "organization" and organization is None:
        raise UserFacingError(_("Choose the organisation."), field="organization")
    if kind == "province":
        from django.core.exceptions import ValidationError

        from smartcity.core.identifiers import validate_province_code

        try:
            validate_province_code(province_code)
        except ValidationError as error:
            raise UserFacingError(error.messages[0], field="province_code") from error
    if kind == "proposal" and (proposal is None or not description.strip()):
        raise UserFacingError(_("Choose the proposal and explain the conflict."), field="description")
    conflict.full_clean()
    conflict.save()
    record_event(
        actor=actor,
        action="conflict.declared",
        obj=conflict,
        after={
            "kind": kind,
            "organization": getattr(organization, "pk", None),
            "province_code": province_code,
            "proposal": getattr(proposal, "pk", None),
        },
    )
    return conflict


def _group_member_ids(domain: Domain) -> set[int]:
    return set(
        ProgramRole.objects.filter(role=ProgramRoleCode.WORKING_GROUP, domain=domain).values_list("user_id", flat=True)
    )


def _claimed(proposal: Proposal, domain_code: str) -> Domain:
    domain = proposal.domains.filter(code=domain_code).first()
    if domain is None:
        raise UserFacingError(_("The proposal does not claim this domain."), field="domain", code="domain_not_claimed")
    return domain


def _check_due(due_on: dt.date) -> None:
    if due_on < timezone.localdate():
        raise UserFacingError(
            _("The deadline %(date)s is in the past."),
            field="due_on",
            code="deadline_past",
            params={"date": due_on.isoformat()},
        )


@transaction.atomic
def assign(
    *, actor, proposal_id: int, domain_code: str, member_ids: list[int], due_on: dt.date | None = None
) -> list[Assignment]:
    """Assign members of the domain's working group. A conflicted member is refused with the reason."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
    if not actor.has_perm("evaluation.screen", proposal):
        raise NotAllowed(_("Only the secretariat assigns evaluators."))
    if proposal.status not in ASSIGNABLE_STATUSES:
        raise Conflict(_("Evaluators are assigned while the proposal is screened or evaluated."), code="bad_state")
    domain = _claimed(proposal, domain_code)
    due_on = due_on or add_business_days(timezone.localdate(), DEFAULT_DUE_BUSINESS_DAYS)
    _check_due(due_on)
    members = {u.pk: u for u in User.objects.filter(pk__in=member_ids)}
    group = _group_member_ids(domain)
    version = _latest_version(proposal)
    round_number = current_round(proposal)
    made = []
    for member_id in member_ids:
        member = members.get(member_id)
        if member is None or member_id not in group:
            raise UserFacingError(
                _("%(who)s is not a member of the %(domain)s working group."),
                field="member",
                code="not_in_group",
                params={"who": getattr(member, "full_name", member_id), "domain": domain.name_th},
            )
        reasons = conflict_reasons(member, proposal)
        if reasons:
            raise UserFacingError(
                _("%(who)s cannot be assigned: %(reason)s"),
                field="member",
                code="conflicted",
                params={"who": member.full_name, "reason": "; ".join(map(str, reasons))},
            )
        assignment, created = Assignment.objects.get_or_create(
            proposal=proposal,
            domain=domain,
            member=member,
            round=round_number,
            defaults={"version_number": version.number, "due_on": due_on, "assigned_by": actor},
        )
        if created:
            made.append(assignment)
            record_event(
                actor=actor,
                action="assignment.created",
                obj=proposal,
                after={"domain": domain.code, "member": member.email, "round": round_number, "due_on": due_on},
            )
    _notify_assigned(made)
    return made


def _notify_assigned(assignments: list[Assignment]) -> None:
    from smartcity.notifications.services import notify
    from smartcity.proposals.messages import proposal_context

    for a in assignments:
        notify(
            template_code="assignment_created",
            users=[a.member],
            related=a.proposal,
            context=proposal_context(
                a.proposal,
                deadline=a.due_on,
                comments={"th": a.domain.name_th, "en": a.domain.name_en},
                url=f"/evaluation/assignments/{a.pk}/",
            ),
        )


def plan_balanced_assignment(proposal: Proposal, per_domain: int = 2) -> dict[str, Any]:
    """A dry run: for each claimed domain, the members with the fewest open assignments, never a conflicted one."""
    open_counts = dict(
        Assignment.objects.filter(scorecard__isnull=True)
        .values("member")
        .annotate(n=Count("id"))
        .values_list("member", "n")
    )
    plan: dict[str, Any] = {"domains": {}, "problems": []}
    existing = set(proposal.assignments.filter(round=current_round(proposal)).values_list("domain__code", "member_id"))
    conflicted = conflicts_by_member(proposal)
    for domain in proposal.domains.all():
        candidates = []
        for member in User.objects.filter(pk__in=_group_member_ids(domain), is_active=True).order_by("full_name"):
            if (domain.code, member.pk) in existing:
                continue
            if member.pk in conflicted:
                continue
            candidates.append(member)
        candidates.sort(key=lambda m: (open_counts.get(m.pk, 0), m.full_name))
        already = sum(1 for code, _member in existing if code == domain.code)
        chosen = candidates[: max(0, per_domain - already)]
        plan["domains"][domain.code] = [m.pk for m in chosen]
        if already + len(chosen) < per_domain:
            plan["problems"].append(
                str(
                    _("%(domain)s: only %(n)s eligible members.")
                    % {"domain": domain.name_th, "n": already + len(chosen)}
                )
            )
    return plan


@transaction.atomic
def apply_plan(*, actor, proposal_id: int, plan: dict[str, Any], due_on: dt.date | None = None) -> list[Assignment]:
    """All or nothing: if any assignment is refused, none is made."""
    if plan.get("problems"):
        raise UserFacingError(
            _("The plan cannot be applied: %(problems)s"),
            code="plan_incomplete",
            params={"problems": "; ".join(plan["problems"])},
        )
    made = []
    for domain_code, member_ids in plan["domains"].items():
        made += assign(
            actor=actor, proposal_id=proposal_id, domain_code=domain_code, member_ids=member_ids, due_on=due_on
        )
    return made


def route_to_working_groups(*, actor, proposal_id: int) -> Proposal:
    def check_ready(proposal: Proposal) -> dict:
        screening = proposal.screenings.order_by("-version_number").first()
        version = _latest_version(proposal)
        if screening is None or screening.version_number != version.number or not screening.passed:
            raise Conflict(_("The qualification check of this version has not passed."), code="not_qualified")
        missing = proposal.domains.exclude(
            pk__in=proposal.assignments.filter(round=current_round(proposal)).values("domain")
        )
        if missing.exists():
            raise Conflict(
                _("Assign evaluators for every claimed domain first: %(domains)s."),
                code="unassigned",
                params={"domains": ", ".join(d.name_th for d in missing)},
            )
        return {"round": current_round(proposal)}

    return apply_transition(actor=actor, proposal_id=proposal_id, action="route", effect=check_ready)


# --- scoring -----------------------------------------------------------------------------------------------


def _validated_scores(scores: Any, criteria_set) -> dict[str, Decimal]:
    if not isinstance(scores, dict):
        raise UserFacingError(_("Give a score for each criterion."), field="scores")
    cleaned: dict[str, Decimal] = {}
    for criterion in Criterion.objects.all():
        key = str(criterion.number)
        weight = criteria_set.weight_for(criterion.number)
        if key not in scores or scores[key] in (None, ""):
            raise UserFacingError(
                _("Criterion %(n)s has no score."),
                field=f"scores.{key}",
                code="missing_score",
                params={"n": criterion.number},
            )
        try:
            value = Decimal(str(scores[key]))
        except Exception as error:  # noqa: BLE001 - any unreadable number is the same mistake
            raise UserFacingError(
                _("Criterion %(n)s: “%(value)s” is not a number."),
                field=f"scores.{key}",
                params={"n": criterion.number, "value": str(scores[key])[:20]},
            ) from error
        if not value.is_finite() or not (0 <= value <= weight):
            raise UserFacingError(
                _("Criterion %(n)s: the score must be between 0 and %(max)s."),
                field=f"scores.{key}",
                code="score_out_of_range",
                params={"n": criterion.number, "max": weight},
            )
        cleaned[key] = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    unknown = set(map(str, scores)) - set(cleaned)
    if unknown:
        raise UserFacingError(_("Unknown criterion: %(keys)s."), field="scores", params={"keys": ", ".join(unknown)})
    return cleaned


@transaction.atomic
def submit_scorecard(*, actor, assignment_id: int, scores: dict, comment: str, recommendation: str) -> Scorecard:
    assignment = Assignment.objects.select_related("domain").get(pk=assignment_id)
    proposal = Proposal.objects.select_for_update().get(pk=assignment.proposal_id)
    if not actor.has_perm("evaluation.score_assignment", assignment):
        raise NotAllowed(_("You may not score this proposal."))
    if proposal.status != S.IN_EVALUATION or assignment.round != current_round(proposal):
        raise Conflict(_("This proposal is not being evaluated in this round."), code="not_in_evaluation")
    if Scorecard.objects.filter(assignment=assignment).exists():
        raise Conflict(_("You have already submitted this scorecard."), code="already_scored")
    if recommendation not in Recommendation.values:
        raise UserFacingError(_("Choose a recommendation: pass, revise or fail."), field="recommendation")
    if not (comment or "").strip():
        raise UserFacingError(_("Write a comment for the applicant and the group."), field="comment")
    criteria_set = proposal.versions.get(number=assignment.version_number).criteria_set
    cleaned = _validated_scores(scores, criteria_set)
    scorecard = Scorecard.objects.create(
        assignment=assignment,
        scores={k: str(v) for k, v in cleaned.items()},
        total=sum(cleaned.values()),
        comment=comment[:10000],
        recommendation=recommendation,
        submitted_at=timezone.now(),
    )
    record_event(
        actor=actor,
        action="scorecard.submitted",
        obj=proposal,
        after={
            "domain": assignment.domain.code,
            "round": assignment.round,
            "total": scorecard.total,
            "recommendation": recommendation,
        },
    )
    _compute_result_when_complete(proposal, assignment.domain, assignment.round, criteria_set)
    return scorecard


def domain_result_fields(totals: list[Decimal], criteria_set) -> dict[str, Any]:
    """A working group's result from its members' totals: mean (the agreed score), median, spread, whether the
    reviewers disagree and whether it passes, under the criteria set's rules."""
    mean = (sum(totals) / len(totals)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    spread = max(totals) - min(totals)
    return {
        "member_count": len(totals),
        "mean": mean,
        "median": Decimal(str(statistics.median(totals))).quantize(Decimal("0.01")),
        "spread": spread,
        "disagreement": spread > criteria_set.disagreement_spread,
        "agreed_score": mean,
        "passed": mean >= criteria_set.pass_mark,
    }


def _compute_result_when_complete(proposal: Proposal, domain: Domain, round_number: int, criteria_set) -> None:
    """Runs under the proposal's row lock, so the result is computed exactly once."""
    group = Assignment.objects.filter(proposal=proposal, domain=domain, round=round_number)
    if (
        group.filter(scorecard__isnull=True).exists()
        or DomainResult.objects.filter(proposal=proposal, domain=domain, round=round_number).exists()
    ):
        return
    totals = [a.scorecard.total for a in group.select_related("scorecard")]
    result = DomainResult.objects.create(
        proposal=proposal,
        domain=domain,
        round=round_number,
        computed_at=timezone.now(),
        **domain_result_fields(totals, criteria_set),
    )
    record_event(
        actor="system",
        action="domain_result.computed",
        obj=proposal,
        after={
            "domain": domain.code,
            "round": round_number,
            "mean": result.mean,
            "median": result.median,
            "spread": result.spread,
            "disagreement": result.disagreement,
            "passed": result.passed,
        },
    )


def latest_results(proposal: Proposal) -> dict[str, DomainResult]:
    """The newest result of each claimed domain (a domain that passed keeps its result across rounds)."""
    results: dict[str, DomainResult] = {}
    for result in proposal.domain_results.select_related("domain").order_by("round"):
        results[result.domain.code] = result
    return results


def _all_results_in(proposal: Proposal) -> dict[str, DomainResult]:
    results = latest_results(proposal)
    round_number = current_round(proposal)
    pending = proposal.assignments.filter(round=round_number, scorecard__isnull=True).exists()
    claimed = set(proposal.domains.values_list("code", flat=True))
    if pending or not claimed <= set(results):
        raise Conflict(_("Not every working group has its result yet."), code="results_pending")
    return results


# --- concluding the evaluation -------------------------------------------------------------------------


def recommend(*, actor, proposal_id: int) -> Proposal:
    def all_pass(proposal: Proposal) -> dict:
        results = _all_results_in(proposal)
        short = [code for code, r in results.items() if not r.passed]
        if short:
            raise Conflict(
                _("Some domains are short of the pass mark: %(domains)s."),
                code="not_all_passed",
                params={"domains": ", ".join(short)},
            )
        return {"results": {code: r.agreed_score for code, r in results.items()}}

    return apply_transition(actor=actor, proposal_id=proposal_id, action="recommend", effect=all_pass)


def request_revision(*, actor, proposal_id: int, comments: str, deadline: dt.date) -> Proposal:
    """Approved in principle: back to the applicant with the consolidated comments and a deadline."""
    if not (comments or "").strip():
        raise UserFacingError(_("Write the consolidated comments for the applicant."), field="comments")
    _check_due(deadline)

    def record(proposal: Proposal) -> dict:
        _all_results_in(proposal)
        RevisionRequest.objects.create(
            proposal=proposal,
            round=current_round(proposal),
            comments=comments[:20000],
            deadline=deadline,
            requested_by=actor,
        )
        tell_applicants(proposal, "revision_requested", deadline=deadline, comments=comments[:2000])
        return {"deadline": deadline, "round": current_round(proposal)}

    return apply_transition(actor=actor, proposal_id=proposal_id, action="request_revision", effect=record)


def not_recommend(*, actor, proposal_id: int, reason: str) -> Proposal:
    if not (reason or "").strip():
        raise UserFacingError(_("Give the reason."), field="reason")

    def record(proposal: Proposal) -> dict:
        _all_results_in(proposal)
        return {"reason": reason[:2000]}

    return apply_transition(actor=actor, proposal_id=proposal_id, action="not_recommend", effect=record)


def open_next_round(proposal: Proposal, version_number: int, actor) -> int:
    """After a revision, the groups of the domains that fell short score the new version in a new round."""
    previous = current_round(proposal)
    results = latest_results(proposal)
    new_round = previous + 1
    conflicted = conflicts_by_member(proposal)
    for assignment in proposal.assignments.filter(round=previous).select_related("domain"):
        result = results.get(assignment.domain.code)
        if result is not None and result.passed:
            continue
        if assignment.member_id in conflicted:
            continue  # declared a conflict since: the secretariat assigns someone else for this round
        Assignment.objects.get_or_create(
            proposal=proposal,
            domain=assignment.domain,
            member=assignment.member,
            round=new_round,
            defaults={
                "version_number": version_number,
                "assigned_by": actor,
                "due_on": add_business_days(timezone.localdate(), DEFAULT_DUE_BUSINESS_DAYS),
            },
        )
    return new_round


# --- subcommittee meetings -----------------------------------------------------------------------------


@transaction.atomic
def create_meeting(
    *,
    actor,
    number: int,
    year_be: int,
    held_on: dt.date,
    quorum: int,
    place: str = "",
    attendee_ids: list[int] | None = None,
) -> Meeting:
    if not actor.has_perm("evaluation.manage_meetings"):
        raise NotAllowed(_("Only the secretariat prepares meetings."))
    if not (1 <= number <= 999) or not (2500 <= year_be <= 2700):
        raise UserFacingError(
            _("A meeting number looks like 1/2569: a number and a Buddhist-Era year."), field="number"
        )
    if quorum < 1:
        raise UserFacingError(_("The quorum must be at least one member."), field="quorum")
    if Meeting.objects.filter(number=number, year_be=year_be).exists():
        raise UserFacingError(
            _("Meeting %(n)s/%(y)s already exists."), field="number", params={"n": number, "y": year_be}
        )
    meeting = Meeting.objects.create(
        number=number, year_be=year_be, held_on=held_on, quorum=quorum, place=place, created_by=actor
    )
    subcommittee = set(ProgramRole.objects.filter(role=ProgramRoleCode.SUBCOMMITTEE).values_list("user_id", flat=True))
    meeting.attendees.set([i for i in (attendee_ids or []) if i in subcommittee])
    record_event(
        actor=actor,
        action="meeting.created",
        obj=meeting,
        after={"number": f"{number}/{year_be}", "quorum": quorum, "attendees": sorted(attendee_ids or [])},
    )
    return meeting


def agenda_candidates():
    """Proposals whose domain results are all in and that await a decision, unless an open meeting has them."""
    # A subquery, not exclude(agenda_items__meeting__closed_at__isnull=True): through the outer joins that also
    # matched (and so excluded) every proposal never put on any agenda.
    on_open_agendas = AgendaItem.objects.filter(meeting__closed_at__isnull=True).values("proposal")
    return (
        Proposal.objects.filter(status__in=[S.RECOMMENDED, S.NOT_RECOMMENDED, S.DEFERRED])
        .exclude(pk__in=on_open_agendas)
        .select_related("organization")
    )


@transaction.atomic
def add_to_agenda(*, actor, meeting_id: int, proposal_id: int) -> AgendaItem:
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    if not actor.has_perm("evaluation.manage_meetings"):
        raise NotAllowed(_("Only the secretariat prepares meetings."))
    if meeting.closed_at:
        raise Conflict(_("The meeting's decisions were already applied."), code="meeting_closed")
    proposal = Proposal.objects.get(pk=proposal_id)
    if proposal.status not in (S.RECOMMENDED, S.NOT_RECOMMENDED, S.DEFERRED):
        raise Conflict(
            _("Only proposals whose working-group results are all in can be put on the agenda."), code="not_ready"
        )
    if AgendaItem.objects.filter(proposal=proposal, meeting__closed_at__isnull=True).exclude(meeting=meeting).exists():
        raise Conflict(_("This proposal is already on the agenda of another open meeting."), code="already_on_agenda")
    order = (meeting.items.aggregate(o=Max("order"))["o"] or 0) + 1
    item, _created = AgendaItem.objects.get_or_create(meeting=meeting, proposal=proposal, defaults={"order": order})
    record_event(actor=actor, action="meeting.agenda_item_added", obj=meeting, after={"proposal": proposal.pk})
    return item


@transaction.atomic
def set_pending_decision(
    *, actor, item_id: int, decision: str, reason: str = "", resolution: str = "", recused_ids: list[int] | None = None
) -> AgendaItem:
    item = AgendaItem.objects.select_for_update().select_related("meeting", "proposal").get(pk=item_id)
    if not actor.has_perm("evaluation.record_decision", item.meeting):
        raise NotAllowed(_("Only the subcommittee's members and the secretariat record decisions."))
    organiser = actor.has_perm("evaluation.manage_meetings") or actor.has_perm(
        "evaluation.apply_decisions", item.meeting
    )
    if not organiser and (
        not item.meeting.attendees.filter(pk=actor.pk).exists() or item.recused.filter(pk=actor.pk).exists()
    ):
        raise NotAllowed(_("Only members attending the meeting who have not recused themselves record decisions."))
    if not organiser and recused_ids is not None and set(recused_ids) != set(item.recused.values_list("pk", flat=True)):
        raise NotAllowed(_("Only the chair and the secretariat record recusals."))
    if item.meeting.closed_at:
        raise Conflict(_("The meeting's decisions were already applied."), code="meeting_closed")
    allowed = _decisions_for(item.proposal.status)
    if decision not in allowed:
        raise Conflict(
            _("“%(decision)s” is not possible for a proposal that is “%(status)s”."),
            code="transition_not_allowed",
            params={"decision": decision, "status": item.proposal.get_status_display()},
        )
    if decision in (Decision.REJECT, Decision.DEFER) and not reason.strip():
        raise UserFacingError(_("Give the reason for rejecting or deferring."), field="reason")
    if not resolution.strip():
        raise UserFacingError(_("Write the resolution text."), field="resolution")
    item.decision, item.reason, item.resolution = decision, reason[:5000], resolution[:5000]
    item.save(update_fields=["decision", "reason", "resolution"])
    if recused_ids is not None:
        item.recused.set(item.meeting.attendees.filter(pk__in=recused_ids))
    record_event(
        actor=actor,
        action="meeting.decision_recorded",
        obj=item.meeting,
        after={"proposal": item.proposal_id, "decision": decision, "recused": sorted(recused_ids or [])},
    )
    return item


def _decisions_for(status: str) -> set[str]:
    if status == S.RECOMMENDED:
        return {Decision.APPROVE, Decision.REJECT, Decision.DEFER}
    if status == S.NOT_RECOMMENDED:
        return {Decision.REJECT, Decision.DEFER}
    if status == S.DEFERRED:
        return {Decision.APPROVE, Decision.REJECT, Decision.DEFER}
    return set()


ACTION_FOR_DECISION = {Decision.APPROVE: "approve", Decision.REJECT: "reject", Decision.DEFER: "defer"}


@transaction.atomic
def apply_decisions(*, actor, meeting_id: int) -> Meeting:
    """The chair applies every pending decision at once; without quorum for any item, nothing is applied."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    if not actor.has_perm("evaluation.apply_decisions", meeting):
        raise NotAllowed(_("Only the subcommittee's chair applies the decisions."))
    if meeting.closed_at:
        raise Conflict(_("The meeting's decisions were already applied."), code="meeting_closed")
    items = list(meeting.items.select_related("proposal").prefetch_related("recused"))
    if not items or any(not item.decision for item in items):
        raise Conflict(_("Every item on the agenda needs a decision first."), code="decisions_pending")
    present = meeting.attendees.count()
    for item in items:
        voting = present - item.recused.count()
        if voting < meeting.quorum:
            raise Conflict(
                _("No quorum for “%(title)s”: %(n)s members can vote, %(quorum)s are needed."),
                code="no_quorum",
                params={"title": item.proposal.title_th, "n": voting, "quorum": meeting.quorum},
            )
    for item in items:
        apply_transition(
            actor=actor,
            proposal_id=item.proposal_id,
            action=ACTION_FOR_DECISION[item.decision],
            effect=lambda p, item=item: {"meeting": str(meeting), "resolution": item.resolution, "reason": item.reason},
        )
        item.applied_at = timezone.now()
        item.save(update_fields=["applied_at"])
        # The decision letter waits in the outbox until the secretariat checks and releases it.
        tell_applicants(
            item.proposal,
            "decision_letter",
            decision=in_both_languages(item.get_decision_display),
            meeting=str(meeting),
            comments=item.resolution,
        )
    meeting.closed_at = timezone.now()
    meeting.save(update_fields=["closed_at", "updated_at"])
    record_event(actor=actor, action="meeting.decisions_applied", obj=meeting, after={"items": len(items)})
    return meeting


# --- committee -----------------------------------------------------------------------------------------


def acknowledge(*, actor, proposal_id: int, reference: str, note: str = "") -> Proposal:
    from .models import Acknowledgement

    if not (reference or "").strip():
        raise UserFacingError(
            _("Give the committee meeting or letter that acknowledges the approval."), field="reference"
        )

    def record(proposal: Proposal) -> dict:
        from smartcity.certification.models import CertificateKind
        from smartcity.certification.services import issue_certificate

        Acknowledgement.objects.create(
            proposal=proposal, reference=reference[:200], note=note[:5000], acknowledged_by=actor
        )
        certificate = issue_certificate(actor=actor, proposal=proposal, kind=CertificateKind.SMART_CITY)
        return {"reference": reference[:200], "certificate": certificate.number}

    return apply_transition(actor=actor, proposal_id=proposal_id, action="acknowledge", effect=record)


# --- reminders -----------------------------------------------------------------------------------------


@transaction.atomic
def remind_due_assignments(today: dt.date | None = None, within_business_days: int = 2) -> int:
    """Remind members whose scorecards are due within two business days; each assignment once."""
    from smartcity.notifications.services import notify
    from smartcity.proposals.messages import proposal_context

    today = today or timezone.localdate()
    horizon = add_business_days(today, within_business_days)
    due = (
        Assignment.objects.select_for_update(of=("self",))
        .filter(scorecard__isnull=True, reminded_on__isnull=True, due_on__lte=horizon, proposal__status=S.IN_EVALUATION)
        .select_related("proposal__organization", "member", "domain")
    )
    count = 0
    for assignment in due:
        notify(
            template_code="deadline_reminder",
            users=[assignment.member],
            related=assignment.proposal,
            context=proposal_context(
                assignment.proposal,
                deadline=assignment.due_on,
                comments={"th": assignment.domain.name_th, "en": assignment.domain.name_en},
                url=f"/evaluation/assignments/{assignment.pk}/",
            ),
        )
        assignment.reminded_on = today
        assignment.save(update_fields=["reminded_on", "updated_at"])
        count += 1
    return count
