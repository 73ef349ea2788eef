"""What the applicant's proposal page shows after the secretariat returned it or asked for a revision."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from smartcity.evaluation import services as ev
from smartcity.proposals import services
from smartcity.proposals.forms import SECTION_LABELS
from tests.evaluation.builders import WEAK, routed, score_all
from tests.factories import staff_user
from tests.proposals.builders import complete

pytestmark = pytest.mark.django_db


def test_a_returned_proposal_names_the_section_of_each_comment(client, login_as):
    proposal = complete()
    services.submit_proposal(actor=proposal.created_by, proposal_id=proposal.pk)
    services.return_for_revision(
        actor=staff_user("secretariat"), proposal_id=proposal.pk, comments={"management": "ระบุแหล่งเงินทุน"}
    )
    login_as(proposal.created_by)
    html = client.get(f"/proposals/{proposal.pk}/").content.decode()
    with translation.override("th"):
        label = str(SECTION_LABELS["management"])
    assert f"<strong>{label}</strong>" in html
    assert "<strong>management</strong>" not in html


def test_a_revision_request_shows_its_comments_and_offers_the_resubmission(client, login_as):
    proposal, secretariat, members = routed()
    score_all(proposal, members, {"mobility": WEAK})
    deadline = timezone.localdate() + dt.timedelta(days=30)
    ev.request_revision(actor=secretariat, proposal_id=proposal.pk, comments="ระบุงบประมาณบริการ", deadline=deadline)
    login_as(proposal.created_by)
    html = client.get(f"/proposals/{proposal.pk}/").content.decode()
    assert 'id="revision-requests"' in html and "ระบุงบประมาณบริการ" in html
    assert 'id="submit-button"' in html and f'action="/proposals/{proposal.pk}/submit/"' in html
