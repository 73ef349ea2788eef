import pytest

from smartcity.notifications.models import MessageTemplate
from tests.factories import UserFactory, staff_user

CONTEXT = {
    "proposal_title": {"th": "ขอนแก่นเมืองอัจฉริยะ", "en": "Smart Khon Kaen"},
    "organization": {"th": "เทศบาลนครขอนแก่น", "en": "Khon Kaen City Municipality"},
    "comments": "โปรดแนบแผนที่ขอบเขตพื้นที่",
    "url": "/proposals/7/",
}


@pytest.fixture
def secretariat():
    return staff_user("secretariat", full_name="สมศรี เลขานุการ")


@pytest.fixture
def thai_user():
    return UserFactory(full_name="สมชาย ใจดี", email="somchai@example.com", language="th")


@pytest.fixture
def english_user():
    return UserFactory(full_name="Jane Doe", email="jane@example.com", language="en")


@pytest.fixture
def decision_context():
    return {**CONTEXT, "decision": {"th": "อนุมัติ", "en": "Approved"}, "meeting": "3/2569"}


def template(code: str) -> MessageTemplate:
    return MessageTemplate.objects.get(code=code)
