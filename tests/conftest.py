import pytest
from django.conf import settings
from django.db import connection

from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def _thai_by_default(settings):
    settings.LANGUAGE_CODE = "th"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 is slow on purpose; the tests create hundreds of users and test sign-in logic, not hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


_SIGNING_KEY: dict[str, str] = {}


@pytest.fixture(autouse=True)
def _signing_key(settings):
    """A certificate signing key generated for this test run (never a key kept in the repository)."""
    from smartcity.certification.signing import generate_private_key

    if not _SIGNING_KEY:
        _SIGNING_KEY["test-1"] = generate_private_key()
    settings.SIGNING_KEYS = dict(_SIGNING_KEY)
    settings.SIGNING_KEY_ID = "test-1"
    settings.SIGNING_PUBLIC_KEYS = {}


@pytest.fixture(autouse=True)
def _clear_cache(request):
    """Throttle counters live in the (database) cache: start every database test with none."""
    if request.node.get_closest_marker("django_db") is None:
        yield
        return
    from django.core.cache import cache

    request.getfixturevalue("db") if "transactional_db" not in request.fixturenames else None
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def sign_in(client):
    """Sign a user in through the real sign-in page (no two-factor unless the test turns it on)."""

    def _sign_in(user, password=PASSWORD):
        response = client.post("/accounts/sign-in/", {"email": user.email, "password": password})
        assert response.status_code == 302, response.content.decode()[:500]
        return client

    return _sign_in


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


requires_postgres = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="row locks with real threads are tested against PostgreSQL (the CI's second run)",
)


@pytest.fixture
def login_as(client):
    """Sign a user in directly; staff get a confirmed TOTP device and a verified session, as after 2FA."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from smartcity.accounts.two_factor import requires_two_factor

    def _login(user, a_client=None):
        c = a_client or client
        c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        user.__dict__.pop("_program_role_codes", None)
        if requires_two_factor(user):
            device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
            session = c.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return c

    return _login


@pytest.fixture
def seeded_rules(transactional_db):
    """Transactional tests start after a flush: put the program's 2019 rules (a data migration) back."""
    from django.apps import apps

    from smartcity.program import seed

    seed.load(apps.get_model)
