import datetime as dt
import zoneinfo
from decimal import Decimal

from django.utils import translation

from smartcity.core import thai


def test_announcement_date_in_thai_uses_the_buddhist_era():
    assert thai.format_date(dt.date(2019, 3, 11), "th") == "11 มีนาคม 2562"


def test_same_date_in_english_uses_the_common_era():
    assert thai.format_date(dt.date(2019, 3, 11), "en") == "11 March 2019"


def test_short_forms():
    assert thai.format_date(dt.date(2026, 12, 31), "th", short=True) == "31 ธ.ค. 2569"
    assert thai.format_date(dt.date(2026, 12, 31), "en", short=True) == "31 Dec 2026"


def test_follows_the_active_language():
    with translation.override("th"):
        assert thai.format_date(dt.date(2020, 10, 21)) == "21 ตุลาคม 2563"
    with translation.override("en"):
        assert thai.format_date(dt.date(2020, 10, 21)) == "21 October 2020"


def test_datetime_is_shown_in_bangkok_time():
    # 18:30 UTC on 31 Dec 2025 is 01:30 on 1 Jan 2026 in Bangkok (UTC+7): the day and the B.E. year change.
    moment = dt.datetime(2025, 12, 31, 18, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
    assert thai.format_datetime(moment, "th") == "1 มกราคม 2569 01:30 น."
    assert thai.format_datetime(moment, "en") == "1 January 2026 01:30"


def test_every_month_name():
    names = [thai.format_date(dt.date(2024, m, 1), "th").split(" ")[1] for m in range(1, 13)]
    assert names == thai.THAI_MONTHS
    assert thai.buddhist_year(2024) == 2567


def test_baht():
    assert thai.format_baht(Decimal("1250000"), "th") == "1,250,000 บาท"
    assert thai.format_baht(Decimal("99.5"), "en") == "THB 99.50"
    assert thai.format_date(None) == ""
