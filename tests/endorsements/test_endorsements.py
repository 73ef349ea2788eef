"""BOI endorsements through the services: the company's request and every refusal, with nothing saved."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from smartcity.certification.models import Certificate
from smartcity.certification.services import revoke_certificate, suspend_certificate
from smartcity.core import thai
from smartcity.core.audit import verify_chain
from smartcity.core.errors import Conflict, NotAllowed, UserFacingError
from smartcity.core.models import AuditEvent
from smartcity.endorsements import services
from smartcity.endorsements.models import Endorsement
from smartcity.program.models import Domain
from tests.certification.builders import promotion_zone
from tests.endorsements.builders import (
    IN_THAILAND_OUTSIDE_AREA,
    INSIDE,
    OUTSIDE_THAILAND,
    company,
    data,
    partner,
    requested,
    setting,
)
from tests.factories import MembershipFactory, OrganizationFactory, valid_juristic_id

pytestmark = pytest.mark.django_db


def english(error) -> str:
    """The refusal as an English reader sees it (the Thai catalogue may translate the message later)."""
    with translation.override("en"):
        return str(error)


def nothing_saved():
    assert Endorsement.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="endorsement.").exists()


def refused(user, values, error_class=UserFacingError):
    with pytest.raises(error_class) as info:
        services.request_endorsement(actor=user, **values)
    nothing_saved()
    return info.value


def test_a_partner_company_requests_an_endorsement():
    certificate, organization, user, _secretariat = setting()
    endorsement = services.request_endorsement(
        actor=user, **data(organization, certificate, lat="16.4400004", lon=102.83, investment_baht=1250000)
    )
    endorsement.refresh_from_db()
    assert endorsement.status == "requested" and endorsement.code is None
    assert endorsement.company == organization and endorsement.certificate == certificate
    assert endorsement.juristic_id == organization.juristic_id
    assert sorted(d.code for d in endorsement.domains.all()) == ["environment", "mobility"]
    assert (endorsement.lat, endorsement.lon) == (Decimal("16.440000"), Decimal("102.830000"))
    assert endorsement.investment_baht == Decimal("1250000.00")
    assert endorsement.requested_by == user
    event = AuditEvent.objects.get(action="endorsement.requested")
    assert event.object_id == str(endorsement.pk) and event.after["certificate"] == certificate.number
    assert verify_chain().ok


def test_the_city_proponent_itself_may_ask_when_it_is_a_company():
    certificate, _organization, _user, _secretariat = setting()
    proponent = certificate.organization
    proponent.kind, proponent.juristic_id = "city_development_company", valid_juristic_id(6001)
    proponent.save()
    editor = MembershipFactory(organization=proponent, role="admin").user
    endorsement = services.request_endorsement(actor=editor, **data(proponent, certificate))
    assert endorsement.company == proponent


def test_a_juristic_id_with_a_bad_check_digit_is_refused():
    certificate, organization, user, _s = setting()
    good = organization.juristic_id
    bad = good[:12] + str((int(good[12]) + 1) % 10)
    error = refused(user, data(organization, certificate, juristic_id=bad))
    assert error.field == "juristic_id" and error.code == "juristic_check_digit"
    assert "check digit" in english(error)


@pytest.mark.parametrize("value", ["12345", "01055500012a3", ""])
def test_a_juristic_id_that_is_not_13_digits_is_refused(value):
    certificate, organization, user, _s = setting()
    error = refused(user, data(organization, certificate, juristic_id=value))
    assert error.field == "juristic_id" and error.code == "juristic_format"


def test_a_juristic_id_of_another_company_is_refused():
    certificate, organization, user, _s = setting()
    error = refused(user, data(organization, certificate, juristic_id=valid_juristic_id(1)))
    assert (error.field, error.code) == ("juristic_id", "juristic_id_mismatch")


def test_a_point_outside_the_certified_area_is_refused():
    certificate, organization, user, _s = setting()
    error = refused(user, data(organization, certificate, **IN_THAILAND_OUTSIDE_AREA))
    assert (error.field, error.code) == ("location", "outside_area")
    assert "outside the certified area" in english(error) and certificate.city_name_th in english(error)


def test_a_point_outside_thailand_is_refused():
    certificate, organization, user, _s = setting()
    error = refused(user, data(organization, certificate, **OUTSIDE_THAILAND))
    assert (error.field, error.code) == ("location", "outside_thailand")
    assert "not in Thailand" in english(error)


def test_area_development_in_a_city_certified_only_for_mobility_is_refused():
    certificate, organization, user, _s = setting()
    certificate.domains.set(Domain.objects.filter(code="mobility"))
    error = refused(user, data(organization, certificate, activity="area_development", domain_codes=["mobility"]))
    assert (error.field, error.code) == ("activity", "area_development_domains")
    assert Domain.objects.get(code="mobility").name_th in str(error)


def test_area_development_needs_a_second_domain_besides_environment():
    certificate, organization, user, _s = setting()
    certificate.domains.set(Domain.objects.filter(code="environment"))
    error = refused(user, data(organization, certificate, activity="area_development"))
    assert error.code == "area_development_domains"


def test_a_certificate_that_expired_yesterday_is_refused():
    certificate, organization, user, _s = setting()
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_from=today - dt.timedelta(days=730), expires_on=yesterday
    )
    error = refused(user, data(organization, certificate))
    assert (error.field, error.code) == ("certificate_number", "certificate_expired")
    assert certificate.number in english(error) and thai.format_date(yesterday) in english(error)
    assert "expired" in english(error)


def test_a_suspended_or_revoked_certificate_is_refused():
    certificate, organization, user, secretariat = setting()
    suspend_certificate(actor=secretariat, number=certificate.number, reason="ไม่ส่งรายงานความก้าวหน้า")
    before = AuditEvent.objects.count()
    with pytest.raises(UserFacingError) as info:
        services.request_endorsement(actor=user, **data(organization, certificate))
    assert (info.value.field, info.value.code) == ("certificate_number", "certificate_suspended")
    assert "suspended" in english(info.value) and thai.format_date(timezone.localdate()) in english(info.value)
    revoke_certificate(actor=secretariat, number=certificate.number, reason="ไม่ผ่านการประเมิน")
    with pytest.raises(UserFacingError) as info:
        services.request_endorsement(actor=user, **data(organization, certificate))
    assert info.value.code == "certificate_revoked" and "revoked" in english(info.value)
    assert Endorsement.objects.count() == 0 and AuditEvent.objects.count() == before + 1  # the revocation only


def test_a_company_that_is_not_a_partner_is_refused():
    certificate, _organization, _user, _s = setting()
    stranger, user = company()
    error = refused(user, data(stranger, certificate))
    assert (error.field, error.code) == ("certificate_number", "not_partner")
    assert "not a partner" in english(error)


def test_a_promotion_zone_certificate_cannot_be_used():
    _proposal, zone, _secretariat = promotion_zone()
    organization, user = partner(zone)
    error = refused(user, data(organization, zone))
    assert (error.field, error.code) == ("certificate_number", "promotion_zone")
    assert "Promotion Zone" in english(error)


def test_an_unknown_certificate_number_is_refused():
    certificate, organization, user, _s = setting()
    error = refused(user, data(organization, certificate, certificate_number="SCT-2500-9999"))
    assert (error.field, error.code) == ("certificate_number", "not_found")


def test_system_development_needs_a_certified_domain_among_the_projects():
    certificate, organization, user, _s = setting()
    error = refused(user, data(organization, certificate, activity="system_development", domain_codes=["energy"]))
    assert (error.field, error.code) == ("domain_codes", "no_certified_domain")
    error = refused(user, data(organization, certificate, activity="system_development", domain_codes=[]))
    assert (error.field, error.code) == ("domain_codes", "domains_required")
    endorsement = services.request_endorsement(
        actor=user,
        **data(organization, certificate, activity="system_development", domain_codes=["energy", "mobility"]),
    )
    assert endorsement.activity == "system_development"


def test_industrial_zone_needs_only_a_current_smart_city_certificate():
    certificate, organization, user, _s = setting()
    endorsement = services.request_endorsement(
        actor=user, **data(organization, certificate, activity="industrial_zone", domain_codes=[])
    )
    assert endorsement.activity == "industrial_zone"


@pytest.mark.parametrize(
    "overrides, field, code",
    [
        ({"activity": "tourism"}, "activity", "unknown_activity"),
        ({"domain_codes": ["environment", "space"]}, "domain_codes", "unknown_domain"),
        ({"domain_codes": "environment"}, "domain_codes", "invalid"),
        ({"lat": "16,44"}, "lat", "bad_coordinate"),
        ({"lat": "abc"}, "lat", "bad_coordinate"),
        ({"lat": "95"}, "lat", "bad_coordinate"),
        ({"lat": "NaN"}, "lat", "bad_coordinate"),
        ({"lat": ""}, "lat", "bad_coordinate"),
        ({"lon": "200"}, "lon", "bad_coordinate"),
        ({"lon": "Infinity"}, "lon", "bad_coordinate"),
        ({"project_title": "ก" * 301}, "project_title", "too_long"),
        ({"project_title": "   "}, "project_title", "required"),
        ({"description": "ข" * 5001}, "description", "too_long"),
        ({"description": "bad\x00text"}, "description", "bad_text"),
        ({"investment_baht": "-1"}, "investment_baht", "bad_amount"),
        ({"investment_baht": "1.001"}, "investment_baht", "bad_amount"),
        ({"investment_baht": "lots"}, "investment_baht", "bad_amount"),
        ({"investment_baht": "1e13"}, "investment_baht", "too_large"),
    ],
)
def test_bad_inputs_are_refused_naming_the_field(overrides, field, code):
    certificate, organization, user, _s = setting()
    error = refused(user, data(organization, certificate, **overrides))
    assert (error.field, error.code) == (field, code)
    assert str(error)


def test_only_administrators_and_editors_of_the_company_may_ask():
    certificate, organization, _editor, secretariat = setting()
    viewer = MembershipFactory(organization=organization, role="viewer").user
    refused(viewer, data(organization, certificate), NotAllowed)
    refused(secretariat, data(organization, certificate), NotAllowed)
    other, other_editor = partner(certificate)
    refused(other_editor, data(organization, certificate), NotAllowed)  # an editor, but of another company
    municipality = OrganizationFactory(kind="city_municipality")
    certificate.proposal.partners.add(municipality)
    clerk = MembershipFactory(organization=municipality, role="admin").user
    refused(clerk, data(municipality, certificate), NotAllowed)
    refused(other_editor, data(other, certificate, company_id="x"), NotAllowed)


def test_the_same_pending_project_is_not_requested_twice():
    certificate, organization, user, _s = setting()
    requested(certificate, organization, user)
    with pytest.raises(Conflict):
        requested(certificate, organization, user)
    assert Endorsement.objects.count() == 1
    assert requested(certificate, organization, user, project_title="โครงการที่สอง", **INSIDE).pk
