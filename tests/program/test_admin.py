import pytest

from smartcity.program.models import CriteriaSet
from tests.factories import CallFactory, UserFactory, criteria_set_v1

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(login_as):
    user = UserFactory(is_staff=True, is_superuser=True)
    return login_as(user)


def _form_data(cs, **overrides):
    data = {
        "name_th": cs.name_th,
        "name_en": cs.name_en,
        "effective_from": "2026-01-01",
        "min_domains": cs.min_domains,
        "mandatory_domains": cs.mandatory_domains,
        "max_score": cs.max_score,
        "pass_mark": str(cs.pass_mark),
        "certificate_validity_months": cs.certificate_validity_months,
        "renewal_threshold_percent": str(cs.renewal_threshold_percent),
        "renewal_opens_days_before": cs.renewal_opens_days_before,
        "renewal_grace_days": cs.renewal_grace_days,
        "disagreement_spread": str(cs.disagreement_spread),
        "notes": "",
        **{f"weight_{n}": 20 for n in range(1, 6)},
    }
    data.update(overrides)
    return data


def test_operator_adds_a_version_in_the_admin(operator):
    response = operator.post("/admin/program/criteriaset/add/", _form_data(criteria_set_v1(), version=2))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CriteriaSet.objects.filter(version=2).exists()


def test_admin_names_the_weights_error(operator):
    response = operator.post("/admin/program/criteriaset/add/", _form_data(criteria_set_v1(), version=2, weight_1=40))
    assert response.status_code == 200
    assert "120" in response.content.decode()
    assert not CriteriaSet.objects.filter(version=2).exists()


def test_admin_shows_an_in_use_version_read_only_and_refuses_changes(operator):
    CallFactory()
    page = operator.get(f"/admin/program/criteriaset/{criteria_set_v1().pk}/change/")
    assert page.status_code == 200
    assert 'name="pass_mark"' not in page.content.decode()
    refused = operator.post(
        f"/admin/program/criteriaset/{criteria_set_v1().pk}/change/",
        _form_data(criteria_set_v1(), pass_mark="10"),
    )
    assert refused.status_code == 403
    assert str(criteria_set_v1().pass_mark) == "70.00"


def test_admin_action_makes_a_new_version(operator):
    CallFactory()
    operator.post(
        "/admin/program/criteriaset/",
        {"action": "make_new_version", "_selected_action": [criteria_set_v1().pk]},
    )
    assert CriteriaSet.objects.filter(version=2).exists()
