"""Thai dates (Buddhist Era), numbers and money, following the active language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone, translation

BE_OFFSET = 543

THAI_MONTHS = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
]
THAI_MONTHS_SHORT = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
]
ENGLISH_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def buddhist_year(year: int) -> int:
    return year + BE_OFFSET


def is_thai(language: str | None = None) -> bool:
    return (language or translation.get_language() or "th").startswith("th")


def _as_local_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def format_date(value: dt.date | dt.datetime | None, language: str | None = None, short: bool = False) -> str:
    """11 มีนาคม 2562 in Thai (B.E.), 11 March 2019 in English; short forms 11 มี.ค. 2562 / 11 Mar 2019."""
    if value is None:
        return ""
    day = _as_local_date(value)
    if is_thai(language):
        months = THAI_MONTHS_SHORT if short else THAI_MONTHS
        return f"{day.day} {months[day.month - 1]} {buddhist_year(day.year)}"
    month = ENGLISH_MONTHS[day.month - 1]
    return f"{day.day} {month[:3] if short else month} {day.year}"


def format_datetime(value: dt.datetime | None, language: str | None = None) -> str:
    """11 มีนาคม 2562 14:05 น. / 11 March 2019 14:05, in Asia/Bangkok time."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    clock = local.strftime("%H:%M")
    if is_thai(language):
        return f"{format_date(local, 'th')} {clock} น."
    return f"{format_date(local, 'en')} {clock}"


def format_number(value: int | float | Decimal | None, decimals: int = 0) -> str:
    if value is None:
        return ""
    return f"{value:,.{decimals}f}"


def format_baht(value: int | float | Decimal | None, language: str | None = None) -> str:
    """1,250,000 บาท / THB 1,250,000 — whole baht unless there are satang."""
    if value is None:
        return ""
    decimals = 0 if Decimal(str(value)) == Decimal(str(value)).to_integral_value() else 2
    number = format_number(value, decimals)
    return f"{number} บาท" if is_thai(language) else f"THB {number}"


def in_both_languages(text, suffix: str = "") -> dict[str, str]:
    """A translatable text (a lazy string, or a callable that builds one) in Thai and English, for messages that
    carry both languages; ``suffix`` (e.g. a person's own note) is appended unchanged."""
    texts = {}
    for language in ("th", "en"):
        with translation.override(language):
            value = str(text() if callable(text) else text)
        texts[language] = " ".join(part for part in (value, suffix) if part)
    return texts
