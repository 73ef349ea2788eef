"""The evaluation in the browser (Django test client), with the denials and the query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from smartcity.evaluation.models import Assignment, Meeting
from smartcity.proposals.models import Proposal
from tests.evaluation.builders import FULL, group_members, recommended, routed, screened, subcommittee, submitted
from tests.factories import MembershipFactory, staff_user

pytestmark = pytest.mark.django_db


def status(proposal):
    return Proposal.objects.get(pk=proposal.pk).status


def test_secretariat_screens_assigns_and_routes_in_the_browser(client, login_as):
    proposal = submitted()
    secretariat = staff_user("secretariat")
    env, mob = group_members("environment"), group_members("mobility")
    login_as(secretariat)
    assert proposal.title_th in client.get("/evaluation/inbox/").content.decode()
    base = f"/evaluation/proposals/{proposal.pk}"
    client.post(f"{base}/start_screening/")
    client.post(f"{base}/screening/", {"eligible_proponent": "on", "documents_complete": "on"})
    page = client.get(f"{base}/?plan=1").content.decode()
    assert "plan_environment" in page
    data = {"plan_environment": [m.pk for m in env], "plan_mobility": [m.pk for m in mob]}
    client.post(f"{base}/apply_plan/", data)
    assert Assignment.objects.filter(proposal=proposal).count() == 4
    client.post(f"{base}/route/")
    assert status(proposal) == "in_evaluation"


def test_member_scores_and_then_sees_the_others(client, login_as):
    proposal, secretariat, members = routed()
    first, second = members["environment"]
    a1 = Assignment.objects.get(proposal=proposal, member=first)
    login_as(first)
    page = client.get(f"/evaluation/assignments/{a1.pk}/").content.decode()
    assert "score_1" in page and "The other members' scorecards" not in page
    data = {f"score_{k}": v for k, v in FULL.items()} | {"comment": "ดีมาก", "recommendation": "pass"}
    assert client.post(f"/evaluation/assignments/{a1.pk}/", data).status_code == 302
    assert a1.__class__.objects.get(pk=a1.pk).scorecard.total == 82
    bad = client.post(f"/evaluation/assignments/{a1.pk}/", data)
    assert "82" in bad.content.decode()


def test_score_outside_the_rubric_names_the_field(client, login_as):
    proposal, _secretariat, members = routed()
    member = members["environment"][0]
    assignment = Assignment.objects.get(proposal=proposal, member=member)
    login_as(member)
    data = {f"score_{k}": v for k, v in FULL.items()} | {"score_1": "25", "comment": "x", "recommendation": "pass"}
    response = client.post(f"/evaluation/assignments/{assignment.pk}/", data)
    assert response.status_code == 400 and "score_1_error" in response.content.decode()
    assert not hasattr(Assignment.objects.get(pk=assignment.pk), "scorecard")


def test_conflicted_member_gets_403_on_the_scorecard(client, login_as):
    proposal, _secretariat, members = routed()
    member = members["mobility"][0]
    assignment = Assignment.objects.get(proposal=proposal, member=member)
    login_as(member)
    client.post("/evaluation/conflicts/", {"kind": "organization", "organization": proposal.organization.pk})
    assert client.get(f"/evaluation/assignments/{assignment.pk}/").status_code == 403


def test_other_members_cannot_open_someone_elses_scorecard(client, login_as):
    proposal, _secretariat, members = routed()
    assignment = Assignment.objects.get(proposal=proposal, member=members["mobility"][0])
    login_as(members["mobility"][1])
    assert client.get(f"/evaluation/assignments/{assignment.pk}/").status_code == 404


@pytest.mark.parametrize("role", ["applicant", "working_group", "committee", "subcommittee", "boi_officer"])
def test_only_the_secretariat_opens_the_inbox_and_workspace(client, login_as, role):
    proposal = submitted()
    user = (
        MembershipFactory().user
        if role == "applicant"
        else (staff_user(role, domain="environment") if role == "working_group" else staff_user(role))
    )
    login_as(user)
    assert client.get("/evaluation/inbox/").status_code == 403
    assert client.get(f"/evaluation/proposals/{proposal.pk}/").status_code == 403
    assert client.post(f"/evaluation/proposals/{proposal.pk}/start_screening/").status_code == 403
    assert status(proposal) == "submitted"


def test_meeting_decision_and_acknowledgement_in_the_browser(client, login_as):
    proposal, secretariat = recommended()
    chair, others = subcommittee()
    login_as(secretariat)
    year = timezone.localdate().year + 543
    client.post(
        "/evaluation/meetings/",
        {
            "number": 1,
            "year_be": year,
            "held_on": "2026-12-15",
            "quorum": 2,
            "attendees": [chair.pk, *(o.pk for o in others)],
        },
    )
    meeting = Meeting.objects.get()
    client.post(f"/evaluation/meetings/{meeting.pk}/add/", {"proposal": proposal.pk})
    item = meeting.items.get()
    login_as(others[0])
    prefix = f"item{item.pk}"
    client.post(
        f"/evaluation/meetings/{meeting.pk}/decide/",
        {"item": item.pk, f"{prefix}-decision": "approve", f"{prefix}-resolution": "อนุมัติเป็นเมืองอัจฉริยะ"},
    )
    assert client.post(f"/evaluation/meetings/{meeting.pk}/apply/").status_code == 302
    assert status(proposal) == "recommended"  # only the chair applies
    login_as(chair)
    client.post(f"/evaluation/meetings/{meeting.pk}/apply/")
    assert status(proposal) == "approved"
    committee = staff_user("committee")
    login_as(committee)
    client.post("/evaluation/committee/", {"proposal": proposal.pk, "reference": "ครั้งที่ 1/2569"})
    assert status(proposal) == "acknowledged"


def test_inbox_queries_do_not_grow_with_rows(client, login_as):
    secretariat = staff_user("secretariat")
    submitted()
    login_as(secretariat)
    with CaptureQueriesContext(connection) as one:
        client.get("/evaluation/inbox/")
    for _ in range(3):
        submitted()
    with CaptureQueriesContext(connection) as four:
        client.get("/evaluation/inbox/")
    assert len(four) == len(one)


def test_inbox_counts_the_scorecards_in_and_the_assignments(client, login_as):
    from smartcity.evaluation import selectors
    from smartcity.evaluation import services as ev

    proposal, secretariat, members = routed()
    member = members["environment"][0]
    assignment = Assignment.objects.get(proposal=proposal, member=member)
    ev.submit_scorecard(actor=member, assignment_id=assignment.pk, scores=FULL, comment="ดี", recommendation="pass")
    row = selectors.secretariat_inbox(secretariat).get(pk=proposal.pk)
    assert (row.scored, row.assigned) == (1, 4)
    login_as(secretariat)
    assert "<td>1 / 4</td>" in client.get("/evaluation/inbox/").content.decode()


def test_proposals_for_user_counts_versions_and_includes_what_a_member_scores():
    from smartcity.proposals.selectors import proposals_for_user
    from tests.proposals.builders import draft

    proposal, _secretariat, members = routed()
    member = members["environment"][0]
    assert [(p.pk, p.version_count) for p in proposals_for_user(member)] == [(proposal.pk, 1)]
    assert not proposals_for_user(group_members("environment", 1)[0]).exists()
    own_draft = draft(proposal.created_by)
    visible = {p.pk: p.version_count for p in proposals_for_user(proposal.created_by)}
    assert visible == {proposal.pk: 1, own_draft.pk: 0}


def test_inbox_pages_keep_the_query_count(client, login_as, monkeypatch):
    monkeypatch.setattr("smartcity.core.pagination.PAGE_SIZE", 2)
    secretariat = staff_user("secretariat")
    oldest = submitted()
    login_as(secretariat)
    with CaptureQueriesContext(connection) as one_row:
        client.get("/evaluation/inbox/")
    later = [submitted() for _ in range(4)]
    with CaptureQueriesContext(connection) as first_page:
        first = client.get("/evaluation/inbox/").content.decode()
    with CaptureQueriesContext(connection) as last_page:
        last = client.get("/evaluation/inbox/?page=3").content.decode()
    # The oldest submission first: it has waited longest.
    assert f"/evaluation/proposals/{oldest.pk}/" in first and f"/evaluation/proposals/{later[0].pk}/" in first
    assert f"/evaluation/proposals/{later[1].pk}/" not in first
    assert f"/evaluation/proposals/{later[3].pk}/" in last and f"/evaluation/proposals/{oldest.pk}/" not in last
    assert 'rel="next"' in first and 'rel="prev"' in last and 'rel="next"' not in last
    assert len(one_row) == len(first_page) == len(last_page)


def test_queue_shows_what_is_left_to_score_first_in_pages(client, login_as, monkeypatch):
    from smartcity.evaluation import services as ev

    monkeypatch.setattr("smartcity.core.pagination.PAGE_SIZE", 2)
    member, other = group_members("environment", 1)[0], group_members("mobility", 1)[0]
    done, secretariat = screened()
    for code, who in (("environment", member), ("mobility", other)):
        ev.assign(actor=secretariat, proposal_id=done.pk, domain_code=code, member_ids=[who.pk])
    ev.route_to_working_groups(actor=secretariat, proposal_id=done.pk)
    scored = Assignment.objects.get(proposal=done, member=member)
    ev.submit_scorecard(actor=member, assignment_id=scored.pk, scores=FULL, comment="ดี", recommendation="pass")
    login_as(member)
    with CaptureQueriesContext(connection) as one_row:
        client.get("/evaluation/assignments/")
    waiting = []
    for _ in range(2):
        proposal, _secretariat = screened(secretariat=secretariat)
        waiting += ev.assign(
            actor=secretariat, proposal_id=proposal.pk, domain_code="environment", member_ids=[member.pk]
        )
    with CaptureQueriesContext(connection) as first_page:
        first = client.get("/evaluation/assignments/").content.decode()
    with CaptureQueriesContext(connection) as second_page:
        second = client.get("/evaluation/assignments/?page=2").content.decode()
    assert all(f"/evaluation/assignments/{a.pk}/" in first for a in waiting)
    assert f"/evaluation/assignments/{scored.pk}/" not in first and f"/evaluation/assignments/{scored.pk}/" in second
    assert 'href="?page=2" rel="next"' in first and 'href="?page=1" rel="prev"' in second
    assert len(one_row) == len(first_page) == len(second_page)


def test_agenda_queries_do_not_grow_with_rows(client, login_as):
    from smartcity.evaluation import services as ev

    proposal, secretariat = recommended()
    chair, others = subcommittee()
    meeting = ev.create_meeting(
        actor=secretariat,
        number=9,
        year_be=2569,
        held_on=dt.date(2026, 12, 20),
        quorum=2,
        attendee_ids=[chair.pk, *(o.pk for o in others)],
    )
    ev.add_to_agenda(actor=secretariat, meeting_id=meeting.pk, proposal_id=proposal.pk)
    login_as(secretariat)
    with CaptureQueriesContext(connection) as one:
        client.get(f"/evaluation/meetings/{meeting.pk}/")
    for _ in range(2):
        other, _s = recommended()
        ev.add_to_agenda(actor=secretariat, meeting_id=meeting.pk, proposal_id=other.pk)
    with CaptureQueriesContext(connection) as three:
        client.get(f"/evaluation/meetings/{meeting.pk}/")
    assert len(three) == len(one)


def test_workspace_queries_do_not_grow_with_the_working_groups(client, login_as):
    from smartcity.evaluation import services as ev

    proposal = submitted()
    secretariat = staff_user("secretariat")
    ev.start_screening(actor=secretariat, proposal_id=proposal.pk)
    group_members("environment", 1)
    group_members("mobility", 1)
    login_as(secretariat)
    with CaptureQueriesContext(connection) as few:
        client.get(f"/evaluation/proposals/{proposal.pk}/?plan=1")
    for member in group_members("environment", 3) + group_members("mobility", 3):
        ev.declare_conflict(actor=member, kind="province", province_code="10")
    with CaptureQueriesContext(connection) as many:
        client.get(f"/evaluation/proposals/{proposal.pk}/?plan=1")
    assert len(many) == len(few)
