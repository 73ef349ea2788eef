"""The evaluation path, step by step, through the services, as people do it."""

import datetime as dt

from django.utils import timezone

from smartcity.evaluation import services as ev
from smartcity.proposals import services as ps
from tests.factories import UserFactory, grant, staff_user
from tests.proposals.builders import complete

FULL = {"1": 18, "2": 16, "3": 15, "4": 17, "5": 16}  # 82
WEAK = {"1": 12, "2": 12, "3": 12, "4": 12, "5": 12}  # 60


def group_members(domain: str, n: int = 2):
    return [staff_user("working_group", domain=domain) for _ in range(n)]


def submitted(**kwargs):
    proposal = complete(**kwargs)
    ps.submit_proposal(actor=proposal.created_by, proposal_id=proposal.pk)
    proposal.refresh_from_db()
    return proposal


def screened(secretariat=None, **kwargs):
    secretariat = secretariat or staff_user("secretariat")
    proposal = submitted(**kwargs)
    ev.start_screening(actor=secretariat, proposal_id=proposal.pk)
    ev.record_screening(actor=secretariat, proposal_id=proposal.pk, eligible_proponent=True, documents_complete=True)
    return proposal, secretariat


def routed(domains=("environment", "mobility")):
    proposal, secretariat = screened(domains=domains)
    members = {}
    for code in domains:
        members[code] = group_members(code)
        ev.assign(
            actor=secretariat, proposal_id=proposal.pk, domain_code=code, member_ids=[m.pk for m in members[code]]
        )
    ev.route_to_working_groups(actor=secretariat, proposal_id=proposal.pk)
    proposal.refresh_from_db()
    return proposal, secretariat, members


def score_all(proposal, members, scores_by_domain=None):
    from smartcity.evaluation.models import Assignment

    for code, people in members.items():
        scores = (scores_by_domain or {}).get(code, FULL)
        for member in people:
            assignment = Assignment.objects.filter(proposal=proposal, domain__code=code, member=member).latest("round")
            ev.submit_scorecard(
                actor=member, assignment_id=assignment.pk, scores=scores, comment="ความเห็น", recommendation="pass"
            )


def recommended():
    proposal, secretariat, members = routed()
    score_all(proposal, members)
    ev.recommend(actor=secretariat, proposal_id=proposal.pk)
    proposal.refresh_from_db()
    return proposal, secretariat


def subcommittee(n=3):
    chair = UserFactory()
    grant(chair, "subcommittee", chair=True)
    others = [staff_user("subcommittee") for _ in range(n - 1)]
    return chair, others


def meeting_for(proposal, secretariat, chair, others, quorum=2, number=1):
    meeting = ev.create_meeting(
        actor=secretariat,
        number=number,
        year_be=timezone.localdate().year + 543,
        held_on=timezone.localdate() + dt.timedelta(days=7),
        quorum=quorum,
        attendee_ids=[chair.pk, *(o.pk for o in others)],
    )
    item = ev.add_to_agenda(actor=secretariat, meeting_id=meeting.pk, proposal_id=proposal.pk)
    return meeting, item
