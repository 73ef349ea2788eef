"""The evaluation in the browser: the secretariat's inbox and workspace, the working groups' queue and
scorecards, conflicts of interest, subcommittee meetings, the committee's acknowledgement, reviewer insight."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartcity.accounts.models import ProgramRoleCode, User
from smartcity.accounts.rules import is_committee_member, is_secretariat, is_working_group_member
from smartcity.core.pagination import page_of
from smartcity.core.web import act, require
from smartcity.program.models import Criterion
from smartcity.proposals.models import Proposal, ProposalStatus
from smartcity.proposals.workflow import allowed_actions

from . import forms, selectors, services
from .conflicts import conflicts_by_member
from .models import Assignment, Meeting


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    require(is_secretariat(request.user))
    page = page_of(request, selectors.secretariat_inbox(request.user))
    for proposal in page.object_list:
        proposal.age = selectors.age_in_business_days(proposal)
    return render(request, "evaluation/inbox.html", {"page": page, "proposals": page.object_list})


def _secretariat_proposal(request: HttpRequest, pk: int) -> Proposal:
    require(is_secretariat(request.user))
    # Drafts are the proponent's own business, here as everywhere.
    queryset = Proposal.objects.exclude(status=ProposalStatus.DRAFT).select_related(
        "organization", "call__criteria_set"
    )
    return get_object_or_404(queryset, pk=pk)


def _posted_id(request: HttpRequest, name: str) -> int:
    """An id from the POSTed form; anything that is not a positive whole number is a 404, not a crash."""
    value = request.POST.get(name, "")
    if not value.isdigit():
        raise Http404
    return int(value)


@login_required
def workspace(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _secretariat_proposal(request, pk)
    round_number = selectors.current_round(proposal)
    assignments = proposal.assignments.select_related("member", "domain", "scorecard").order_by(
        "round", "domain__order"
    )
    conflicted = conflicts_by_member(proposal)
    groups = {}
    for domain in proposal.domains.all():
        members = User.objects.filter(
            program_roles__role=ProgramRoleCode.WORKING_GROUP, program_roles__domain=domain
        ).order_by("full_name")
        groups[domain] = [(m, conflicted.get(m.pk, [])) for m in members]
    plan = selectors.plan_balanced_assignment(proposal) if request.GET.get("plan") else None
    return render(
        request,
        "evaluation/workspace.html",
        {
            "proposal": proposal,
            "round": round_number,
            "assignments": assignments,
            "groups": groups,
            "screening": proposal.screenings.order_by("-version_number").first(),
            "results": selectors.latest_results(proposal),
            "plan": plan,
            "plan_members": {
                m.pk: m
                for m in User.objects.filter(
                    pk__in=[i for ids in (plan or {}).get("domains", {}).values() for i in ids]
                )
            },
            "screening_form": forms.ScreeningForm(),
            "conclude_form": forms.ConcludeForm(),
            # What the table allows now, so the page offers only those actions (the rules stay in the services).
            "actions": {t.action for t in allowed_actions(request.user, proposal)},
            "can_assign": proposal.status in services.ASSIGNABLE_STATUSES,
            "revision_requests": proposal.revision_requests.all(),
        },
    )


@login_required
@require_POST
def workspace_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    proposal = _secretariat_proposal(request, pk)
    user, post = request.user, request.POST
    if action == "start_screening":
        act(request, lambda: services.start_screening(actor=user, proposal_id=pk), _("Screening started."))
    elif action == "screening":
        form = forms.ScreeningForm(post)
        if form.is_valid():
            act(
                request,
                lambda: services.record_screening(actor=user, proposal_id=pk, **form.cleaned_data),
                _("The qualification check is saved."),
            )
    elif action == "promotion_zone":
        act(
            request,
            lambda: services.designate_promotion_zone(actor=user, proposal_id=pk, reason=post.get("reason", "")),
            _("The area is designated a Smart City Promotion Zone."),
        )
    elif action == "assign":
        _assign(request, proposal)
    elif action == "apply_plan":
        plan = {
            "domains": {
                code: [int(i) for i in post.getlist(f"plan_{code}") if i.isdigit()]
                for code in proposal.domains.values_list("code", flat=True)
            },
            "problems": [],
        }
        act(request, lambda: services.apply_plan(actor=user, proposal_id=pk, plan=plan), _("Evaluators assigned."))
    elif action == "route":
        act(
            request,
            lambda: services.route_to_working_groups(actor=user, proposal_id=pk),
            _("Sent to the working groups."),
        )
    elif action == "conclude":
        _conclude(request, proposal)
    else:
        raise Http404
    return redirect("evaluation:workspace", pk)


def _assign(request: HttpRequest, proposal: Proposal) -> None:
    import datetime as dt

    due = request.POST.get("due_on") or None
    try:
        due_on = dt.date.fromisoformat(due) if due else None
    except ValueError:
        messages.error(request, _("The deadline is not a date."))
        return
    member_ids = [int(i) for i in request.POST.getlist("members") if i.isdigit()]
    act(
        request,
        lambda: services.assign(
            actor=request.user,
            proposal_id=proposal.pk,
            domain_code=request.POST.get("domain", ""),
            member_ids=member_ids,
            due_on=due_on,
        ),
        _("Evaluators assigned."),
    )


def _conclude(request: HttpRequest, proposal: Proposal) -> None:
    form = forms.ConcludeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an outcome; a revision needs comments and a deadline."))
        return
    data, user, pk = form.cleaned_data, request.user, proposal.pk
    if data["outcome"] == "recommend":
        act(request, lambda: services.recommend(actor=user, proposal_id=pk), _("Recommended to the subcommittee."))
    elif data["outcome"] == "request_revision":
        if data["deadline"] is None:
            messages.error(request, _("Give the deadline for the revision."))
            return
        act(
            request,
            lambda: services.request_revision(
                actor=user, proposal_id=pk, comments=data["comments"], deadline=data["deadline"]
            ),
            _("Returned to the applicant for revision."),
        )
    else:
        act(
            request,
            lambda: services.not_recommend(actor=user, proposal_id=pk, reason=data["comments"]),
            _("Not recommended."),
        )


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    require(is_working_group_member(request.user))
    page = page_of(request, selectors.assignments_for_member(request.user))
    return render(request, "evaluation/queue.html", {"page": page, "assignments": page.object_list})


@login_required
def scorecard(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = get_object_or_404(
        Assignment.objects.select_related("proposal__organization", "domain"), pk=assignment_id
    )
    if assignment.member_id != request.user.pk:
        raise Http404
    require(request.user.has_perm("evaluation.score_assignment", assignment))
    proposal = assignment.proposal
    version = proposal.versions.select_related("criteria_set").get(number=assignment.version_number)
    done = hasattr(assignment, "scorecard")
    form = forms.ScorecardForm(
        request.POST or None, criteria=Criterion.objects.all(), weights=version.criteria_set.criterion_weights
    )
    if request.method == "POST" and not done and form.is_valid():
        data = form.cleaned_data
        if act(
            request,
            lambda: services.submit_scorecard(
                actor=request.user,
                assignment_id=assignment.pk,
                scores=form.scores(),
                comment=data["comment"],
                recommendation=data["recommendation"],
            ),
            _("Your scorecard is submitted."),
        ):
            return redirect("evaluation:scorecard", assignment.pk)
    return render(
        request,
        "evaluation/scorecard.html",
        {
            "assignment": assignment,
            "proposal": proposal,
            "version": version,
            "form": form,
            "done": done,
            "others": selectors.group_scorecards(assignment) if done else [],
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def conflicts(request: HttpRequest) -> HttpResponse:
    require(is_working_group_member(request.user))
    form = forms.ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        proposal = Proposal.objects.filter(pk=data["proposal_id"]).first() if data["proposal_id"] else None
        if act(
            request,
            lambda: services.declare_conflict(
                actor=request.user,
                kind=data["kind"],
                organization=data["organization"],
                province_code=data["province_code"],
                proposal=proposal,
                description=data["description"],
            ),
            _("Your conflict of interest is recorded."),
        ):
            return redirect("evaluation:conflicts")
    return render(
        request,
        "evaluation/conflicts.html",
        {"form": form, "declared": request.user.conflicts.select_related("organization", "proposal")},
    )


def _subcommittee_members():
    return User.objects.filter(program_roles__role=ProgramRoleCode.SUBCOMMITTEE).order_by("full_name")


@login_required
def meetings(request: HttpRequest) -> HttpResponse:
    can_manage = request.user.has_perm("evaluation.manage_meetings")
    require(can_manage or request.user.has_perm("evaluation.record_decision", None))
    form = forms.MeetingForm(request.POST or None, members=_subcommittee_members())
    if request.method == "POST":
        require(can_manage)
        if form.is_valid():
            data = form.cleaned_data
            made = []
            if act(
                request,
                lambda: made.append(
                    services.create_meeting(
                        actor=request.user,
                        number=data["number"],
                        year_be=data["year_be"],
                        held_on=data["held_on"],
                        quorum=data["quorum"],
                        place=data["place"],
                        attendee_ids=[u.pk for u in data["attendees"]],
                    )
                ),
                _("The meeting is created."),
            ):
                return redirect("evaluation:meeting", made[0].pk)
    return render(
        request, "evaluation/meetings.html", {"meetings": selectors.meetings(), "form": form, "can_manage": can_manage}
    )


@login_required
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user.has_perm("evaluation.record_decision", None))
    meeting = get_object_or_404(Meeting, pk=pk)
    items = list(selectors.agenda(meeting))
    attendees = meeting.attendees.all()
    for item in items:
        item.form = forms.DecisionForm(
            attendees=attendees,
            initial={
                "decision": item.decision,
                "reason": item.reason,
                "resolution": item.resolution,
                "recused": list(item.recused.all()),
            },
            prefix=f"item{item.pk}",
        )
    return render(
        request,
        "evaluation/meeting.html",
        {
            "meeting": meeting,
            "items": items,
            "attendees": attendees,
            "candidates": selectors.agenda_candidates() if not meeting.closed_at else [],
            "can_manage": request.user.has_perm("evaluation.manage_meetings"),
            "can_apply": request.user.has_perm("evaluation.apply_decisions", meeting),
        },
    )


@login_required
@require_POST
def meeting_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    user = request.user
    require(user.has_perm("evaluation.manage_meetings") or user.has_perm("evaluation.record_decision", meeting))
    if action == "add":
        proposal_id = _posted_id(request, "proposal")
        get_object_or_404(Proposal, pk=proposal_id)
        act(
            request,
            lambda: services.add_to_agenda(actor=user, meeting_id=pk, proposal_id=proposal_id),
            _("Added to the agenda."),
        )
    elif action == "decide":
        item = get_object_or_404(meeting.items, pk=_posted_id(request, "item"))
        form = forms.DecisionForm(request.POST, attendees=list(meeting.attendees.all()), prefix=f"item{item.pk}")
        if form.is_valid():
            data = form.cleaned_data
            act(
                request,
                lambda: services.set_pending_decision(
                    actor=user,
                    item_id=item.pk,
                    decision=data["decision"],
                    reason=data["reason"],
                    resolution=data["resolution"],
                    recused_ids=data["recused"],
                ),
                _("The pending decision is recorded."),
            )
        else:
            messages.error(request, _("Choose a decision and write the resolution."))
    elif action == "apply":
        act(request, lambda: services.apply_decisions(actor=user, meeting_id=pk), _("The decisions are applied."))
    else:
        raise Http404
    return redirect("evaluation:meeting", pk)


@login_required
def committee(request: HttpRequest) -> HttpResponse:
    require(is_committee_member(request.user))
    form = forms.AcknowledgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        proposal_id = _posted_id(request, "proposal")
        get_object_or_404(Proposal, pk=proposal_id, status=ProposalStatus.APPROVED)
        if act(
            request,
            lambda: services.acknowledge(actor=request.user, proposal_id=proposal_id, **form.cleaned_data),
            _("Acknowledged."),
        ):
            return redirect("evaluation:committee")
    approved = Proposal.objects.filter(status=ProposalStatus.APPROVED).select_related("organization")
    acknowledged = Proposal.objects.filter(status=ProposalStatus.ACKNOWLEDGED).select_related(
        "organization", "acknowledgement"
    )
    return render(
        request, "evaluation/committee.html", {"approved": approved, "acknowledged": acknowledged, "form": form}
    )


@login_required
def insight(request: HttpRequest) -> HttpResponse:
    require(request.user.has_perm("evaluation.view_insight"))
    return render(request, "evaluation/insight.html", {"rows": selectors.reviewer_insight()})
