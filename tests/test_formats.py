"""Dates, times and prices as each of the five locales writes them (CLDR via Babel).

Spaces matter: CLDR uses NBSP (U+00A0), narrow NBSP (U+202F) and thin space (U+2009).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from build_tools.render import formats

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
START = dt.datetime(2024, 12, 27, 17, 0, tzinfo=TZ)  # first Hủ tiếu festival
END = dt.datetime(2024, 12, 31, 21, 30, tzinfo=TZ)

EXPECTED = {
    "vi": ("27\u2009–\u200931 thg 12, 2024", "17:00", "150.000\u00a0₫", "sau 3 ngày nữa",
           "Thứ Sáu, 12 tháng 6, 2026"),
    "en": ("Dec 27\u2009–\u200931, 2024", "5:00\u202fPM", "₫150,000", "in 3 days",
           "Friday, June 12, 2026"),
    "fr": ("27–31 déc. 2024", "17:00", "150\u202f000\u00a0₫", "dans 3 jours",
           "vendredi 12 juin 2026"),
    "zh": ("2024年12月27日至31日", "17:00", "₫150,000", "3天后", "2026年6月12日星期五"),
    "ko": ("2024년 12월 27일~31일", "PM 5:00", "₫150,000", "3일 후", "2026년 6월 12일 금요일"),
}


@pytest.mark.parametrize("lang", sorted(EXPECTED))
def test_locale_formats(lang: str) -> None:
    date_range, time, price, soon, full = EXPECTED[lang]
    assert formats.date_range(START, END, lang) == date_range
    assert formats.time_of(START, lang) == time
    assert formats.vnd(150000, lang) == price
    assert formats.in_days(3, lang) == soon
    assert formats.full_date(dt.date(2026, 6, 12), lang) == full


def test_a_one_day_event_shows_one_date() -> None:
    day = dt.datetime(2026, 12, 12, 18, 0, tzinfo=TZ)
    assert formats.date_range(day, day.replace(hour=22), "en") == "December 12, 2026"


def test_time_is_shown_in_vietnam_time_whatever_the_input_offset() -> None:
    utc = dt.datetime(2024, 12, 27, 10, 0, tzinfo=dt.UTC).astimezone(TZ)
    assert formats.time_of(utc, "vi") == "17:00"


def test_price_range() -> None:
    assert formats.price_range(20000, 45000, "vi") == "20.000\u00a0₫ – 45.000\u00a0₫"
    assert formats.price_range(20000, None, "en") == "₫20,000"
