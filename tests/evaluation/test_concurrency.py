"""Simultaneous actions on one proposal, with real threads against PostgreSQL."""

import pytest

from smartcity.core.audit import verify_chain
from smartcity.core.errors import Conflict
from smartcity.evaluation import services as ev
from smartcity.evaluation.models import Assignment, DomainResult, Scorecard
from smartcity.proposals.models import Proposal
from tests.conftest import requires_postgres
from tests.evaluation.builders import FULL, WEAK, routed, submitted
from tests.factories import staff_user
from tests.proposals.test_concurrency import run_together

pytestmark = [requires_postgres, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("seeded_rules")]


def test_two_members_submitting_at_once_are_both_kept_and_the_result_computed_once():
    proposal, _secretariat, members = routed()
    first, second = members["environment"]
    a1 = Assignment.objects.get(proposal=proposal, member=first)
    a2 = Assignment.objects.get(proposal=proposal, member=second)
    results = run_together(
        lambda: ev.submit_scorecard(actor=first, assignment_id=a1.pk, scores=FULL, comment="ก", recommendation="pass"),
        lambda: ev.submit_scorecard(
            actor=second, assignment_id=a2.pk, scores=WEAK, comment="ข", recommendation="revise"
        ),
    )
    assert all(isinstance(r, Scorecard) for r in results), results
    assert Scorecard.objects.filter(assignment__proposal=proposal).count() == 2
    result = DomainResult.objects.get(proposal=proposal, domain__code="environment")
    assert result.member_count == 2 and float(result.mean) == 71.0
    assert verify_chain().ok


def test_two_secretariat_users_moving_the_same_proposal_one_wins_the_other_is_told_why():
    proposal = submitted()
    first, second = staff_user("secretariat"), staff_user("secretariat")
    results = run_together(
        lambda: ev.start_screening(actor=first, proposal_id=proposal.pk),
        lambda: ev.start_screening(actor=second, proposal_id=proposal.pk),
    )
    winners = [r for r in results if isinstance(r, Proposal)]
    losers = [r for r in results if isinstance(r, Conflict)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert "คัดกรอง" in str(losers[0]) or "screen" in str(losers[0]).lower()
    assert Proposal.objects.get(pk=proposal.pk).status == "screening"
    assert verify_chain().ok
