"""Factories with no surprises: each makes exactly what its name says, valid by default."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from smartcity.accounts.models import Membership, Organization, User
from smartcity.core.identifiers import juristic_check_digit
from smartcity.program.models import Call, CityType, CriteriaSet, Domain, ProgramRole

PASSWORD = "a-long-test-password"


def valid_juristic_id(n: int) -> str:
    first12 = f"0105{n:08d}"
    return first12 + str(juristic_check_digit(first12))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    full_name = factory.Sequence(lambda n: f"สมชาย ทดสอบ {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name_th = factory.Sequence(lambda n: f"เทศบาลทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test Municipality {n}")
    kind = "city_municipality"
    province_code = "40"
    district_code = "4001"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "editor"


def grant(user: User, role: str, domain: str | None = None, chair: bool = False) -> ProgramRole:
    return ProgramRole.objects.create(
        user=user, role=role, domain=Domain.objects.get(code=domain) if domain else None, is_chair=chair
    )


def staff_user(role: str, domain: str | None = None, **kwargs) -> User:
    user = UserFactory(**kwargs)
    grant(user, role, domain)
    return user


def criteria_set_v1() -> CriteriaSet:
    return CriteriaSet.objects.get(version=1)


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call
        skip_postgeneration_save = True

    name_th = factory.Sequence(lambda n: f"รอบทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test round {n}")
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))
    criteria_set = factory.LazyFunction(criteria_set_v1)

    @factory.post_generation
    def city_types(obj, create, extracted, **kwargs):
        if create:
            obj.accepted_city_types.set(extracted or CityType.objects.all())
