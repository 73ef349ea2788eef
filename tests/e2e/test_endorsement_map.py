"""A partner company places its project on the map of the certified area and sends the request, in a real
browser; the latitude and longitude fields follow the click, and the map follows the fields."""

import pytest

from smartcity.endorsements.models import Endorsement
from tests.conftest import requires_postgres
from tests.e2e.support import click_on_map, sign_in
from tests.endorsements.builders import setting
from tests.factories import PASSWORD

# Against PostgreSQL only, like the other journeys (a live server needs committed data).
pytestmark = [
    requires_postgres,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_rules"),
]


def test_a_company_places_its_project_on_the_map(page, shot):
    certificate, organization, user, _secretariat = setting()
    sign_in(page, user, PASSWORD)
    page.goto(page.base_url + f"/endorsements/new/?company={organization.pk}")
    page.wait_for_selector("#endorsement-map path.leaflet-interactive, #endorsement-map svg path")
    click_on_map(page, "endorsement-map", 16.44, 102.83)
    lat, lon = float(page.input_value("#id_lat")), float(page.input_value("#id_lon"))
    assert abs(lat - 16.44) < 0.005 and abs(lon - 102.83) < 0.005
    shot(page, "endorsement-form")
    page.check("#id_activity_0")
    page.fill("#id_project_title", "โครงข่ายไวไฟสาธารณะ")
    page.fill("#id_description", "ติดตั้งไวไฟสาธารณะ 300 จุด")
    page.fill("#id_investment_baht", "25000000")
    page.click("#endorsement-form button[type=submit]")
    page.wait_for_url("**/endorsements/*/")
    endorsement = Endorsement.objects.get()
    assert endorsement.certificate == certificate and endorsement.status == "requested"
    assert abs(float(endorsement.lat) - 16.44) < 0.005
    shot(page, "endorsement-detail")
