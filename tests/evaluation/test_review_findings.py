"""Regression tests for the security review of the evaluation (each was a real hole)."""

import datetime as dt

import pytest

from smartcity.core.errors import Conflict, NotAllowed, UserFacingError
from smartcity.evaluation import services as ev
from smartcity.evaluation.models import ConflictOfInterest
from smartcity.proposals.models import Proposal
from tests.api.test_proposals_api import api
from tests.evaluation.builders import group_members, meeting_for, recommended, subcommittee, submitted
from tests.factories import MembershipFactory, staff_user
from tests.proposals.builders import draft

pytestmark = pytest.mark.django_db


def test_a_member_cannot_learn_titles_by_declaring_conflicts_with_unseen_proposals(client, login_as):
    secret = draft(title="ชื่อลับของร่าง")
    member = group_members("environment", 1)[0]
    login_as(member)
    client.post("/evaluation/conflicts/", {"kind": "proposal", "proposal_id": secret.pk, "description": "x"})
    assert not ConflictOfInterest.objects.exists()
    assert "ชื่อลับของร่าง" not in client.get("/evaluation/conflicts/").content.decode()
    r = api(client, "post", "/evaluation/conflicts", user=MembershipFactory().user, kind="province", province_code="40")
    assert r.status_code == 403


def test_a_recused_member_cannot_decide_or_undo_the_recusal():
    proposal, secretariat = recommended()
    chair, others = subcommittee(3)
    meeting, item = meeting_for(proposal, secretariat, chair, others)
    ev.set_pending_decision(
        actor=secretariat, item_id=item.pk, decision="defer", reason="รอ", resolution="เลื่อน", recused_ids=[others[0].pk]
    )
    with pytest.raises(NotAllowed):
        ev.set_pending_decision(actor=others[0], item_id=item.pk, decision="approve", resolution="ok", recused_ids=[])
    with pytest.raises(NotAllowed):
        ev.set_pending_decision(actor=others[1], item_id=item.pk, decision="approve", resolution="ok", recused_ids=[])
    item.refresh_from_db()
    assert item.decision == "defer" and list(item.recused.values_list("pk", flat=True)) == [others[0].pk]
    outsider = staff_user("subcommittee")
    with pytest.raises(NotAllowed):
        ev.set_pending_decision(actor=outsider, item_id=item.pk, decision="approve", resolution="ok")


def test_the_secretariat_cannot_open_drafts_through_the_evaluation(client, login_as):
    secret = draft()
    secretariat = staff_user("secretariat")
    login_as(secretariat)
    assert client.get(f"/evaluation/proposals/{secret.pk}/").status_code == 404
    assert api(client, "get", f"/evaluation/proposals/{secret.pk}", user=secretariat).status_code == 404
    assert api(client, "get", f"/evaluation/proposals/{secret.pk}/plan", user=secretariat).status_code == 404


def test_a_proposal_cannot_sit_on_two_open_agendas():
    proposal, secretariat = recommended()
    chair, others = subcommittee()
    meeting_for(proposal, secretariat, chair, others, number=1)
    second = ev.create_meeting(actor=secretariat, number=2, year_be=2569, held_on=dt.date(2026, 12, 30), quorum=2)
    with pytest.raises(Conflict) as error:
        ev.add_to_agenda(actor=secretariat, meeting_id=second.pk, proposal_id=proposal.pk)
    assert error.value.code == "already_on_agenda"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/evaluation/proposals/999999/start-screening", {}),
        ("post", "/evaluation/proposals/999999/route", {}),
        ("post", "/evaluation/meetings/999999/apply", {}),
        ("put", "/evaluation/agenda-items/999999/decision", {"decision": "approve", "resolution": "x"}),
    ],
)
def test_unknown_ids_are_404_problems_not_500(client, method, path, body):
    r = api(client, method, path, user=staff_user("secretariat"), **body)
    assert r.status_code == 404 and r["Content-Type"] == "application/problem+json"


def test_garbage_ids_in_forms_are_404_not_500(client, login_as):
    proposal, secretariat = recommended()
    chair, others = subcommittee()
    meeting, _item = meeting_for(proposal, secretariat, chair, others)
    login_as(staff_user("committee"))
    assert client.post("/evaluation/committee/", {"reference": "x", "proposal": "abc"}).status_code == 404
    assert client.post("/evaluation/committee/", {"reference": "x", "proposal": "999999"}).status_code == 404
    login_as(secretariat)
    assert client.post(f"/evaluation/meetings/{meeting.pk}/add/", {"proposal": "abc"}).status_code == 404
    login_as(MembershipFactory().user)
    assert client.post(f"/evaluation/meetings/{meeting.pk}/add/", {"proposal": "1"}).status_code == 403


def test_a_non_string_city_type_is_a_400(client):
    proposal = draft()
    r = api(client, "patch", f"/proposals/{proposal.pk}", user=proposal.created_by, changes={"city_type": 5})
    assert r.status_code == 400 and r.json()["field"] == "city_type"


def test_outsiders_learn_nothing_about_a_proposals_state(client):
    proposal = submitted()
    r = api(client, "post", f"/evaluation/proposals/{proposal.pk}/route", user=MembershipFactory().user)
    assert r.status_code == 403 and "ยื่นแล้ว" not in r.content.decode()
    with pytest.raises(UserFacingError):
        ev.declare_conflict(actor=group_members("energy", 1)[0], kind="proposal", proposal=proposal, description="x")
    assert Proposal.objects.get(pk=proposal.pk).status == "submitted"
