"""Certified cities for tests: the real path (evaluation services) up to the committee's acknowledgement."""

from smartcity.certification.models import Certificate
from smartcity.evaluation import services as ev
from tests.evaluation.builders import meeting_for, recommended, screened, subcommittee
from tests.factories import staff_user


def acknowledged():
    """A proposal (environment + mobility) acknowledged by the committee, its certificate and the secretariat."""
    from smartcity.evaluation.models import Meeting

    proposal, secretariat = recommended()
    chair, others = subcommittee()
    meeting, item = meeting_for(proposal, secretariat, chair, others, number=Meeting.objects.count() + 1)
    ev.set_pending_decision(actor=others[0], item_id=item.pk, decision="approve", resolution="อนุมัติ")
    ev.apply_decisions(actor=chair, meeting_id=meeting.pk)
    committee = staff_user("committee")
    ev.acknowledge(actor=committee, proposal_id=proposal.pk, reference="การประชุมคณะกรรมการ ครั้งที่ 1/2569")
    proposal.refresh_from_db()
    return proposal, Certificate.objects.get(proposal=proposal, kind="smart_city"), secretariat


def certificate():
    """Just the certificate of an acknowledged proposal."""
    return acknowledged()[1]


def promotion_zone():
    """A screened proposal designated a promotion zone, and its certificate."""
    proposal, secretariat = screened()
    ev.designate_promotion_zone(actor=secretariat, proposal_id=proposal.pk, reason="ผ่านการคัดกรอง")
    return proposal, Certificate.objects.get(proposal=proposal, kind="promotion_zone"), secretariat
