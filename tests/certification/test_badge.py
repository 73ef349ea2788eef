"""The public badge a city embeds on its website, and the verification links."""

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from smartcity.certification import services
from smartcity.certification.links import badge_embed_html, verification_page_url, verification_url
from tests.certification.builders import acknowledged

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued():
    _proposal, certificate, secretariat = acknowledged()
    return certificate, secretariat


def badge_url(certificate, **query) -> str:
    url = reverse("certification:badge", args=[certificate.number])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_badge_is_public_and_cacheable(issued, client):
    certificate, _secretariat = issued
    response = client.get(badge_url(certificate))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Content-Language"] == "th"
    svg = response.content.decode()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert certificate.number in svg


def test_a_valid_certificate_shows_certified_in_green(issued, client):
    certificate, _secretariat = issued
    svg = client.get(badge_url(certificate, lang="en")).content.decode()
    assert f"<title>Smart City Thailand · certified · {certificate.number} · {certificate.city_name_en}</title>" in svg
    assert 'fill="#2e7d32"' in svg and 'data-status="valid"' in svg
    assert "#b00020" not in svg


def test_a_revoked_certificate_shows_revoked_in_red(issued, client):
    certificate, secretariat = issued
    client.get(badge_url(certificate, lang="en"))  # a cached badge must not outlive the revocation
    services.revoke_certificate(actor=secretariat, number=certificate.number, reason="ไม่ผ่านการประเมินซ้ำ")
    svg = client.get(badge_url(certificate, lang="en")).content.decode()
    assert f"<title>Smart City Thailand · revoked · {certificate.number}" in svg
    assert 'fill="#b00020"' in svg and 'data-status="revoked"' in svg
    assert "#2e7d32" not in svg


def test_a_suspended_certificate_shows_orange(issued, client):
    certificate, secretariat = issued
    services.suspend_certificate(actor=secretariat, number=certificate.number, reason="ตรวจสอบข้อร้องเรียน")
    svg = client.get(badge_url(certificate, lang="en")).content.decode()
    assert 'fill="#c2410c"' in svg and "· suspended ·" in svg


def test_the_city_name_is_escaped(issued, client):
    certificate, _secretariat = issued
    certificate.city_name_en = 'Evil <script>alert("x")</script> & Co'
    certificate.save()
    svg = client.get(badge_url(certificate, lang="en")).content.decode()
    assert "<script" not in svg
    assert "Evil &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in svg


def test_an_unknown_number_is_not_found_and_says_nothing(db, client):
    response = client.get(reverse("certification:badge", args=["SCT-2569-9999"]))
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("image/svg")


def test_the_qr_code_url_has_one_shape(issued):
    certificate, _secretariat = issued
    assert verification_url(certificate) == f"{settings.SITE_URL}/verify/{certificate.number}/?p={certificate.payload}"
    assert verification_page_url(certificate) == f"{settings.SITE_URL}/verify/{certificate.number}/"


def test_the_embed_snippet_links_the_badge_to_the_verification_page(issued):
    certificate, _secretariat = issued
    certificate.city_name_th = 'เมือง "ทดสอบ" <b>'
    certificate.city_name_en = 'Test "City" <b>'
    request = RequestFactory().get("/")
    with translation.override("en"):
        html = badge_embed_html(certificate, request)
    assert html == (
        f'<a href="{settings.SITE_URL}/verify/{certificate.number}/">'
        f'<img src="http://testserver/certificates/{certificate.number}/badge.svg?lang=en" '
        f'alt="Smart City Thailand certificate {certificate.number}: Test &quot;City&quot; &lt;b&gt;"></a>'
    )
    with translation.override("th"):
        assert "เมือง &quot;ทดสอบ&quot; &lt;b&gt;" in badge_embed_html(certificate, request)
