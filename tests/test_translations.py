"""Every user-facing string has a Thai translation, and the committed catalogue is compiled and current."""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "smartcity"
PO = SRC / "locale" / "th" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _unquote(line: str) -> str:
    return line[line.index('"') + 1 : line.rindex('"')].encode("raw_unicode_escape").decode("unicode_escape")


def parse_po(path: Path) -> tuple[dict[str, list[str]], list[str]]:
    """A small .po reader: {msgid: [msgstr forms]} and the msgids marked fuzzy."""
    entries: dict[str, list[str]] = {}
    fuzzy: list[str] = []
    current: dict[str, str] = {}
    key = ""
    is_fuzzy = False

    def flush():
        nonlocal current, is_fuzzy
        if "msgid" in current and current["msgid"]:
            forms = [v for k, v in sorted(current.items()) if k.startswith("msgstr")]
            # A context (pgettext) is part of the key, as GNU gettext stores it: "context\x04msgid".
            entry_key = f"{current['msgctxt']}\x04{current['msgid']}" if "msgctxt" in current else current["msgid"]
            entries[entry_key] = forms
            if is_fuzzy:
                fuzzy.append(current["msgid"])
        current, is_fuzzy = {}, False

    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#,") and "fuzzy" in line:
            is_fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[key] += _unquote(line)
        else:
            key = line.split(" ", 1)[0]
            current[key] = _unquote(line)
    return entries, fuzzy


def test_every_string_has_a_thai_translation():
    entries, fuzzy = parse_po(PO)
    assert len(entries) > 100
    untranslated = [msgid for msgid, forms in entries.items() if not all(forms)]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalogue_matches_the_po_file():
    entries, _ = parse_po(PO)
    with MO.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    for key, forms in entries.items():
        if "\x04" in key:
            context, msgid = key.split("\x04", 1)
            assert catalogue.pgettext(context, msgid) == forms[0], key
        else:
            assert catalogue.gettext(key) == forms[0] or catalogue.ngettext(key, key, 1) == forms[0], key


@pytest.mark.skipif(shutil.which("xgettext") is None and not os.environ.get("CI"), reason="GNU gettext not installed")
def test_no_string_in_the_code_is_missing_from_the_catalogue(tmp_path):
    copy = tmp_path / "smartcity"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("vendor", "__pycache__"))
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC.parent),
        "SMARTCITY_DEMO": "1",
        "SMARTCITY_DATA_DIR": str(tmp_path / "var"),
    }
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "th",
            "--no-location",
            "--settings",
            "smartcity.settings",
        ],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    found, _ = parse_po(copy / "locale" / "th" / "LC_MESSAGES" / "django.po")
    committed, _ = parse_po(PO)
    assert sorted(set(found) - set(committed)) == []
