"""Event: a festival or public programme with a start and an end in Vietnam time."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ValidationInfo,
    field_validator,
    model_validator,
)

from build_tools.model.fields import (
    Coordinates,
    Line,
    LocalizedLine,
    LocalizedMarkdown,
    LocalizedText,
    Media,
    NameLine,
    Record,
    ShortCode,
    Slug,
    Text,
    Url,
    check_year,
    code_field,
    doc,
    iso_fix,
    notes_field,
    portal_error,
)

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def _local(value: dt.datetime) -> dt.datetime:
    # Editors write local wall-clock times; a time with an offset is converted to local time.
    if value.tzinfo is None:
        return value.replace(tzinfo=TIMEZONE)
    return value.astimezone(TIMEZONE)


_ISO_MOMENT = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})[T ]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?"
)
_ZONE_WORDS = re.compile(
    r"\s*(GMT|UTC|ICT|giờ\s*VN|\(.*\))\s*([+-]\s*\d{1,2}(:?\d{2})?)?\s*$", re.I
)


def _moment(value: Any) -> Any:
    """`2024-12-27 18:00` (Vietnam time), with an optional `+07:00`; every other spelling
    editors use (`27/12/2024 18:00`, `18h30`, `GMT+7`, a date alone) is refused with the fix."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    zone = _ZONE_WORDS.search(text)
    if zone and zone.start() > 0:
        bare = text[: zone.start()].strip()
        raise portal_error(
            f'"{text}" names a time zone',
            f"write {bare} without `{zone.group(0).strip()}`: times are Vietnam time already",
        )
    if match := _ISO_MOMENT.fullmatch(text):
        year, month, day, hour, minute, second = (int(g or 0) for g in match.groups()[:6])
        offset = match.group(7)
        if "h" in text.lower():
            raise portal_error(
                f'"{text}" writes the time with `h`',
                f"write {year}-{month:02d}-{day:02d} {hour:02d}:{minute:02d}",
            )
        try:
            moment = dt.datetime(year, month, day, hour, minute, second)
        except ValueError:
            raise portal_error(
                f'"{text}" is not a real date and time', "check the month, day, hour and minute"
            ) from None
        # Year 1 or 9999 is a placeholder, and a year-1 time in Vietnam is before the
        # first UTC instant: the calendar export would fail on it.
        check_year(year, text, "date and time")
        if offset == "Z":
            moment = moment.replace(tzinfo=dt.UTC)
        elif offset:
            sign = 1 if offset[0] == "+" else -1
            digits = offset[1:].replace(":", "")
            delta = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            moment = moment.replace(tzinfo=dt.timezone(sign * delta))
        return moment
    date_only = re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text)
    if date_only:
        raise portal_error(
            f'"{text}" has a date but no time',
            f"add the time, like {text} 08:00 (Vietnam time)",
        )
    if re.fullmatch(r"\d{1,2}[:h]\d{2}", text):
        hours, minutes = re.split(r"[:h]", text)
        raise portal_error(
            f'"{text}" is a time without a date',
            f"write the day too: YYYY-MM-DD {int(hours):02d}:{minutes}",
        )
    time_part = re.search(r"\s+(\d{1,2})[:h](\d{2})$", text)
    time = f" {int(time_part.group(1)):02d}:{time_part.group(2)}" if time_part else " 08:00"
    day_part = text[: time_part.start()] if time_part else text
    raise portal_error(
        f'expected a date and time like 2024-12-27 18:00; got "{text[:40]}"',
        iso_fix(day_part, time),
    )


LocalDateTime = Annotated[dt.datetime, BeforeValidator(_moment), AfterValidator(_local)]


class Venue(Record):
    """Where the event happens: a relic site of the catalog, or a place given here."""

    relic: Slug | None = doc(
        "Mã di tích nơi tổ chức (nếu là một di tích).",
        "Id of the relic site, if it is one.",
        default=None,
    )
    name: LocalizedLine | None = doc("Tên địa điểm.", "Name of the place.", default=None)
    address: Line | None = doc("Địa chỉ.", "Address.", default=None)
    coordinates: Coordinates | None = doc("Tọa độ.", "Position.", default=None)

    @model_validator(mode="after")
    def _relic_or_place(self) -> Venue:
        if self.relic is None and (self.coordinates is None or self.name is None):
            raise portal_error(
                "the venue needs either a relic id or a name with coordinates",
                "write `relic: <relic id>`, or both `name:` and `coordinates:`",
            )
        return self


