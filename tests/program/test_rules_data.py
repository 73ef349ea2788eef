import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from smartcity.core.models import AuditEvent
from smartcity.program import services
from smartcity.program.models import Call, CityType, CriteriaSet, Criterion, Designation, Domain
from tests.factories import CallFactory, UserFactory, criteria_set_v1

pytestmark = pytest.mark.django_db


def test_the_seven_domains_with_thai_and_english_names():
    assert list(Domain.objects.values_list("code", "name_th", "name_en")) == [
        ("environment", "สิ่งแวดล้อมอัจฉริยะ", "Smart Environment"),
        ("mobility", "การเดินทางและขนส่งอัจฉริยะ", "Smart Mobility"),
        ("living", "การดำรงชีวิตอัจฉริยะ", "Smart Living"),
        ("people", "พลเมืองอัจฉริยะ", "Smart People"),
        ("energy", "พลังงานอัจฉริยะ", "Smart Energy"),
        ("economy", "เศรษฐกิจอัจฉริยะ", "Smart Economy"),
        ("governance", "การบริหารภาครัฐอัจฉริยะ", "Smart Governance"),
    ]
    assert all(len(c) == 7 and c.startswith("#") for c in Domain.objects.values_list("colour", flat=True))


def test_the_five_criteria_with_suggested_content():
    criteria = list(Criterion.objects.all())
    assert [c.number for c in criteria] == [1, 2, 3, 4, 5]
    assert criteria[0].title_th == "ต้องกำหนดพื้นที่และเป้าหมายชัดเจน"
    assert criteria[2].title_en == "A secure city data collection and management system"
    assert criteria[4].title_th == "ต้องมีการบริหารจัดการที่ยั่งยืน"
    assert all(c.sub_items and {"th", "en"} <= set(c.sub_items[0]) for c in criteria)


def test_city_types_and_designations():
    assert set(CityType.objects.values_list("code", "name_th")) == {
        ("livable", "เมืองน่าอยู่เดิม"),
        ("new", "เมืองใหม่ทันสมัย"),
    }
    assert set(Designation.objects.values_list("code", flat=True)) == {"promotion_zone", "smart_city"}


def test_the_2019_criteria_set():
    cs = criteria_set_v1()
    assert cs.name_th == "ประกาศ 1/2562"
    assert cs.effective_from == dt.date(2019, 3, 11)
    assert cs.min_domains == 2 and cs.mandatory_domains == ["environment"]
    assert cs.max_score == 100 and cs.pass_mark == Decimal("70")
    assert cs.criterion_weights == {"1": 20, "2": 20, "3": 20, "4": 20, "5": 20}
    assert cs.certificate_validity_months == 24
    assert cs.renewal_threshold_percent == Decimal("50") and cs.disagreement_spread == Decimal("20")
    cs.full_clean()


def _new_version(**changes):
    return services.create_criteria_set_version(actor=UserFactory(), source=criteria_set_v1(), **changes)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"criterion_weights": {"1": 30, "2": 20, "3": 20, "4": 20, "5": 20}}, "criterion_weights", "110"),
        ({"criterion_weights": {"1": 50, "2": 50}}, "criterion_weights", "1, 2, 3, 4, 5"),
        (
            {"criterion_weights": {"1": -20, "2": 40, "3": 40, "4": 20, "5": 20}},
            "criterion_weights",
            "zero or more",
        ),
        ({"pass_mark": Decimal("101")}, "pass_mark", "0"),
        ({"pass_mark": Decimal("-1")}, "pass_mark", "0"),
        ({"mandatory_domains": ["tourism"]}, "mandatory_domains", "tourism"),
        ({"min_domains": 0}, "min_domains", "1"),
        ({"disagreement_spread": Decimal("150")}, "disagreement_spread", "100"),
    ],
)
def test_unsound_criteria_set_is_refused_and_nothing_is_saved(changes, field, message):
    before_sets, before_events = CriteriaSet.objects.count(), AuditEvent.objects.count()
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            _new_version(**changes)
        messages = error.value.message_dict
    assert field in messages
    assert message in " ".join(messages[field])
    assert CriteriaSet.objects.count() == before_sets
    assert AuditEvent.objects.count() == before_events


def test_thai_message_for_a_bad_weight_sum():
    with translation.override("th"), pytest.raises(ValidationError) as error:
        _new_version(criterion_weights={"1": 30, "2": 20, "3": 20, "4": 20, "5": 20})
    assert "ต้องรวมกันได้ 100" in error.value.message_dict["criterion_weights"][0]


def test_new_version_copies_the_rules_and_is_audited():
    new = _new_version(pass_mark=Decimal("75"), name_th="ประกาศ 1/2569", name_en="Announcement 1/2026")
    assert new.version == 2 and new.pass_mark == Decimal("75") and new.min_domains == 2
    assert criteria_set_v1().pass_mark == Decimal("70")
    assert AuditEvent.objects.filter(action="criteria_set.versioned", object_id=str(new.pk)).exists()


def test_criteria_set_in_use_cannot_be_edited_and_stays_unchanged():
    CallFactory()
    cs = criteria_set_v1()
    assert cs.is_in_use
    cs.pass_mark = Decimal("50")
    with translation.override("en"), pytest.raises(ValidationError, match="new version"):
        services.save_criteria_set(actor=UserFactory(), criteria_set=cs)
    assert criteria_set_v1().pass_mark == Decimal("70")
    with pytest.raises(ValidationError):
        services.delete_criteria_set(actor=UserFactory(), criteria_set=criteria_set_v1())
    assert CriteriaSet.objects.filter(version=1).exists()


def test_unused_version_can_be_edited():
    new = _new_version()
    new.pass_mark = Decimal("80")
    services.save_criteria_set(actor=UserFactory(), criteria_set=new)
    new.refresh_from_db()
    assert new.pass_mark == Decimal("80")


def test_call_closing_before_it_opens_is_refused_and_not_saved():
    call = Call(
        name_th="รอบผิด",
        name_en="Wrong round",
        opens_on=dt.date(2026, 6, 1),
        closes_on=dt.date(2026, 5, 1),
        criteria_set=criteria_set_v1(),
    )
    with pytest.raises(ValidationError) as error:
        services.save_call(actor=UserFactory(), call=call, city_types=CityType.objects.all())
    assert "closes_on" in error.value.message_dict
    assert not Call.objects.filter(name_en="Wrong round").exists()


def test_call_is_saved_with_its_city_types_and_audited():
    call = Call(
        name_th="รอบที่ 2/2569",
        name_en="Round 2/2026",
        opens_on=dt.date(2026, 6, 1),
        closes_on=dt.date(2026, 8, 31),
        criteria_set=criteria_set_v1(),
    )
    services.save_call(actor=UserFactory(), call=call, city_types=CityType.objects.filter(code="livable"))
    assert list(call.accepted_city_types.values_list("code", flat=True)) == ["livable"]
    event = AuditEvent.objects.get(action="call.created")
    assert event.after["accepted_city_types"] == ["livable"]
    assert call.is_open(dt.date(2026, 6, 1)) and not call.is_open(dt.date(2026, 9, 1))
