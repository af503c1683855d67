"""Opening hours as culture staff write them: days (`mon-fri`, `t2-t6`) and times (`07:30-17:00`).

Both stay text in the model (what the file says, what VS Code and the web editor show) and
are checked here; `week()` turns a list of entries into minutes for pages, JSON-LD and the
phone's "open now".
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

from build_tools.model.fields import Record, _to_text, ascii_fold, doc, portal_error

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_MINUTES = 24 * 60
WEEK_MINUTES = 7 * DAY_MINUTES

# Every spelling of a day staff are likely to type, folded (lowercase, no accents, no
# spaces): English, OpenStreetMap's two letters, Vietnamese `t2`…`t7`, `cn`, `thứ hai`….
_DAY_WORDS: dict[str, int] = {}
for _index, _words in enumerate(
    (
        ("mon", "mo", "monday", "t2", "thu2", "thuhai"),
        ("tue", "tu", "tuesday", "t3", "thu3", "thuba"),
        ("wed", "we", "wednesday", "t4", "thu4", "thutu"),
        ("thu", "th", "thursday", "t5", "thu5", "thunam"),
        ("fri", "fr", "friday", "t6", "thu6", "thusau"),
        ("sat", "sa", "saturday", "t7", "thu7", "thubay"),
        ("sun", "su", "sunday", "cn", "chunhat"),
    )
):
    for _word in _words:
        _DAY_WORDS[_word] = _index
_EVERY_DAY = {"daily", "everyday", "hangngay", "moingay", "catuan"}
DAYS_FIX = (
    "write days as mon, tue, wed, thu, fri, sat, sun (or t2 … t7, cn), a range like mon-fri, "
    "a list like sat, sun, or daily"
)


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", ascii_fold(text).lower())


def _day(word: str, whole: str) -> int:
    folded = _fold(word)
    if folded in _DAY_WORDS:
        return _DAY_WORDS[folded]
    raise portal_error(f'"{word.strip()}" is not a day of the week{_within(word, whole)}', DAYS_FIX)


def parse_days(text: str) -> tuple[int, ...]:
    """`mon-fri, sun` → (0, 1, 2, 3, 4, 6); Monday is 0. Raises the editor's error."""
    if _fold(text) in _EVERY_DAY:
        return tuple(range(7))
    days: list[int] = []
    for part in re.split(r"[,;]", text):
        if not part.strip():
            raise portal_error(f'an empty day in "{text}"', DAYS_FIX)
        ends = re.split(r"\s*[-–—]\s*|\s+(?:to|đến|den)\s+", part.strip())
        if len(ends) == 1:
            found = [_day(ends[0], text)]
        elif len(ends) == 2:
            first, last = _day(ends[0], text), _day(ends[1], text)
            # sat-mon wraps over the week's end: sat, sun, mon.
            found = [(first + step) % 7 for step in range((last - first) % 7 + 1)]
        else:
            raise portal_error(f'"{part.strip()}" is not one day or one range', DAYS_FIX)
        for day in found:
            if day in days:
                raise portal_error(
                    f'{DAY_NAMES[day]} is written twice in "{text}"', "write each day once"
                )
            days.append(day)
    return tuple(sorted(days))


_TIME = re.compile(r"(\d{1,2}):(\d{2})")
_AM_PM = re.compile(r"(\d{1,2})(?:[:h.](\d{2}))?\s*(am|pm|sáng|chiều|tối)", re.I)
_LOOSE_TIME = re.compile(r"(\d{1,2})\s*(?:[hg.]|giờ|gio)\s*(\d{2})?\s*(?:p|phút|phut)?", re.I)
HOURS_FIX = (
    "write opening and closing times on the 24-hour clock, like 07:30-17:00; several "
    "periods with commas: 07:00-11:30, 13:30-17:00"
)


def _within(part: str, whole: str) -> str:
    """(in "…") after a message about one part of a longer value."""
    return "" if part.strip() == whole.strip() else f' (in "{whole.strip()}")'


def _minutes(text: str, whole: str) -> int:
    text = text.strip()
    if match := _TIME.fullmatch(text):
        hour, minute = int(match.group(1)), int(match.group(2))
        if minute < 60 and (hour < 24 or (hour == 24 and minute == 0)):
            return hour * 60 + minute
        raise portal_error(f'"{text}" is not a time of day{_within(text, whole)}', HOURS_FIX)
    if match := _LOOSE_TIME.fullmatch(text):
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        raise portal_error(
            f'"{text}" is not written as hours:minutes{_within(text, whole)}',
            f"write {hour:02d}:{minute:02d}",
        )
    if match := _AM_PM.fullmatch(text):
        hour, minute = int(match.group(1)) % 12, int(match.group(2) or 0)
        hour += 12 if match.group(3).lower() in ("pm", "chiều", "tối") else 0
        raise portal_error(
            f'"{text}" is not written on the 24-hour clock{_within(text, whole)}',
            f"write {hour:02d}:{minute:02d}",
        )
    raise portal_error(f'"{text}" is not a time like 07:30{_within(text, whole)}', HOURS_FIX)


Period = tuple[int, int]
"""Opening and closing minute after midnight; a closing time past midnight is above 1440."""


