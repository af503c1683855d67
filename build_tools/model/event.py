"""Event: a festival or public programme with a start and an end in Mỹ Tho's time zone."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, ValidationInfo, field_validator, model_validator

from build_tools.model.fields import (
    Coordinates,
    LocalizedMarkdown,
    LocalizedText,
    Media,
    Record,
    ShortCode,
    Slug,
    Text,
    Url,
    code_field,
    doc,
    portal_error,
)

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def _local(value: dt.datetime) -> dt.datetime:
    # Editors write local wall-clock times; a time with an offset is converted to local time.
    if value.tzinfo is None:
        return value.replace(tzinfo=TIMEZONE)
    return value.astimezone(TIMEZONE)


LocalDateTime = Annotated[dt.datetime, AfterValidator(_local)]


class Venue(Record):
    """Where the event happens: a relic site of the catalog, or a place given here."""

    relic: Slug | None = doc(
        "Mã di tích nơi tổ chức (nếu là một di tích).",
        "Id of the relic site, if it is one.",
        default=None,
    )
    name: LocalizedText | None = doc("Tên địa điểm.", "Name of the place.", default=None)
    address: Text | None = doc("Địa chỉ.", "Address.", default=None)
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


class Event(Record):
    """An event, one YAML file in content/events/."""

    id: Slug = doc("Mã bản ghi, trùng tên tệp.", "Record id, same as the file name.")
    name: LocalizedText = doc("Tên sự kiện.", "Name of the event.")
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
    organiser: Text | None = doc("Đơn vị tổ chức.", "Organiser.", default=None)
    website: Url | None = doc("Trang thông tin chính thức.", "Official web page.", default=None)
    images: tuple[Media, ...] = doc(
        "Ảnh, lưu trong content/media/<id>/.", "Images, kept in content/media/<id>/.", default=()
    )

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
