"""Thai business days: Monday to Friday, except Thai public holidays.

The holidays come from the `holidays` package (``holidays.Thailand``), which includes substitution days
("in lieu") and the special holidays the cabinet declares ("bridge" days) as far as the package knows them.
The calendar of each year is computed once and cached.
"""

from __future__ import annotations

import datetime as dt
import functools

import holidays
from django.utils import timezone


@functools.lru_cache(maxsize=32)
def holidays_in(year: int) -> frozenset[dt.date]:
    """Thai public holidays of one (Gregorian) year, weekend ones included."""
    return frozenset(holidays.Thailand(years=year))


def _as_date(value: dt.date) -> dt.date:
    # A datetime is a date too; compare calendar days in Thailand, not instants.
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def is_business_day(day: dt.date) -> bool:
    day = _as_date(day)
    return day.weekday() < 5 and day not in holidays_in(day.year)


def add_business_days(start: dt.date, days: int) -> dt.date:
    """The business day `days` business days after `start`.

    Day 0 is `start` itself when it is a business day, otherwise the next business day; each further day
    moves to the next business day, skipping weekends and holidays.
    """
    if days < 0:
        raise ValueError("days must be zero or more")
    day = _as_date(start)
    while not is_business_day(day):
        day += dt.timedelta(days=1)
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_business_day(day):
            counted += 1
    return day


def _weekdays_up_to(day: dt.date) -> int:
    """Weekdays from a fixed Monday (0001-01-01) up to and including `day`."""
    ordinal = day.toordinal() - 1  # 0001-01-01 is a Monday and has ordinal 1
    weeks, rest = divmod(ordinal + 1, 7)
    return weeks * 5 + min(rest, 5)


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Business days after `start` up to and including `end`; 0 when `end` is not after `start`.

    A proposal submitted on a Friday and looked at on the next Monday is one business day old.
    """
    start, end = _as_date(start), _as_date(end)
    if end <= start:
        return 0
    weekdays = _weekdays_up_to(end) - _weekdays_up_to(start)
    holiday_weekdays = sum(
        1
        for year in range(start.year, end.year + 1)
        for holiday in holidays_in(year)
        if start < holiday <= end and holiday.weekday() < 5
    )
    return weekdays - holiday_weekdays
