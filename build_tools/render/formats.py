"""Locale-aware dates, times, prices and stars, with Babel."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_interval, format_time, format_timedelta
from babel.numbers import format_currency


def babel_locale(lang: str) -> str:
    return lang.replace("-", "_")


def date_range(start: dt.datetime, end: dt.datetime, lang: str) -> str:
    """ "27–31 Dec 2024" as each locale writes it; one date when start and end share the day."""
    locale = babel_locale(lang)
    if start.date() == end.date():
        return format_date(start.date(), "long", locale=locale)
    return format_interval(start.date(), end.date(), "yMMMd", locale=locale)


def long_date(day: dt.date, lang: str) -> str:
    return format_date(day, "long", locale=babel_locale(lang))


def full_date(day: dt.date, lang: str) -> str:
    return format_date(day, "full", locale=babel_locale(lang))


def time_of(moment: dt.datetime, lang: str) -> str:
    return format_time(moment, "short", tzinfo=moment.tzinfo, locale=babel_locale(lang))


def vnd(amount: int, lang: str) -> str:
    return format_currency(amount, "VND", locale=babel_locale(lang))


def price_range(low: int, high: int | None, lang: str) -> str:
    if high is None or high == low:
        return vnd(low, lang)
    return f"{vnd(low, lang)} – {vnd(high, lang)}"


def in_days(days: int, lang: str) -> str:
    """ "in 3 days" as the locale says it (the page's script refreshes it on the phone)."""
    return format_timedelta(
        dt.timedelta(days=days),
        add_direction=True,
        granularity="day",
        threshold=1000,
        locale=babel_locale(lang),
    )


def duration(seconds: float) -> str:
    """A recording's length as players show it: 3:05, or 1:02:09."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
