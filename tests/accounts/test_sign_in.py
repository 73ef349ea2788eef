import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from smartcity.core.models import AuditEvent
from tests.factories import PASSWORD, MembershipFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_applicant_signs_in_with_email_and_password(client):
    user = MembershipFactory().user
    response = client.post("/accounts/sign-in/", {"email": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/home/"
    assert client.get("/home/").status_code == 200
    assert AuditEvent.objects.filter(action="user.signed_in", actor=user).exists()


def test_wrong_password_names_no_account(client):
    user = UserFactory()
    response = client.post("/accounts/sign-in/", {"email": user.email, "password": "wrong"})
    assert response.status_code == 400
    assert "อีเมลหรือรหัสผ่านไม่ถูกต้อง" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_form_requires_a_valid_email(client):
    response = client.post("/accounts/sign-in/", {"email": "not-an-email", "password": "x"})
    assert response.status_code == 400
    assert "email_error" in response.content.decode()


def test_staff_must_enrol_and_enter_a_totp_code(client):
    user = staff_user("secretariat")
    response = client.post("/accounts/sign-in/", {"email": user.email, "password": PASSWORD})
    assert response.url == "/accounts/two-factor/"
    assert "_auth_user_id" not in client.session
    page = client.get("/accounts/two-factor/")
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post("/accounts/two-factor/", {"token": "000000" if _code(device) != "000000" else "111111"})
    assert wrong.status_code == 400 and "_auth_user_id" not in client.session
    # django-otp slows guessing down after a failure; a person would wait a second, the test resets it.
    device.refresh_from_db()
    device.throttle_reset()
    ok = client.post("/accounts/two-factor/", {"token": _code(device)})
    assert ok.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/secretariat/").status_code == 200


def test_staff_with_a_device_is_asked_for_the_code(client):
    user = staff_user("working_group", domain="environment")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.post("/accounts/sign-in/", {"email": user.email, "password": PASSWORD})
    page = client.get("/accounts/two-factor/")
    assert "<svg" not in page.content.decode()
    assert client.post("/accounts/two-factor/", {"token": "12ab56"}).status_code == 400
    client.post("/accounts/two-factor/", {"token": _code(device)})
    assert client.get("/working-groups/environment/").status_code == 200


def test_unverified_staff_session_is_sent_back_to_sign_in(client):
    user = staff_user("secretariat")
    client.force_login(user)
    response = client.get("/secretariat/")
    assert response.status_code == 302 and response.url.startswith("/accounts/sign-in/")
    assert "_auth_user_id" not in client.session


def test_admin_login_goes_through_the_platform_sign_in(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response.url.startswith("/accounts/sign-in/")


def test_demo_mode_without_2fa_says_so(client, settings):
    settings.DEMO_MODE = True
    settings.REQUIRE_STAFF_2FA = False
    page = client.get("/accounts/sign-in/").content.decode()
    assert "โหมดสาธิต" in page
    user = staff_user("secretariat")
    client.post("/accounts/sign-in/", {"email": user.email, "password": PASSWORD})
    assert client.get("/secretariat/").status_code == 200


def test_throttled_per_account_even_with_the_right_password(client, settings):
    settings.LOGIN_THROTTLE_PER_ACCOUNT = 3
    user = UserFactory()
    for _ in range(3):
        client.post("/accounts/sign-in/", {"email": user.email, "password": "wrong"}, REMOTE_ADDR="10.0.0.1")
    # A different address does not help: the account is throttled.
    response = client.post("/accounts/sign-in/", {"email": user.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 429
    assert "ลองใหม่" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_throttled_per_address_across_accounts(client, settings):
    settings.LOGIN_THROTTLE_PER_ADDRESS = 4
    victim = UserFactory()
    for i in range(4):
        client.post("/accounts/sign-in/", {"email": f"guess{i}@example.com", "password": "x"}, REMOTE_ADDR="10.9.9.9")
    blocked = client.post("/accounts/sign-in/", {"email": victim.email, "password": PASSWORD}, REMOTE_ADDR="10.9.9.9")
    assert blocked.status_code == 429
    # Someone else, from another address, is not affected.
    ok = client.post("/accounts/sign-in/", {"email": victim.email, "password": PASSWORD}, REMOTE_ADDR="10.1.1.1")
    assert ok.status_code == 302


def test_next_parameter_cannot_send_people_off_site(client):
    user = MembershipFactory().user
    response = client.post(
        "/accounts/sign-in/?next=https://evil.example/",
        {"email": user.email, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.url == "/home/"


def test_sign_out_needs_post(client, login_as):
    user = MembershipFactory().user
    login_as(user)
    assert client.get("/accounts/sign-out/").status_code == 405
    client.post("/accounts/sign-out/")
    assert "_auth_user_id" not in client.session
