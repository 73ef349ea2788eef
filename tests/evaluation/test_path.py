"""From submitted to acknowledged, and every refusal on the way."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from smartcity.core.audit import verify_chain
from smartcity.core.errors import Conflict, NotAllowed, UserFacingError
from smartcity.core.models import AuditEvent
from smartcity.evaluation import selectors
from smartcity.evaluation import services as ev
from smartcity.evaluation.models import Assignment, DomainResult, Scorecard
from smartcity.proposals import services as ps
from smartcity.proposals.models import Proposal
from tests.evaluation.builders import (
    FULL,
    WEAK,
    group_members,
    meeting_for,
    recommended,
    routed,
    score_all,
    screened,
    subcommittee,
    submitted,
)
from tests.factories import OrganizationFactory, staff_user

pytestmark = pytest.mark.django_db


def status(proposal):
    return Proposal.objects.get(pk=proposal.pk).status


def test_the_whole_path_from_submitted_to_acknowledged():
    proposal, secretariat = recommended()
    assert status(proposal) == "recommended"
    chair, others = subcommittee()
    meeting, item = meeting_for(proposal, secretariat, chair, others)
    ev.set_pending_decision(actor=others[0], item_id=item.pk, decision="approve", resolution="อนุมัติ")
    ev.apply_decisions(actor=chair, meeting_id=meeting.pk)
    assert status(proposal) == "approved"
    committee = staff_user("committee")
    ev.acknowledge(actor=committee, proposal_id=proposal.pk, reference="การประชุมคณะกรรมการ ครั้งที่ 1/2569")
    assert status(proposal) == "acknowledged"
    actions = list(
        AuditEvent.objects.filter(object_type="proposals.proposal", object_id=str(proposal.pk)).values_list(
            "action", flat=True
        )
    )
    for expected in [
        "proposal.submit",
        "proposal.start_screening",
        "proposal.screened",
        "assignment.created",
        "proposal.route",
        "scorecard.submitted",
        "domain_result.computed",
        "proposal.recommend",
        "proposal.approve",
        "proposal.acknowledge",
    ]:
        assert expected in actions
    assert verify_chain().ok


def test_results_mean_median_and_disagreement():
    proposal, secretariat, members = routed()
    env = members["environment"]
    a1 = Assignment.objects.get(proposal=proposal, domain__code="environment", member=env[0])
    a2 = Assignment.objects.get(proposal=proposal, domain__code="environment", member=env[1])
    ev.submit_scorecard(actor=env[0], assignment_id=a1.pk, scores=FULL, comment="ดี", recommendation="pass")
    assert not DomainResult.objects.exists()
    ev.submit_scorecard(actor=env[1], assignment_id=a2.pk, scores=WEAK, comment="อ่อน", recommendation="revise")
    result = DomainResult.objects.get(proposal=proposal, domain__code="environment")
    assert (result.mean, result.median, result.spread) == (Decimal("71.00"), Decimal("71.00"), Decimal("22.00"))
    assert result.disagreement is True and result.passed is True


def test_short_of_the_mark_goes_back_for_revision_and_is_rescored():
    proposal, secretariat, members = routed()
    score_all(proposal, members, {"mobility": WEAK})
    with pytest.raises(Conflict, match="mobility"):
        ev.recommend(actor=secretariat, proposal_id=proposal.pk)
    deadline = timezone.localdate() + dt.timedelta(days=30)
    ev.request_revision(actor=secretariat, proposal_id=proposal.pk, comments="เพิ่มรายละเอียดการขนส่ง", deadline=deadline)
    assert status(proposal) == "revision_requested"
    ps.update_proposal(
        actor=proposal.created_by, proposal_id=proposal.pk, revision=None, changes={"vision": "ปรับปรุงแผนการเดินทาง"}
    )
    version = ps.submit_proposal(actor=proposal.created_by, proposal_id=proposal.pk)
    assert version.number == 2 and status(proposal) == "in_evaluation"
    new_round = Assignment.objects.filter(proposal=proposal, round=2)
    assert set(new_round.values_list("domain__code", flat=True)) == {"mobility"}
    assert all(a.version_number == 2 for a in new_round)
    score_all(proposal, {"mobility": members["mobility"]})
    ev.recommend(actor=secretariat, proposal_id=proposal.pk)
    assert status(proposal) == "recommended"


@pytest.mark.parametrize(
    ("scores", "field", "code"),
    [
        ({**FULL, "1": 21}, "scores.1", "score_out_of_range"),
        ({**FULL, "2": -1}, "scores.2", "score_out_of_range"),
        ({k: v for k, v in FULL.items() if k != "5"}, "scores.5", "missing_score"),
        ({**FULL, "3": "abc"}, "scores.3", "invalid"),
        ({**FULL, "4": "NaN"}, "scores.4", "score_out_of_range"),
    ],
)
def test_bad_scores_are_refused_and_nothing_is_saved(scores, field, code):
    proposal, _secretariat, members = routed()
    member = members["environment"][0]
    assignment = Assignment.objects.get(proposal=proposal, domain__code="environment", member=member)
    with pytest.raises(UserFacingError) as error:
        ev.submit_scorecard(
            actor=member, assignment_id=assignment.pk, scores=scores, comment="x", recommendation="pass"
        )
    assert error.value.field == field and (code == "invalid" or error.value.code == code)
    assert not Scorecard.objects.exists()


def test_non_member_and_conflicted_member_cannot_score():
    proposal, secretariat, members = routed()
    assignment = Assignment.objects.filter(proposal=proposal, domain__code="environment").first()
    outsider = staff_user("working_group", domain="energy")
    with pytest.raises(NotAllowed):
        ev.submit_scorecard(
            actor=outsider, assignment_id=assignment.pk, scores=FULL, comment="x", recommendation="pass"
        )
    member = assignment.member
    ev.declare_conflict(actor=member, kind="organization", organization=proposal.organization)
    with pytest.raises(NotAllowed):
        ev.submit_scorecard(actor=member, assignment_id=assignment.pk, scores=FULL, comment="x", recommendation="pass")
    assert not Scorecard.objects.exists()


def test_conflicted_member_is_refused_at_assignment_with_the_reason():
    proposal, secretariat = screened()
    member = group_members("environment", 1)[0]
    ev.declare_conflict(actor=member, kind="province", province_code=proposal.organization.province_code)
    with pytest.raises(UserFacingError) as error:
        ev.assign(actor=secretariat, proposal_id=proposal.pk, domain_code="environment", member_ids=[member.pk])
    assert error.value.code == "conflicted" and proposal.organization.province_code in str(error.value)
    assert not Assignment.objects.exists()


def test_scoring_a_domain_the_proposal_does_not_claim_is_refused():
    proposal, secretariat = screened()
    member = group_members("energy", 1)[0]
    with pytest.raises(UserFacingError) as error:
        ev.assign(actor=secretariat, proposal_id=proposal.pk, domain_code="energy", member_ids=[member.pk])
    assert error.value.code == "domain_not_claimed"


def test_deadline_in_the_past_is_refused():
    proposal, secretariat = screened()
    member = group_members("environment", 1)[0]
    with pytest.raises(UserFacingError) as error:
        ev.assign(
            actor=secretariat,
            proposal_id=proposal.pk,
            domain_code="environment",
            member_ids=[member.pk],
            due_on=timezone.localdate() - dt.timedelta(days=1),
        )
    assert error.value.code == "deadline_past" and not Assignment.objects.exists()


def test_balanced_plan_is_a_dry_run_and_skips_conflicted_members():
    proposal, secretariat = screened()
    env = group_members("environment", 3)
    mob = group_members("mobility", 2)
    ev.declare_conflict(actor=env[0], kind="organization", organization=proposal.organization)
    plan = selectors.plan_balanced_assignment(proposal)
    assert not Assignment.objects.exists()
    assert set(plan["domains"]["environment"]) == {env[1].pk, env[2].pk}
    assert set(plan["domains"]["mobility"]) == {m.pk for m in mob} and plan["problems"] == []
    ev.apply_plan(actor=secretariat, proposal_id=proposal.pk, plan=plan)
    assert Assignment.objects.count() == 4


def test_incomplete_plan_applies_nothing():
    proposal, secretariat = screened()
    group_members("environment", 1)
    group_members("mobility", 2)
    plan = selectors.plan_balanced_assignment(proposal)
    assert plan["problems"]
    with pytest.raises(UserFacingError):
        ev.apply_plan(actor=secretariat, proposal_id=proposal.pk, plan=plan)
    assert not Assignment.objects.exists()


def test_transitions_not_in_the_table_are_refused():
    proposal = submitted()
    secretariat = staff_user("secretariat")
    with pytest.raises(Conflict):
        ev.route_to_working_groups(actor=secretariat, proposal_id=proposal.pk)  # not screened yet
    with pytest.raises(Conflict):
        ev.recommend(actor=secretariat, proposal_id=proposal.pk)
    committee = staff_user("committee")
    with pytest.raises(Conflict):
        ev.acknowledge(actor=committee, proposal_id=proposal.pk, reference="x")
    assert status(proposal) == "submitted"


def test_roles_are_checked_for_each_step():
    proposal = submitted()
    applicant = proposal.created_by
    with pytest.raises(NotAllowed):
        ev.start_screening(actor=applicant, proposal_id=proposal.pk)
    with pytest.raises(NotAllowed):
        ev.start_screening(actor=staff_user("committee"), proposal_id=proposal.pk)
    assert status(proposal) == "submitted"


def test_routing_needs_a_passed_screening_and_evaluators_for_every_domain():
    proposal, secretariat = screened()
    with pytest.raises(Conflict) as error:
        ev.route_to_working_groups(actor=secretariat, proposal_id=proposal.pk)
    assert error.value.code == "unassigned"
    ev.record_screening(actor=secretariat, proposal_id=proposal.pk, eligible_proponent=True, documents_complete=False)
    members = group_members("environment", 1) + group_members("mobility", 1)
    ev.assign(actor=secretariat, proposal_id=proposal.pk, domain_code="environment", member_ids=[members[0].pk])
    ev.assign(actor=secretariat, proposal_id=proposal.pk, domain_code="mobility", member_ids=[members[1].pk])
    with pytest.raises(Conflict) as error:
        ev.route_to_working_groups(actor=secretariat, proposal_id=proposal.pk)
    assert error.value.code == "not_qualified"


def test_decision_without_quorum_applies_nothing():
    proposal, secretariat = recommended()
    chair, others = subcommittee(3)
    meeting, item = meeting_for(proposal, secretariat, chair, others, quorum=3)
    ev.set_pending_decision(
        actor=chair, item_id=item.pk, decision="approve", resolution="อนุมัติ", recused_ids=[others[0].pk]
    )
    with pytest.raises(Conflict) as error:
        ev.apply_decisions(actor=chair, meeting_id=meeting.pk)
    assert error.value.code == "no_quorum"
    assert status(proposal) == "recommended"


def test_only_the_chair_applies_and_reject_needs_a_reason():
    proposal, secretariat = recommended()
    chair, others = subcommittee()
    meeting, item = meeting_for(proposal, secretariat, chair, others)
    with pytest.raises(UserFacingError):
        ev.set_pending_decision(actor=chair, item_id=item.pk, decision="reject", resolution="ไม่อนุมัติ")
    ev.set_pending_decision(actor=chair, item_id=item.pk, decision="defer", reason="รอข้อมูล", resolution="เลื่อน")
    with pytest.raises(NotAllowed):
        ev.apply_decisions(actor=others[0], meeting_id=meeting.pk)
    ev.apply_decisions(actor=chair, meeting_id=meeting.pk)
    assert status(proposal) == "deferred"


def test_meeting_numbers_are_unique_and_well_formed():
    secretariat = staff_user("secretariat")
    ev.create_meeting(actor=secretariat, number=1, year_be=2569, held_on=dt.date(2026, 12, 1), quorum=2)
    with pytest.raises(UserFacingError):
        ev.create_meeting(actor=secretariat, number=1, year_be=2569, held_on=dt.date(2026, 12, 2), quorum=2)
    with pytest.raises(UserFacingError):
        ev.create_meeting(actor=secretariat, number=1, year_be=2026, held_on=dt.date(2026, 12, 2), quorum=2)


def test_promotion_zone_only_after_a_passed_screening():
    proposal, secretariat = screened()
    ev.designate_promotion_zone(actor=secretariat, proposal_id=proposal.pk, reason="ผ่านการคัดกรอง")
    assert Proposal.objects.get(pk=proposal.pk).promotion_zone_at is not None
    other = submitted()
    ev.start_screening(actor=secretariat, proposal_id=other.pk)
    with pytest.raises(Conflict):
        ev.designate_promotion_zone(actor=secretariat, proposal_id=other.pk)


def test_conflict_declarations_are_validated():
    member = group_members("environment", 1)[0]
    with pytest.raises(UserFacingError):
        ev.declare_conflict(actor=member, kind="province", province_code="99")
    with pytest.raises(UserFacingError):
        ev.declare_conflict(actor=member, kind="organization")
    ev.declare_conflict(actor=member, kind="organization", organization=OrganizationFactory())


def test_applicants_and_evaluators_are_told_and_decision_letters_wait_for_release(
    mailoutbox, django_capture_on_commit_callbacks
):
    from smartcity.notifications.models import Notice, OutboxMessage

    with django_capture_on_commit_callbacks(execute=True):
        proposal, secretariat = recommended()
    assert OutboxMessage.objects.filter(template_code="assignment_created").count() == 4
    assert Notice.objects.filter(user=proposal.created_by).exists()
    chair, others = subcommittee()
    meeting, item = meeting_for(proposal, secretariat, chair, others)
    ev.set_pending_decision(actor=chair, item_id=item.pk, decision="approve", resolution="อนุมัติ")
    sent_before = len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        ev.apply_decisions(actor=chair, meeting_id=meeting.pk)
    letter = OutboxMessage.objects.get(template_code="decision_letter")
    assert letter.status == "held" and len(mailoutbox) == sent_before
    assert "อนุมัติ" in letter.body


def test_deadline_reminders_go_once_to_members_who_have_not_scored(mailoutbox):
    from smartcity.notifications.models import OutboxMessage

    proposal, _secretariat, _members = routed()
    Assignment.objects.filter(proposal=proposal).update(due_on=timezone.localdate())
    assert ev.remind_due_assignments() == 4
    assert ev.remind_due_assignments() == 0
    assert OutboxMessage.objects.filter(template_code="deadline_reminder").count() == 4


def test_return_during_screening_with_comments_and_a_deadline():
    proposal, secretariat = screened()
    with pytest.raises(UserFacingError) as error:
        ps.return_for_revision(
            actor=secretariat,
            proposal_id=proposal.pk,
            comments={"management": "เพิ่ม"},
            deadline=timezone.localdate() - dt.timedelta(days=1),
        )
    assert error.value.code == "deadline_past" and status(proposal) == "screening"
    ps.return_for_revision(actor=secretariat, proposal_id=proposal.pk, comments={"management": "เพิ่มแผนการเงิน"})
    comment = proposal.section_comments.get()
    assert status(proposal) == "returned" and comment.deadline > timezone.localdate()


def test_approving_a_draft_is_not_in_the_table():
    from smartcity.proposals.workflow import apply_transition
    from tests.proposals.builders import draft

    proposal = draft()
    chair, _others = subcommittee()
    with pytest.raises(Conflict) as error:
        apply_transition(actor=chair, proposal_id=proposal.pk, action="approve")
    assert error.value.code == "transition_not_allowed" and status(proposal) == "draft"
