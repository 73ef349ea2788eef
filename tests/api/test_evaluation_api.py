import datetime as dt

import pytest
from django.utils import timezone

from smartcity.evaluation.models import Assignment
from smartcity.proposals.models import Proposal
from tests.api.test_proposals_api import api
from tests.evaluation.builders import FULL, group_members, recommended, subcommittee, submitted
from tests.factories import staff_user

pytestmark = pytest.mark.django_db


def test_the_evaluation_through_the_api(client):
    proposal = submitted()
    secretariat = staff_user("secretariat")
    env, mob = group_members("environment"), group_members("mobility")
    base = f"/evaluation/proposals/{proposal.pk}"
    assert api(client, "post", f"{base}/start-screening", user=secretariat).json()["status"] == "screening"
    r = api(client, "post", f"{base}/screening", user=secretariat, eligible_proponent=True, documents_complete=True)
    assert r.json()["passed"] is True
    plan = api(client, "get", f"{base}/plan", user=secretariat).json()
    assert plan["problems"] == [] and Assignment.objects.count() == 0
    assert api(client, "post", f"{base}/plan", user=secretariat, domains=plan["domains"]).json() == {"assigned": 4}
    assert api(client, "post", f"{base}/route", user=secretariat).json()["status"] == "in_evaluation"
    for member in env + mob:
        assignment = api(client, "get", "/evaluation/assignments", user=member).json()[0]
        r = api(
            client,
            "post",
            f"/evaluation/assignments/{assignment['id']}/scorecard",
            user=member,
            scores=FULL,
            comment="ดี",
            recommendation="pass",
        )
        assert r.status_code == 201, r.content
    state = api(client, "post", f"{base}/conclude", user=secretariat, outcome="recommend").json()
    assert state["status"] == "recommended" and state["results"]["environment"]["mean"] == 82.0


def test_api_refusals_are_problem_details(client):
    proposal = submitted()
    applicant = proposal.created_by
    r = api(client, "post", f"/evaluation/proposals/{proposal.pk}/start-screening", user=applicant)
    assert r.status_code == 403 and r["Content-Type"] == "application/problem+json"
    secretariat = staff_user("secretariat")
    r = api(client, "post", f"/evaluation/proposals/{proposal.pk}/route", user=secretariat)
    assert r.status_code == 409 and r.json()["code"] == "transition_not_allowed"
    api(client, "post", f"/evaluation/proposals/{proposal.pk}/start-screening", user=secretariat)
    member = group_members("environment", 1)[0]
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    r = api(
        client,
        "post",
        f"/evaluation/proposals/{proposal.pk}/assignments",
        user=secretariat,
        domain="environment",
        member_ids=[member.pk],
        due_on=past,
    )
    assert r.status_code == 400 and r.json()["field"] == "due_on"
    assert Proposal.objects.get(pk=proposal.pk).status == "screening"


def test_meeting_decision_and_acknowledgement_through_the_api(client):
    proposal, secretariat = recommended()
    chair, others = subcommittee()
    r = api(
        client,
        "post",
        "/evaluation/meetings",
        user=secretariat,
        number=2,
        year_be=2569,
        held_on="2026-12-20",
        quorum=2,
        attendee_ids=[chair.pk, *(o.pk for o in others)],
    )
    meeting_id = r.json()["id"]
    item = api(client, "post", f"/evaluation/meetings/{meeting_id}/agenda/{proposal.pk}", user=secretariat).json()
    r = api(
        client,
        "put",
        f"/evaluation/agenda-items/{item['id']}/decision",
        user=chair,
        decision="approve",
        resolution="อนุมัติ",
    )
    assert r.status_code == 200
    assert api(client, "post", f"/evaluation/meetings/{meeting_id}/apply", user=others[0]).status_code == 403
    assert api(client, "post", f"/evaluation/meetings/{meeting_id}/apply", user=chair).status_code == 200
    committee = staff_user("committee")
    r = api(client, "post", f"/evaluation/proposals/{proposal.pk}/acknowledge", user=committee, reference="1/2569")
    assert r.json()["status"] == "acknowledged"
