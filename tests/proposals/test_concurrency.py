"""Two people acting on the same proposal at the same moment, with real threads on PostgreSQL."""

import threading

import pytest
from django.db import connection

from smartcity.core.audit import verify_chain
from smartcity.core.errors import Conflict, UserFacingError
from smartcity.proposals import services
from smartcity.proposals.models import Proposal, ProposalVersion
from tests.conftest import requires_postgres
from tests.factories import MembershipFactory
from tests.proposals.builders import complete

# The flush after each transactional test wipes the seeded rules; the seeded_rules fixture puts them back.
pytestmark = [requires_postgres, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("seeded_rules")]


def run_together(*actions):
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def worker(index, action):
        try:
            barrier.wait()
            results[index] = action()
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread got
            results[index] = error
        finally:
            connection.close()  # each thread has its own connection; leave none open

    threads = [threading.Thread(target=worker, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_double_submit_from_two_sessions_makes_exactly_one_version():
    proposal = complete()
    other = MembershipFactory(organization=proposal.organization, role="editor").user
    results = run_together(
        lambda: services.submit_proposal(actor=proposal.created_by, proposal_id=proposal.pk),
        lambda: services.submit_proposal(actor=other, proposal_id=proposal.pk),
    )
    versions = [r for r in results if isinstance(r, ProposalVersion)]
    refusals = [r for r in results if isinstance(r, Conflict)]
    assert len(versions) == 1 and len(refusals) == 1, results
    assert ProposalVersion.objects.filter(proposal=proposal).count() == 1
    assert Proposal.objects.get(pk=proposal.pk).status == "submitted"
    assert verify_chain().ok


def test_two_editors_saving_from_the_same_revision_lose_nothing_silently():
    proposal = complete()
    other = MembershipFactory(organization=proposal.organization, role="editor").user
    revision = Proposal.objects.get(pk=proposal.pk).revision
    results = run_together(
        lambda: services.update_proposal(
            actor=proposal.created_by,
            proposal_id=proposal.pk,
            revision=revision,
            changes={"vision": "วิสัยทัศน์ ก"},
        ),
        lambda: services.update_proposal(
            actor=other, proposal_id=proposal.pk, revision=revision, changes={"vision": "วิสัยทัศน์ ข"}
        ),
    )
    saved = [r for r in results if isinstance(r, Proposal)]
    refused = [r for r in results if isinstance(r, UserFacingError)]
    assert len(saved) == 1 and len(refused) == 1
    assert Proposal.objects.get(pk=proposal.pk).vision == saved[0].vision
