"""The evaluation over HTTP: the same services as the pages, the same refusals as problem details."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from smartcity.accounts.models import Organization
from smartcity.accounts.rules import is_working_group_member
from smartcity.api.visibility import visible_or_404
from smartcity.core.errors import NotAllowed, UserFacingError
from smartcity.evaluation import selectors, services
from smartcity.evaluation.models import Assignment
from smartcity.proposals.models import Proposal
from smartcity.proposals.selectors import proposals_for_user

router = Router(tags=["evaluation"])


class ScreeningIn(Schema):
    eligible_proponent: bool
    documents_complete: bool
    notes: str = ""


class AssignIn(Schema):
    domain: str
    member_ids: list[int]
    due_on: dt.date | None = None


class PlanIn(Schema):
    domains: dict[str, list[int]]
    due_on: dt.date | None = None


class ScorecardIn(Schema):
    scores: dict[str, Any]
    comment: str
    recommendation: str


class ConcludeIn(Schema):
    outcome: str
    comments: str = ""
    deadline: dt.date | None = None


class ConflictIn(Schema):
    kind: str
    organization_id: int | None = None
    province_code: str = ""
    proposal_id: int | None = None
    description: str = ""


class MeetingIn(Schema):
    number: int
    year_be: int
    held_on: dt.date
    quorum: int
    place: str = ""
    attendee_ids: list[int] = []


class DecisionIn(Schema):
    decision: str
    reason: str = ""
    resolution: str
    recused_ids: list[int] = []


class AcknowledgeIn(Schema):
    reference: str
    note: str = ""


def _state(proposal: Proposal) -> dict:
    proposal.refresh_from_db(fields=["status"])
    return {
        "id": proposal.pk,
        "status": proposal.status,
        "round": selectors.current_round(proposal),
        "results": {
            code: {
                "mean": float(r.mean),
                "median": float(r.median),
                "spread": float(r.spread),
                "disagreement": r.disagreement,
                "passed": r.passed,
                "round": r.round,
            }
            for code, r in selectors.latest_results(proposal).items()
        },
    }


def _secretariat_proposal(request, proposal_id: int) -> Proposal:
    if not request.auth.has_perm("evaluation.screen"):
        raise NotAllowed(_("Only the secretariat may do this."))
    return get_object_or_404(Proposal.objects.exclude(status="draft"), pk=proposal_id)


@router.get("/evaluation/inbox")
def inbox(request):
    if not request.auth.has_perm("evaluation.screen"):
        raise NotAllowed(_("Only the secretariat may do this."))
    return [
        {
            "id": p.pk,
            "title_th": p.title_th,
            "status": p.status,
            "age_business_days": selectors.age_in_business_days(p),
            "assigned": p.assigned,
            "scored": p.scored,
        }
        for p in selectors.secretariat_inbox(request.auth)
    ]


@router.get("/evaluation/proposals/{proposal_id}")
def evaluation_state(request, proposal_id: int):
    return _state(_secretariat_proposal(request, proposal_id))


@router.post("/evaluation/proposals/{proposal_id}/start-screening")
def start_screening(request, proposal_id: int):
    _secretariat_proposal(request, proposal_id)
    services.start_screening(actor=request.auth, proposal_id=proposal_id)
    return _state(get_object_or_404(Proposal, pk=proposal_id))


@router.post("/evaluation/proposals/{proposal_id}/screening")
def record_screening(request, proposal_id: int, payload: ScreeningIn):
    _secretariat_proposal(request, proposal_id)
    screening = services.record_screening(actor=request.auth, proposal_id=proposal_id, **payload.dict())
    return {
        "version": screening.version_number,
        "passed": screening.passed,
        "rules_check_clean": screening.rules_check_clean,
    }


@router.post("/evaluation/proposals/{proposal_id}/assignments")
def assign(request, proposal_id: int, payload: AssignIn):
    _secretariat_proposal(request, proposal_id)
    made = services.assign(
        actor=request.auth,
        proposal_id=proposal_id,
        domain_code=payload.domain,
        member_ids=payload.member_ids,
        due_on=payload.due_on,
    )
    return [{"id": a.pk, "member_id": a.member_id, "domain": payload.domain, "due_on": a.due_on} for a in made]


@router.get("/evaluation/proposals/{proposal_id}/plan")
def plan(request, proposal_id: int, per_domain: int = 2):
    """A dry run of the balanced assignment: nothing is saved."""
    return selectors.plan_balanced_assignment(_secretariat_proposal(request, proposal_id), per_domain=per_domain)


@router.post("/evaluation/proposals/{proposal_id}/plan")
def apply_plan(request, proposal_id: int, payload: PlanIn):
    _secretariat_proposal(request, proposal_id)
    made = services.apply_plan(
        actor=request.auth,
        proposal_id=proposal_id,
        plan={"domains": payload.domains, "problems": []},
        due_on=payload.due_on,
    )
    return {"assigned": len(made)}


@router.post("/evaluation/proposals/{proposal_id}/route")
def route(request, proposal_id: int):
    _secretariat_proposal(request, proposal_id)
    services.route_to_working_groups(actor=request.auth, proposal_id=proposal_id)
    return _state(get_object_or_404(Proposal, pk=proposal_id))


@router.post("/evaluation/proposals/{proposal_id}/conclude")
def conclude(request, proposal_id: int, payload: ConcludeIn):
    _secretariat_proposal(request, proposal_id)
    actor = request.auth
    if payload.outcome == "recommend":
        services.recommend(actor=actor, proposal_id=proposal_id)
    elif payload.outcome == "request_revision":
        services.request_revision(
            actor=actor, proposal_id=proposal_id, comments=payload.comments, deadline=payload.deadline or dt.date.min
        )
    elif payload.outcome == "not_recommend":
        services.not_recommend(actor=actor, proposal_id=proposal_id, reason=payload.comments)
    else:
        raise UserFacingError(_("Choose an outcome: recommend, request_revision or not_recommend."), field="outcome")
    return _state(get_object_or_404(Proposal, pk=proposal_id))


@router.get("/evaluation/assignments")
def my_assignments(request):
    return [
        {
            "id": a.pk,
            "proposal_id": a.proposal_id,
            "domain": a.domain.code,
            "round": a.round,
            "due_on": a.due_on,
            "scored": hasattr(a, "scorecard"),
        }
        for a in selectors.assignments_for_member(request.auth)
    ]


@router.post("/evaluation/assignments/{assignment_id}/scorecard", response={201: dict})
def submit_scorecard(request, assignment_id: int, payload: ScorecardIn):
    get_object_or_404(Assignment, pk=assignment_id, member=request.auth)
    card = services.submit_scorecard(actor=request.auth, assignment_id=assignment_id, **payload.dict())
    return Status(201, {"total": float(card.total), "recommendation": card.recommendation})


@router.post("/evaluation/conflicts", response={201: dict})
def declare_conflict(request, payload: ConflictIn):
    if not is_working_group_member(request.auth):
        raise NotAllowed(_("Only working-group members declare conflicts of interest."))
    organization = Organization.objects.filter(pk=payload.organization_id).first() if payload.organization_id else None
    proposal = visible_or_404(request, proposals_for_user, pk=payload.proposal_id) if payload.proposal_id else None
    conflict = services.declare_conflict(
        actor=request.auth,
        kind=payload.kind,
        organization=organization,
        province_code=payload.province_code,
        proposal=proposal,
        description=payload.description,
    )
    return Status(201, {"id": conflict.pk})


@router.post("/evaluation/meetings", response={201: dict})
def create_meeting(request, payload: MeetingIn):
    meeting = services.create_meeting(actor=request.auth, **payload.dict())
    return Status(201, {"id": meeting.pk, "number": str(meeting)})


@router.post("/evaluation/meetings/{meeting_id}/agenda/{proposal_id}", response={201: dict})
def add_to_agenda(request, meeting_id: int, proposal_id: int):
    _secretariat_proposal(request, proposal_id)
    item = services.add_to_agenda(actor=request.auth, meeting_id=meeting_id, proposal_id=proposal_id)
    return Status(201, {"id": item.pk, "order": item.order})


@router.put("/evaluation/agenda-items/{item_id}/decision")
def set_decision(request, item_id: int, payload: DecisionIn):
    item = services.set_pending_decision(actor=request.auth, item_id=item_id, **payload.dict())
    return {"id": item.pk, "decision": item.decision}


@router.post("/evaluation/meetings/{meeting_id}/apply")
def apply_decisions(request, meeting_id: int):
    meeting = services.apply_decisions(actor=request.auth, meeting_id=meeting_id)
    return {"id": meeting.pk, "closed_at": meeting.closed_at}


@router.post("/evaluation/proposals/{proposal_id}/acknowledge")
def acknowledge(request, proposal_id: int, payload: AcknowledgeIn):
    visible_or_404(request, proposals_for_user, pk=proposal_id)
    services.acknowledge(actor=request.auth, proposal_id=proposal_id, **payload.dict())
    return {"id": proposal_id, "status": "acknowledged"}
