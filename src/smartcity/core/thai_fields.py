"""Form fields for dates and years that read and show the Buddhist Era in Thai, stored in the Common Era.

In the Thai interface a date shows as 01/03/2569 (day/month/B.E. year) and a year as 2569; in English as
2026-03-01 and 2026. Either calendar is accepted in either language: a four-digit year of 2400 or more is a
B.E. year (C.E. years that large are not plausible here), a smaller one is C.E. When the year read is not in
the calendar the page shows, the field keeps a note (``conversion_notes``) that the page shows after saving,
so the reader sees how the typed year was understood. The stored value is always a C.E. ``date``/``int``.
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .thai import BE_OFFSET, ENGLISH_MONTHS, THAI_MONTHS, THAI_MONTHS_SHORT, format_date, is_thai

BE_THRESHOLD = 2400
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\s*([^\d\s]+)\s*(?:พ\.ศ\.|ค\.ศ\.)?\s*(\d{4})$")


def _month_number(word: str) -> int | None:
    word = word.strip().rstrip(".").lower()
    for index in range(12):
        names = (THAI_MONTHS[index], THAI_MONTHS_SHORT[index].rstrip("."), ENGLISH_MONTHS[index].lower())
        if word in names or word == ENGLISH_MONTHS[index][:3].lower():
            return index + 1
    return None


def common_era(year: int) -> tuple[int, bool]:
    """(C.E. year, whether it was read as B.E.)."""
    return (year - BE_OFFSET, True) if year >= BE_THRESHOLD else (year, False)


def parse_date_text(text: str) -> tuple[dt.date, bool] | None:
    """A typed date in any accepted form, as (C.E. date, whether its year was B.E.); None if not a date."""
    value = " ".join((text or "").translate(_THAI_DIGITS).split())
    parts: tuple[str, str, str] | None = None
    if match := _ISO.match(value):
        parts = (match[3], match[2], match[1])
    elif match := _NUMERIC.match(value):
        parts = (match[1], match[2], match[3])
    elif (match := _WORDS.match(value)) and (month := _month_number(match[2])):
        parts = (match[1], str(month), match[3])
    if parts is None:
        return None
    year, was_be = common_era(int(parts[2]))
    try:
        return dt.date(year, int(parts[1]), int(parts[0])), was_be
    except ValueError:
        return None


def _note(label, typed, stored: str, read_as_be: bool) -> str:
    if read_as_be:
        return str(_("%(field)s: %(typed)s was read as a Buddhist Era year and saved as %(stored)s.")) % {
            "field": label,
            "typed": typed,
            "stored": stored,
        }
    return str(_("%(field)s: %(typed)s was read as a Common Era year and saved as %(stored)s.")) % {
        "field": label,
        "typed": typed,
        "stored": stored,
    }


class _KeepsNotes:
    """Each form gets its own list of notes (Django deep-copies a form's fields, but only shallowly)."""

    conversion_notes: list[str]

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)  # type: ignore[misc]
        result.conversion_notes = []
        return result


class ThaiDateInput(forms.TextInput):
    """A text input (the JS date picker enhances it) that shows dates in the reader's calendar."""

    def __init__(self, attrs=None):
        super().__init__({"data-thai-date": "", "autocomplete": "off", "size": 12, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, dt.date):
            if is_thai():
                return f"{value.day:02d}/{value.month:02d}/{value.year + BE_OFFSET}"
            return value.isoformat()
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        thai = is_thai()
        context["widget"]["attrs"].setdefault("placeholder", "วว/ดด/ปปปป" if thai else "yyyy-mm-dd")
        context["widget"]["attrs"]["data-calendar"] = "be" if thai else "ce"
        context["widget"]["attrs"]["data-picker-label"] = str(_("Choose a date on a calendar"))
        context["widget"]["attrs"]["data-picker-short"] = str(_("Calendar"))
        context["widget"]["attrs"]["data-close-label"] = str(_("Close the calendar"))
        return context


class ThaiDateField(_KeepsNotes, forms.DateField):
    widget = ThaiDateInput
    default_error_messages = {
        "invalid": _("Enter a date as day/month/year, for example 15/01/2569 (B.E.) or 2026-01-15."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conversion_notes: list[str] = []

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        parsed = parse_date_text(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        day, was_be = parsed
        if was_be != is_thai() and not _ISO.match(str(value).strip()):
            self.conversion_notes.append(_note(self.label, str(value).strip(), format_date(day), was_be))
        return day


class YearInput(forms.NumberInput):
    def format_value(self, value):
        if isinstance(value, int) and is_thai():
            return str(value + BE_OFFSET)
        return super().format_value(value)


class BuddhistYearField(_KeepsNotes, forms.IntegerField):
    """A year shown in the reader's calendar; 2400 and above is read as B.E., below as C.E.; stored C.E."""

    widget = YearInput

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conversion_notes: list[str] = []

    def to_python(self, value):
        if isinstance(value, str):
            value = value.translate(_THAI_DIGITS).strip()
        year = super().to_python(value)
        if year is None:
            return None
        converted, was_be = common_era(year)
        if was_be != is_thai():
            stored = str(converted + BE_OFFSET) if is_thai() else str(converted)
            self.conversion_notes.append(_note(self.label, year, stored, was_be))
        return converted


def year_in_reader_calendar(year: int) -> str:
    return f"{year + BE_OFFSET}" if is_thai() else f"{year}"


def conversion_notes(*forms_or_formsets) -> list[str]:
    """Every note the date and year fields of these forms (or formsets) kept about how they read a year."""
    notes: list[str] = []
    for item in forms_or_formsets:
        for form in item.forms if hasattr(item, "management_form") else [item]:
            for field in form.fields.values():
                notes.extend(getattr(field, "conversion_notes", ()))
    return notes
