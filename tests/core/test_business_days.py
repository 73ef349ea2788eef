"""Thai business days on real dates of 2025–2027 (holidays as the `holidays` package gives them)."""

import datetime as dt

import pytest

from smartcity.core.business_days import add_business_days, business_days_between, holidays_in, is_business_day

D = dt.date


def test_the_2026_calendar_has_songkran_chakri_day_and_new_year():
    year = holidays_in(2026)
    assert {D(2026, 4, 13), D(2026, 4, 14), D(2026, 4, 15)} <= year  # Songkran, Monday to Wednesday
    assert D(2026, 4, 16) not in year
    assert D(2026, 4, 6) in year  # Chakri Day, a Monday
    assert D(2026, 1, 1) in year and D(2026, 1, 2) in year  # New Year's Day and the bridge holiday after it
    assert D(2026, 12, 7) in year  # substitution day for 5 December (a Saturday)
    assert len(year) == 23


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 4, 10), True),  # Friday before Songkran
        (D(2026, 4, 11), False),  # Saturday
        (D(2026, 4, 12), False),  # Sunday
        (D(2026, 4, 13), False),  # Songkran
        (D(2026, 4, 15), False),  # Songkran
        (D(2026, 4, 16), True),
        (D(2026, 4, 6), False),  # Chakri Day
        (D(2026, 1, 1), False),
        (D(2026, 12, 7), False),  # in lieu of King Bhumibol's birthday
        (D(2025, 4, 16), False),  # Songkran 2025 in lieu (13 April 2025 was a Sunday)
        (D(2026, 11, 24), True),
    ],
)
def test_is_business_day(day, expected):
    assert is_business_day(day) is expected


def test_five_business_days_from_the_friday_before_songkran_skip_the_weekend_and_songkran():
    # Fri 10 Apr is day 0; Sat–Sun and Mon–Wed 13–15 (Songkran) do not count: Thu 16, Fri 17, Mon 20, Tue 21, Wed 22.
    assert add_business_days(D(2026, 4, 10), 5) == D(2026, 4, 22)
    assert add_business_days(D(2026, 4, 10), 1) == D(2026, 4, 16)


def test_day_zero_is_the_start_or_the_next_business_day():
    assert add_business_days(D(2026, 4, 10), 0) == D(2026, 4, 10)
    assert add_business_days(D(2026, 4, 11), 0) == D(2026, 4, 16)  # Saturday before Songkran
    assert add_business_days(D(2026, 4, 4), 0) == D(2026, 4, 7)  # Saturday before Chakri Day (Monday 6 April)


def test_a_weekend_start_counts_from_the_next_business_day():
    # Saturday 4 April 2026: day 0 is Tuesday 7 April (Monday 6 is Chakri Day); 3 days later is Friday 10.
    assert add_business_days(D(2026, 4, 4), 3) == D(2026, 4, 10)
    assert add_business_days(D(2026, 4, 4), 4) == D(2026, 4, 16)


def test_counting_across_new_year():
    # Wed 31 Dec 2025 (New Year's Eve) → Thu 1 Jan and Fri 2 Jan 2026 are holidays → Mon 5 Jan is day 0.
    assert add_business_days(D(2025, 12, 31), 0) == D(2026, 1, 5)
    assert add_business_days(D(2025, 12, 30), 1) == D(2026, 1, 5)
    assert business_days_between(D(2025, 12, 30), D(2026, 1, 5)) == 1


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_business_days(D(2026, 4, 10), -1)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2026, 4, 10), D(2026, 4, 10), 0),
        (D(2026, 4, 10), D(2026, 4, 9), 0),
        (D(2026, 4, 10), D(2026, 4, 15), 0),  # the weekend and Songkran
        (D(2026, 4, 10), D(2026, 4, 16), 1),
        (D(2026, 4, 10), D(2026, 4, 22), 5),
        (D(2026, 4, 3), D(2026, 4, 10), 4),  # Fri to Fri across Chakri Day
        (D(2026, 4, 11), D(2026, 4, 13), 0),  # Saturday to Songkran Monday
        (D(2026, 1, 1), D(2026, 12, 31), 260 - 19),  # 260 weekdays after 1 Jan; 19 holidays fall on them
    ],
)
def test_business_days_between(start, end, expected):
    assert business_days_between(start, end) == expected


def test_between_agrees_with_adding_on_every_day_of_three_years():
    start = D(2025, 1, 1)
    day, count = start, 0
    while day < D(2027, 12, 31):
        day += dt.timedelta(days=1)
        count += is_business_day(day)
        assert business_days_between(start, day) == count
    # Thu 2 Jan 2025 is the first of them; the last is Thu 30 Dec 2027 (31 Dec is New Year's Eve, a holiday).
    assert add_business_days(D(2025, 1, 2), count - 1) == D(2027, 12, 30)


def test_datetimes_count_as_their_day_in_thailand():
    from django.utils import timezone

    late_friday_utc = dt.datetime(2026, 4, 10, 20, 0, tzinfo=dt.UTC)  # Saturday 03:00 in Bangkok
    assert timezone.localtime(late_friday_utc).date() == D(2026, 4, 11)
    assert is_business_day(late_friday_utc) is False
