"""The whole program in a real browser, in Thai, every step through the pages: a city drafts, draws and submits
its proposal; the secretariat returns it and routes it; the working groups score (one member conflicted, one
domain short, a revision, a second round); the subcommittee approves and the committee acknowledges; the city
downloads its certificate, whose QR code the public verifies; a partner company gets a BOI endorsement that BOI
checks; the certificate is revoked and both checks say so. axe-core checks every page on the way.

Only the cast (accounts, organisations) and the call are made with factories; nothing else is set up behind the
pages' backs.
"""

import pytest

from smartcity.certification.models import Certificate
from smartcity.endorsements.models import Endorsement
from smartcity.proposals.models import Proposal
from tests.conftest import requires_postgres
from tests.e2e import journey_certificate as decisions
from tests.e2e import journey_steps as steps

# Against PostgreSQL only (the CI's second run): a live server needs committed data, and the flush after a
# transactional test cannot DELETE audit events on SQLite, where the append-only trigger refuses it.
pytestmark = [
    requires_postgres,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_rules"),
]


@pytest.fixture
def stage(request, browser, live_server, settings, password, tmp_path):
    settings.SITE_URL = live_server.url  # the QR code on the certificate points at this server
    settings.REQUIRE_STAFF_2FA = True  # staff sign in with a TOTP code, enrolling on first sign-in
    stage = steps.Stage(browser, live_server.url, steps.make_cast(), password, tmp_path)
    yield stage
    failed = getattr(request.node, "report_call", None)
    stage.close(failed_as="journey-failed" if failed is not None and failed.failed else None)


def test_the_program_from_proposal_to_revocation(stage):
    applicant_submits(stage)
    secretariat_returns_then_routes(stage)
    working_groups_score_with_a_revision(stage)
    subcommittee_and_committee_decide(stage)
    the_public_verifies_the_certificate(stage)
    a_partner_company_gets_a_boi_endorsement(stage)
    revocation_reaches_the_public_and_boi(stage)


def applicant_submits(stage):
    steps.start_proposal(stage)
    steps.fill_every_section(stage)
    steps.attach_pdf(stage)
    steps.submit_proposal(stage, doc="applicant-submitted")
    proposal = Proposal.objects.get(pk=stage.pid)
    assert proposal.status == "submitted" and proposal.versions.count() == 1
    # 0.25° × 0.20° at 14.8°N ≈ 26.9 km × 22.1 km ≈ 595 km²
    assert 585 < float(proposal.area_km2) < 605
    assert list(proposal.partners.all()) == [stage.cast.company]


def secretariat_returns_then_routes(stage):
    steps.return_for_completion(stage)
    steps.revise_after_return(stage)
    steps.declare_conflict(stage)
    steps.screen_and_route(stage)
    members = set(Proposal.objects.get(pk=stage.pid).assignments.values_list("member", flat=True))
    assert stage.cast.environment[2].pk not in members and len(members) == 4


def working_groups_score_with_a_revision(stage):
    steps.first_round(stage)
    steps.request_revision(stage)
    steps.revise_and_resubmit(stage)
    steps.second_round_and_recommend(stage)
    assert Proposal.objects.get(pk=stage.pid).versions.count() == 3


def subcommittee_and_committee_decide(stage):
    decisions.hold_meeting(stage)
    decisions.chair_decides(stage)
    decisions.committee_acknowledges(stage)
    assert Proposal.objects.get(pk=stage.pid).status == "acknowledged"


def the_public_verifies_the_certificate(stage):
    decisions.download_certificate(stage)
    decisions.verify_by_qr(stage, "valid", "มีผลใช้ได้", "journey-18-verification-valid", "verification-valid")
    decisions.public_registry(stage)


def a_partner_company_gets_a_boi_endorsement(stage):
    decisions.request_endorsement(stage)
    decisions.approve_endorsement(stage)
    decisions.boi_checks(stage, "approved", "อนุมัติ", "journey-22-boi-check", "boi-check")
    assert Endorsement.objects.get().code == stage.endorsement_code


def revocation_reaches_the_public_and_boi(stage):
    decisions.revoke(stage)
    decisions.public_sees_revocation(stage)
    decisions.boi_checks(stage, "suspended", "ถูกระงับ", "journey-25-boi-check-suspended", None)
    assert Certificate.objects.get(number=stage.certificate).status == "revoked"
