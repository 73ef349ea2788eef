"""Simultaneous endorsement decisions and certificate changes, with real threads against PostgreSQL."""

import pytest

from smartcity.certification.services import revoke_certificate
from smartcity.core.audit import verify_chain
from smartcity.core.errors import Conflict
from smartcity.endorsements import services
from smartcity.endorsements.models import Endorsement
from tests.conftest import requires_postgres
from tests.endorsements.builders import requested, setting
from tests.factories import staff_user
from tests.proposals.test_concurrency import run_together

pytestmark = [requires_postgres, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("seeded_rules")]


def test_two_approvals_at_once_approve_once():
    certificate, organization, user, secretariat = setting()
    endorsement = requested(certificate, organization, user)
    other = staff_user("secretariat")
    results = run_together(
        lambda: services.approve_endorsement(actor=secretariat, endorsement_id=endorsement.pk),
        lambda: services.approve_endorsement(actor=other, endorsement_id=endorsement.pk),
    )
    assert sorted(type(r).__name__ for r in results) == ["Conflict", "Endorsement"], results
    assert Endorsement.objects.get(pk=endorsement.pk).status == "approved"
    assert verify_chain().ok


def test_an_approval_racing_a_revocation_never_leaves_an_approved_endorsement_of_a_revoked_city():
    certificate, organization, user, secretariat = setting()
    endorsement = requested(certificate, organization, user)
    other = staff_user("secretariat")
    results = run_together(
        lambda: services.approve_endorsement(actor=secretariat, endorsement_id=endorsement.pk),
        lambda: revoke_certificate(actor=other, number=certificate.number, reason="เพิกถอน"),
    )
    assert not [r for r in results if isinstance(r, Exception) and not isinstance(r, Conflict)], results
    final = Endorsement.objects.get(pk=endorsement.pk)
    # Approved first and then suspended with the certificate, or refused because the certificate was revoked.
    assert final.status in {"suspended", "requested"}
    assert final.effective_status != "approved"
    assert verify_chain().ok
