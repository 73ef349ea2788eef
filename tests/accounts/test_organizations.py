import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from smartcity.accounts import services
from smartcity.accounts.models import Organization, User
from smartcity.core.identifiers import juristic_check_digit, validate_juristic_id
from smartcity.core.models import AuditEvent
from smartcity.program import services as program_services
from tests.factories import UserFactory, valid_juristic_id

pytestmark = pytest.mark.django_db


def _org(**fields):
    base = {
        "name_th": "เทศบาลนครขอนแก่น",
        "name_en": "Khon Kaen City Municipality",
        "kind": "city_municipality",
        "province_code": "40",
        "district_code": "4001",
    }
    return Organization(**(base | fields))


def _refused(field, organization, fragment):
    count, events = Organization.objects.count(), AuditEvent.objects.count()
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            services.save_organization(actor=UserFactory(), organization=organization)
        messages = error.value.message_dict
    assert field in messages, messages
    assert fragment in " ".join(messages[field])
    assert (Organization.objects.count(), AuditEvent.objects.count()) == (count, events)


def test_valid_organisation_is_saved_and_audited():
    org = services.save_organization(actor=UserFactory(), organization=_org())
    assert org.province_name_th == "ขอนแก่น" and org.district_name_en == "Mueang Khon Kaen"
    assert AuditEvent.objects.filter(action="organization.created", object_id=str(org.pk)).exists()


@pytest.mark.parametrize("code", ["99", "4", "ab", "400", ""])
def test_wrong_province_code(code):
    _refused("province_code", _org(province_code=code, district_code=""), "")


@pytest.mark.parametrize("code", ["4099", "40", "x001"])
def test_wrong_district_code(code):
    _refused("district_code", _org(district_code=code), code)


def test_district_outside_its_province():
    _refused("district_code", _org(province_code="83", district_code="4001"), "4001")


def test_juristic_id_check_digit():
    good = valid_juristic_id(12345)
    validate_juristic_id(good)
    bad = good[:12] + str((int(good[12]) + 1) % 10)
    _refused("juristic_id", _org(kind="private_company", juristic_id=bad), "check digit")
    _refused("juristic_id", _org(kind="private_company", juristic_id="12345"), "13")
    _refused("juristic_id", _org(kind="private_company", juristic_id="０１０５５５９０００１２３"), "13")


def test_check_digit_worked_example():
    # 0·13 + 1·12 + 0·11 + 5·10 + 5·9 + 3·8 + 6·7 + 0·6 + 0·5 + 0·4 + 3·3 + 1·2 = 184;
    # 184 mod 11 = 8; (11 − 8) mod 10 = 3.
    assert juristic_check_digit("010553600031") == 3
    validate_juristic_id("0105536000313")


def test_company_needs_a_juristic_id():
    _refused("juristic_id", _org(kind="city_development_company"), "13")


def test_thai_error_message_for_a_bad_district():
    with translation.override("th"), pytest.raises(ValidationError) as error:
        services.save_organization(actor=UserFactory(), organization=_org(district_code="4099"))
    assert "รหัสอำเภอ" in error.value.message_dict["district_code"][0]


def test_same_email_differing_in_case_is_refused():
    services.create_user(actor="test", email="Somchai@KhonKaen.go.th", full_name="สมชาย", password="x" * 12)
    with pytest.raises(ValidationError) as error:
        services.create_user(actor="test", email="somchai@khonkaen.GO.TH", full_name="สมชาย 2", password="x" * 12)
    assert "email" in error.value.message_dict
    assert User.objects.filter(email__iexact="somchai@khonkaen.go.th").count() == 1
    assert User.objects.get().email == "somchai@khonkaen.go.th"


def test_database_also_refuses_a_case_variant_email():
    UserFactory(email="a@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="A@EXAMPLE.COM", full_name="x")


def test_working_group_role_needs_a_domain():
    user = UserFactory()
    with pytest.raises(ValidationError) as error:
        program_services.grant_program_role(actor="test", user=user, role="working_group")
    assert "domain" in error.value.message_dict
    assert not user.program_roles.exists()
