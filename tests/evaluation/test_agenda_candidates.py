"""Which proposals the secretariat can put on a subcommittee meeting's agenda."""

import pytest

from smartcity.evaluation import services as ev
from smartcity.evaluation.selectors import agenda_candidates
from tests.evaluation.builders import meeting_for, recommended, subcommittee

pytestmark = pytest.mark.django_db


def test_a_recommended_proposal_never_on_an_agenda_is_a_candidate():
    proposal, _secretariat = recommended()
    assert list(agenda_candidates()) == [proposal]


def test_a_proposal_on_an_open_meeting_is_not_a_candidate_again():
    proposal, secretariat = recommended()
    chair, others = subcommittee()
    meeting_for(proposal, secretariat, chair, others)
    assert list(agenda_candidates()) == []


def test_a_deferred_proposal_returns_to_the_candidates_once_its_meeting_is_closed():
    proposal, secretariat = recommended()
    chair, others = subcommittee()
    meeting, item = meeting_for(proposal, secretariat, chair, others)
    ev.set_pending_decision(actor=chair, item_id=item.pk, decision="defer", reason="ขอข้อมูลเพิ่ม", resolution="เลื่อน")
    ev.apply_decisions(actor=chair, meeting_id=meeting.pk)
    assert list(agenda_candidates()) == [proposal]