class ProgrammeItem(Record):
    """One item of the event's programme."""

    start: LocalDateTime = doc(
        "Thời điểm bắt đầu, `YYYY-MM-DD HH:MM` giờ Việt Nam.",
        "Start, `YYYY-MM-DD HH:MM` Vietnam time.",
    )
    title: LocalizedText = doc("Tên hoạt động.", "What happens.")
    place: LocalizedText | None = doc("Nơi diễn ra.", "Where it happens.", default=None)


class Edition(Record):
    """The dates of an event's next edition, once announced."""

    start: LocalDateTime = doc("Bắt đầu lần tới.", "Start of the next edition.")
    end: LocalDateTime = doc("Kết thúc lần tới.", "End of the next edition.")

    @model_validator(mode="after")
    def _in_order(self) -> Edition:
        if self.end < self.start:
            raise portal_error(
                "the next edition ends before it starts",
                "check the dates; `end` must be the same as or after `start`",
                field="end",
            )
        return self


class Event(Record):
    """An event, one YAML file in content/events/."""

    id: Slug = doc("Mã bản ghi, trùng tên tệp.", "Record id, same as the file name.")
    name: LocalizedLine = doc("Tên sự kiện.", "Name of the event.")
    code: ShortCode | None = code_field()
    start: LocalDateTime = doc(
        "Bắt đầu, `YYYY-MM-DD HH:MM` giờ Việt Nam.", "Start, `YYYY-MM-DD HH:MM` Vietnam time."
    )
    end: LocalDateTime = doc(
        "Kết thúc, `YYYY-MM-DD HH:MM` giờ Việt Nam.", "End, `YYYY-MM-DD HH:MM` Vietnam time."
    )
    venue: Venue = doc("Địa điểm.", "Venue.")
    summary: LocalizedText = doc("Một câu giới thiệu.", "One-sentence summary.")
    description: LocalizedMarkdown = doc("Mô tả (Markdown).", "Description (Markdown).")
    programme: tuple[ProgrammeItem, ...] = doc("Chương trình.", "Programme.", default=())
    organiser: NameLine | None = doc(
        "Đơn vị tổ chức: một tên, hoặc tên theo từng ngôn ngữ `{vi: …, en: …}`.",
        "Organiser: one name, or a name per language `{vi: …, en: …}`.",
        default=None,
    )
    recurrence: Literal["none", "yearly"] = doc(
        "Lặp lại: none (một lần) hoặc yearly (hằng năm, như lễ hội).",
        "Recurrence: none (once) or yearly (every year, like a festival).",
        default="none",
    )
    next: Edition | None = doc(
        "Ngày của lần tổ chức tới khi đã công bố (sự kiện hằng năm).",
        "Dates of the next edition once announced (yearly events).",
        default=None,
    )
    website: Url | None = doc("Trang thông tin chính thức.", "Official web page.", default=None)
    notes: tuple[Text, ...] = notes_field()
    images: tuple[Media, ...] = doc(
        "Ảnh, lưu trong content/media/<id>/.", "Images, kept in content/media/<id>/.", default=()
    )

    def edition(self, today: dt.date) -> tuple[dt.datetime, dt.datetime]:
        """The dates to show: the next edition once this one is over and it is announced."""
        if self.next is not None and self.end.date() < today:
            return self.next.start, self.next.end
        return self.start, self.end

    def is_over(self, today: dt.date) -> bool:
        return self.edition(today)[1].date() < today

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, value: dt.datetime, info: ValidationInfo) -> dt.datetime:
        start = info.data.get("start")
        if start is not None and value < start:
            raise portal_error(
                f"the event ends ({value:%Y-%m-%d %H:%M}) "
                f"before it starts ({start:%Y-%m-%d %H:%M})",
                "check the dates; `end` must be the same as or after `start`",
            )
        return value