def parse_periods(text: str) -> tuple[Period, ...]:
    """`07:00-11:30, 13:30-17:00` → ((420, 690), (810, 1020)). Raises the editor's error."""
    periods: list[Period] = []
    for part in re.split(r"[,;]", text):
        ends = re.split(r"\s*[-–—]\s*|\s+(?:to|đến|den)\s+", part.strip())
        if len(ends) != 2 or not all(ends):
            raise portal_error(f'"{part.strip()}" is not an opening and a closing time', HOURS_FIX)
        opens, closes = _minutes(ends[0], text), _minutes(ends[1], text)
        if opens == DAY_MINUTES:
            raise portal_error(f'"{part.strip()}" opens at 24:00', "write 00:00 for midnight")
        if closes <= opens:
            # A night market closing after midnight (18:00-02:00); "07:00-5:00" is a slip
            # for 17:00, not a 22-hour day.
            if opens >= 12 * 60 and closes <= 6 * 60:
                closes += DAY_MINUTES
            else:
                later = closes + 12 * 60
                fix = (
                    f"write {later // 60:02d}:{later % 60:02d} if it closes in the afternoon "
                    "(24-hour clock)"
                    if later > opens and later <= DAY_MINUTES
                    else "write the closing time after the opening time"
                )
                raise portal_error(
                    f'"{part.strip()}" closes before it opens{_within(part, text)}', fix
                )
        if periods and opens < periods[-1][1]:
            raise portal_error(
                f'the periods of "{text}" overlap or are out of order',
                "write them in the order of the day, each after the previous one closes",
            )
        periods.append((opens, closes))
    return tuple(periods)


def _check_days(value: str) -> str:
    parse_days(value)
    return value


def _check_periods(value: str) -> str:
    parse_periods(value)
    return value


Days = Annotated[
    str,
    BeforeValidator(_to_text),
    AfterValidator(_check_days),
    Field(min_length=2, max_length=80),
]
Periods = Annotated[
    str,
    BeforeValidator(_to_text),
    AfterValidator(_check_periods),
    Field(min_length=9, max_length=120),
]


class OpeningHours(Record):
    """The hours of some days of the week; days not listed anywhere are closed."""

    days: Days = doc(
        "Các ngày: `mon-fri` (thứ 2 đến thứ 6), `sat, sun`, `t2-t6`, `cn` hoặc `daily` "
        "(hằng ngày).",
        "Days: `mon-fri`, `sat, sun`, `t2-t6` (Vietnamese), `cn` (Sunday) or `daily`.",
    )
    hours: Periods = doc(
        "Giờ mở và đóng cửa theo 24 giờ, ví dụ `07:00-17:00`; nghỉ trưa thì viết hai khoảng: "
        "`07:00-11:30, 13:30-17:00`.",
        "Opening and closing times on the 24-hour clock, e.g. `07:00-17:00`; a lunch break "
        "makes two periods: `07:00-11:30, 13:30-17:00`.",
    )

    @property
    def day_numbers(self) -> tuple[int, ...]:
        return parse_days(self.days)

    @property
    def periods(self) -> tuple[Period, ...]:
        return parse_periods(self.hours)


def _each_day_once(entries: tuple[OpeningHours, ...]) -> tuple[OpeningHours, ...]:
    seen: dict[int, str] = {}
    for entry in entries:
        for day in entry.day_numbers:
            if day in seen:
                raise portal_error(
                    f'{DAY_NAMES[day]} is in two entries ("{seen[day]}" and "{entry.days}")',
                    "give each day one entry; write its periods with commas, like "
                    "07:00-11:30, 13:30-17:00",
                )
            seen[day] = entry.days
    return entries


HoursList = Annotated[tuple[OpeningHours, ...], AfterValidator(_each_day_once)]


def week(entries: tuple[OpeningHours, ...]) -> list[tuple[Period, ...]]:
    """The periods of each day, Monday first; a closed day has none."""
    days: list[tuple[Period, ...]] = [() for _ in range(7)]
    for entry in entries:
        for day in entry.day_numbers:
            days[day] = entry.periods
    return days


def week_intervals(entries: tuple[OpeningHours, ...]) -> list[tuple[int, int]]:
    """Open intervals in minutes from Monday 00:00, merged where one runs into the next
    (Sunday 22:00-24:00 and Monday 00:00-02:00 are one night); the end of the last may pass
    the week's end. One interval of a whole week or more: always open."""
    spans = sorted(
        (day * DAY_MINUTES + opens, day * DAY_MINUTES + closes)
        for day, periods in enumerate(week(entries))
        for opens, closes in periods
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    if len(merged) > 1 and merged[-1][1] >= merged[0][0] + WEEK_MINUTES:
        first = merged.pop(0)
        merged[-1] = (merged[-1][0], max(merged[-1][1], first[1] + WEEK_MINUTES))
    return merged


def clock(minutes: int) -> str:
    """`HH:MM` of a minute of the day (1440 is 24:00; past midnight wraps to the next day)."""
    if minutes == DAY_MINUTES:
        return "24:00"
    minutes %= DAY_MINUTES
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
