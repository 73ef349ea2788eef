"""Take the submitted demo proposals further through the evaluation, by the demo people, through the services.

Khon Kaen and Phuket: screened, scored by two members per domain, recommended, approved in meeting 1/<year>,
acknowledged (which issues their certificates; Phuket's is then dated back so that it expires within 30 days).
The Khon Kaen Think Tank's TOD new town: screened, designated a Smart City Promotion Zone, and in evaluation
with the Smart Environment group's scores in and the rest pending.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from smartcity.accounts.models import User
from smartcity.proposals.models import Proposal, ProposalStatus

from . import services
from .models import Assignment, Meeting

HIGH = {"1": 17, "2": 16, "3": 15, "4": 17, "5": 16}
GOOD = {"1": 15, "2": 15, "3": 14, "4": 15, "5": 14}


def _user(local: str) -> User:
    return User.objects.get(email=f"{local}@smartcity.example")


def _screen_and_route(proposal: Proposal, promotion_zone: bool = False) -> None:
    secretariat = _user("secretariat")
    services.start_screening(actor=secretariat, proposal_id=proposal.pk)
    services.record_screening(
        actor=secretariat,
        proposal_id=proposal.pk,
        eligible_proponent=True,
        documents_complete=True,
        notes="เอกสารครบถ้วน",
    )
    if promotion_zone:
        services.designate_promotion_zone(
            actor=secretariat, proposal_id=proposal.pk, reason="ผ่านการตรวจสอบคุณสมบัติและการคัดกรองเบื้องต้น"
        )
    for domain in proposal.domains.all():
        members = [_user(f"wg.{domain.code}.1"), _user(f"wg.{domain.code}.2")]
        services.assign(
            actor=secretariat, proposal_id=proposal.pk, domain_code=domain.code, member_ids=[m.pk for m in members]
        )
    services.route_to_working_groups(actor=secretariat, proposal_id=proposal.pk)


def _score(proposal: Proposal, domain_codes: list[str]) -> None:
    for assignment in Assignment.objects.filter(proposal=proposal, domain__code__in=domain_codes).select_related(
        "member"
    ):
        scores = HIGH if assignment.member.email.endswith(".1@smartcity.example") else GOOD
        services.submit_scorecard(
            actor=assignment.member,
            assignment_id=assignment.pk,
            scores=scores,
            comment="แผนชัดเจน มีตัวชี้วัดที่วัดผลได้ ควรเพิ่มรายละเอียดงบบำรุงรักษา",
            recommendation="pass",
        )


def _approve_and_acknowledge(proposals: list[Proposal]) -> None:
    secretariat, chair, member = _user("secretariat"), _user("subcommittee.chair"), _user("subcommittee")
    year_be = timezone.localdate().year + 543
    meeting = Meeting.objects.filter(number=1, year_be=year_be).first() or services.create_meeting(
        actor=secretariat,
        number=1,
        year_be=year_be,
        held_on=timezone.localdate(),
        quorum=2,
        place="สำนักงานส่งเสริมเศรษฐกิจดิจิทัล",
        attendee_ids=[chair.pk, member.pk],
    )
    for proposal in proposals:
        services.recommend(actor=secretariat, proposal_id=proposal.pk)
        item = services.add_to_agenda(actor=secretariat, meeting_id=meeting.pk, proposal_id=proposal.pk)
        services.set_pending_decision(
            actor=chair,
            item_id=item.pk,
            decision="approve",
            resolution="อนุมัติให้เป็นเมืองอัจฉริยะ ด้านที่เสนอทุกด้าน",
        )
    services.apply_decisions(actor=chair, meeting_id=meeting.pk)
    for proposal in proposals:
        services.acknowledge(
            actor=_user("committee"),
            proposal_id=proposal.pk,
            reference=f"การประชุมคณะกรรมการขับเคลื่อนการพัฒนาเมืองอัจฉริยะ ครั้งที่ 1/{year_be}",
        )


@transaction.atomic
def advance(proposals: list[Proposal]) -> None:
    by_org = {p.organization.name_en: p for p in proposals if p.status == ProposalStatus.SUBMITTED}
    certified = [by_org[name] for name in ("Khon Kaen City Municipality", "Phuket City Municipality") if name in by_org]
    for proposal in certified:
        _screen_and_route(proposal)
        _score(proposal, list(proposal.domains.values_list("code", flat=True)))
    if certified:
        _approve_and_acknowledge(certified)
    tod = by_org.get("Khon Kaen Think Tank Co., Ltd.")
    if tod is not None:
        _screen_and_route(tod, promotion_zone=True)
        _score(tod, ["environment"])
    for proposal in proposals:
        proposal.refresh_from_db()
