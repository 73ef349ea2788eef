import pytest
from django.core.management import call_command

from smartcity.accounts.demo import people
from smartcity.accounts.models import Organization, User
from smartcity.core.audit import verify_chain
from smartcity.core.models import AuditEvent
from smartcity.program.models import Call, Domain, ProgramRole

pytestmark = pytest.mark.django_db


def test_demo_data_is_complete_and_idempotent(capsys):
    call_command("demo_data")
    output = capsys.readouterr().out
    counts = (
        User.objects.count(),
        Organization.objects.count(),
        ProgramRole.objects.count(),
        Call.objects.count(),
        AuditEvent.objects.count(),
    )
    call_command("demo_data", "--quiet-accounts")
    assert (
        User.objects.count(),
        Organization.objects.count(),
        ProgramRole.objects.count(),
        Call.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
    assert all(p.email in output for p in people())
    assert verify_chain().ok


def test_demo_has_every_role_and_the_pilot_cities():
    call_command("demo_data", "--quiet-accounts")
    roles = set(ProgramRole.objects.values_list("role", flat=True))
    assert roles == {
        "secretariat",
        "working_group",
        "subcommittee",
        "committee",
        "boi_officer",
        "platform_admin",
    }
    for domain in Domain.objects.all():
        assert ProgramRole.objects.filter(role="working_group", domain=domain).count() == 2
    names = set(Organization.objects.values_list("name_th", flat=True))
    assert {"เทศบาลนครขอนแก่น", "เทศบาลนครภูเก็ต", "เทศบาลนครเชียงใหม่"} <= names
    company = Organization.objects.get(kind="city_development_company")
    company.full_clean()
    assert [
        c.province_code for c in Organization.objects.filter(kind="city_municipality").order_by("province_code")
    ] == ["40", "50", "83"]
    assert any(call.status == "open" for call in Call.objects.all())


def test_demo_has_the_pilot_proposals_at_different_stages():
    from smartcity.proposals.models import Proposal

    call_command("demo_data", "--quiet-accounts")
    stages = dict(Proposal.objects.values_list("organization__name_en", "status"))
    assert stages == {
        "Khon Kaen City Municipality": "acknowledged",
        "Phuket City Municipality": "acknowledged",
        "Chiang Mai City Municipality": "returned",
        "Khon Kaen Think Tank Co., Ltd.": "in_evaluation",
    }
    khon_kaen = Proposal.objects.get(organization__name_en="Khon Kaen City Municipality")
    assert khon_kaen.domain_results.filter(passed=True).count() == 3
    assert khon_kaen.agenda_items.get().meeting.closed_at is not None
    assert Proposal.objects.get(status="returned").section_comments.count() == 2
    tod = Proposal.objects.get(status="in_evaluation")
    assert tod.promotion_zone_at is not None


def test_demo_certificates_tell_the_lifecycle():
    import datetime as dt

    from django.utils import timezone

    from smartcity.certification.models import Certificate
    from smartcity.proposals.models import Proposal

    call_command("demo_data", "--quiet-accounts")
    by_city = {c.proposal.organization.name_en: c for c in Certificate.objects.select_related("proposal__organization")}
    khon_kaen = by_city["Khon Kaen City Municipality"]
    assert (khon_kaen.kind, khon_kaen.status) == ("smart_city", "valid")
    phuket = by_city["Phuket City Municipality"]
    assert phuket.status == "expiring"
    assert phuket.expires_on - timezone.localdate() < dt.timedelta(days=30)
    assert phuket.number.startswith(f"SCT-{phuket.issued_on.year + 543}-")
    assert phuket.renewal_requests.get().status == "pending"
    assert by_city["Khon Kaen Think Tank Co., Ltd."].kind == "promotion_zone"
    assert sorted(khon_kaen.endorsements.values_list("status", flat=True)) == ["approved", "requested"]
    call_command("demo_data", "--quiet-accounts")
    assert Proposal.objects.count() == 4
    assert verify_chain().ok
