import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load_settings(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SMARTCITY_")}
    clean.update(env, PYTHONPATH=str(ROOT / "src"), DJANGO_SETTINGS_MODULE="smartcity.settings")
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DEBUG, settings.REQUIRE_STAFF_2FA)"
    )
    return subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True, cwd=ROOT)


def test_refuses_to_start_without_a_secret_key_outside_demo_mode():
    result = _load_settings()
    assert result.returncode != 0
    assert "SMARTCITY_SECRET_KEY is not set" in result.stderr


def test_production_defaults_are_safe():
    result = _load_settings(SMARTCITY_SECRET_KEY="k" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_demo_mode_generates_a_key_and_turns_2fa_off(tmp_path):
    result = _load_settings(SMARTCITY_DEMO="1", SMARTCITY_DATA_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False"]
    key = (tmp_path / "demo-secret-key").read_text()
    assert len(key) > 40 and oct((tmp_path / "demo-secret-key").stat().st_mode)[-3:] == "600"
