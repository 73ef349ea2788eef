"""One settings module. Every knob comes from the environment, with safe defaults.

SMARTCITY_DEMO=1 turns on the laptop demo: a generated secret key kept under var/, mail printed to
the console, staff two-factor sign-in off (the sign-in page says so), DEBUG on unless asked otherwise.
Without it the platform refuses to start without SMARTCITY_SECRET_KEY.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEMO_MODE = env_bool("SMARTCITY_DEMO")
DEBUG = env_bool("SMARTCITY_DEBUG", default=DEMO_MODE)
DATA_DIR = Path(os.environ.get("SMARTCITY_DATA_DIR") or BASE_DIR / "var")


def _secret_key() -> str:
    key = os.environ.get("SMARTCITY_SECRET_KEY", "")
    if key:
        return key
    if not DEMO_MODE:
        raise ImproperlyConfigured("SMARTCITY_SECRET_KEY is not set. Set it, or run the demo with SMARTCITY_DEMO=1.")
    # Demo only: a key generated once on this machine and kept out of the repository.
    key_file = DATA_DIR / "demo-secret-key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("SMARTCITY_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("SMARTCITY_CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SMARTCITY_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "smartcity.core",
    "smartcity.accounts",
    "smartcity.program",
    "smartcity.proposals",
    "smartcity.notifications",
    "smartcity.evaluation",
    "smartcity.certification",
    "smartcity.endorsements",
    "smartcity.catalogue",
    "smartcity.registry",
    "smartcity.api",
    "smartcity.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "smartcity.accounts.middleware.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "smartcity.urls"
WSGI_APPLICATION = "smartcity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "smartcity.core.context_processors.platform",
                "smartcity.portal.context_processors.navigation",
            ],
            "builtins": ["smartcity.core.templatetags.thai"],
        },
    }
]

# Database: DATABASE_URL absent -> an embedded SQLite file under var/; present -> that server.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "smartcity.sqlite3",
            # IMMEDIATE: a writing transaction takes the write lock at BEGIN, so two writers queue
            # instead of failing with "database is locked" when a read lock is upgraded.
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache (sign-in throttling, rate limits) that works across processes with no extra server.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "smartcity_cache",
    }
}
if os.environ.get("SMARTCITY_REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["SMARTCITY_REDIS_URL"],
    }

AUTH_USER_MODEL = "accounts.User"
# Emails are unique case-insensitively through a Lower(email) constraint, which auth.W004 cannot see.
SILENCED_SYSTEM_CHECKS = ["auth.W004"]
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:landing"

# Staff roles (secretariat, working groups, subcommittee, committee, BOI, platform admin) sign in
# with TOTP. On by default; the demo turns it off and the sign-in page says so.
REQUIRE_STAFF_2FA = env_bool("SMARTCITY_REQUIRE_STAFF_2FA", default=not DEMO_MODE)
OTP_TOTP_ISSUER = "Smart City Thailand"
# Sign-in throttling: failures allowed in the window, per account and per client address.
LOGIN_THROTTLE_WINDOW_SECONDS = int(os.environ.get("SMARTCITY_LOGIN_THROTTLE_WINDOW", "900"))
LOGIN_THROTTLE_PER_ACCOUNT = int(os.environ.get("SMARTCITY_LOGIN_THROTTLE_PER_ACCOUNT", "5"))
LOGIN_THROTTLE_PER_ADDRESS = int(os.environ.get("SMARTCITY_LOGIN_THROTTLE_PER_ADDRESS", "20"))
# Behind a reverse proxy that sets X-Forwarded-For, name how many proxies to trust (0 = none).
TRUSTED_PROXY_COUNT = int(os.environ.get("SMARTCITY_TRUSTED_PROXY_COUNT", "0"))
# Public verification (page and API): requests per client address per minute, counted in the shared cache.
VERIFY_RATE_PER_MINUTE = int(os.environ.get("SMARTCITY_VERIFY_RATE_PER_MINUTE", "120"))

# Internationalisation: Thai first, English complete. Dates in Thai use the Buddhist Era.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Bangkok"
USE_TZ = True
LANGUAGE_COOKIE_NAME = "smartcity_language"

STATIC_URL = "/static/"
# The project package is not an app, so its static folder is named here.
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("SMARTCITY_MEDIA_ROOT") or DATA_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG


# Certificate signing (Ed25519). SMARTCITY_SIGNING_KEYS is JSON {key id: base64url private key};
# SMARTCITY_SIGNING_KEY_ID names the active one; SMARTCITY_SIGNING_PUBLIC_KEYS keeps retired keys' public halves
# so certificates signed before a rotation stay verifiable. The demo generates a key under var/.
def _signing_keys() -> tuple[dict[str, str], str]:
    keys = json.loads(os.environ.get("SMARTCITY_SIGNING_KEYS") or "{}")
    active = os.environ.get("SMARTCITY_SIGNING_KEY_ID", "")
    if keys or not DEMO_MODE:
        return keys, active or (sorted(keys)[-1] if keys else "")
    key_file = DATA_DIR / "demo-signing-key.json"
    if not key_file.exists():
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

        raw = Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        key_file.write_text(json.dumps({"demo-1": base64.urlsafe_b64encode(raw).rstrip(b"=").decode()}))
        key_file.chmod(0o600)
    keys = json.loads(key_file.read_text())
    return keys, "demo-1"


SIGNING_KEYS, SIGNING_KEY_ID = _signing_keys()
SIGNING_PUBLIC_KEYS = json.loads(os.environ.get("SMARTCITY_SIGNING_PUBLIC_KEYS") or "{}")

# Map tiles are a setting: empty means the maps draw Thailand's outline without a tile layer,
# so nothing is fetched from outside. Example: https://tile.openstreetmap.org/{z}/{x}/{y}.png
MAP_TILE_URL = os.environ.get("SMARTCITY_MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("SMARTCITY_MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors")
# The licence of the registry's open data (docs/open-data.md); the operator may publish under another.
OPEN_DATA_LICENCE = os.environ.get("SMARTCITY_OPEN_DATA_LICENCE", "CC BY 4.0")
OPEN_DATA_LICENCE_URL = os.environ.get(
    "SMARTCITY_OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)

# The open-data catalogue (docs/catalogue-guide.md). CKAN caps package_search rows at 1,000 too.
CATALOGUE_SEARCH_MAX_ROWS = int(os.environ.get("SMARTCITY_CATALOGUE_SEARCH_MAX_ROWS", "1000"))
# A search narrowed by q/fq to at most this many datasets is resolved to their ids once (catalogue/search.py).
CATALOGUE_SEARCH_ID_SET = int(os.environ.get("SMARTCITY_CATALOGUE_SEARCH_ID_SET", "2000"))
CATALOGUE_MAX_UPLOAD_BYTES = int(os.environ.get("SMARTCITY_CATALOGUE_MAX_UPLOAD_MB", "50")) * 1024 * 1024
CATALOGUE_DCAT_PAGE_SIZE = int(os.environ.get("SMARTCITY_CATALOGUE_DCAT_PAGE_SIZE", "100"))
CATALOGUE_PUBLISHER_TH = os.environ.get("SMARTCITY_CATALOGUE_PUBLISHER_TH", "สำนักงานส่งเสริมเศรษฐกิจดิจิทัล (ดีป้า)")
CATALOGUE_PUBLISHER_EN = os.environ.get("SMARTCITY_CATALOGUE_PUBLISHER_EN", "Digital Economy Promotion Agency (depa)")
# Resolve link host names when a link is saved, refusing names that point at private addresses.
CATALOGUE_RESOLVE_LINKS = env_bool("SMARTCITY_CATALOGUE_RESOLVE_LINKS", default=True)
# Third-party conformance data (the DCAT-AP 3 SHACL shapes) used by the test suite; never copied into the repo.
CONFORMANCE_DIR = Path(os.environ.get("SMARTCITY_CONFORMANCE_DIR") or BASE_DIR.parent / "shared" / "conformance")

EMAIL_BACKEND = os.environ.get(
    "SMARTCITY_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEMO_MODE else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("SMARTCITY_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("SMARTCITY_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("SMARTCITY_FROM_EMAIL", "Smart City Thailand <noreply@smartcity.example>")

TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "SMARTCITY_TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend" if DEMO_MODE else "django_tasks_db.DatabaseBackend",
        )
    }
}

# Security headers. HTTPS-only cookies unless running the local demo or DEBUG.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SMARTCITY_SECURE_COOKIES", default=not (DEBUG or DEMO_MODE))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT else None
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SMARTCITY_LOG_LEVEL", "INFO")},
    # WeasyPrint reports every rendering step at INFO; fontTools reports subsetting. Their warnings still show.
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
