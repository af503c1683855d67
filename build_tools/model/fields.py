"""Field kinds shared by every record type: localized text, coordinates, media, links."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# Mainland Vietnam plus the offshore islands, with a small margin.
VIETNAM_LAT = (6.0, 23.5)
VIETNAM_LON = (102.0, 117.5)


def doc(vi: str, en: str, **kwargs: Any) -> Any:
    """A pydantic Field whose help text exists in Vietnamese and English.

    The JSON Schema (what VS Code shows while staff type) carries both; the editor guide
    shows the one in the reader's language.
    """
    extra = dict(kwargs.pop("json_schema_extra", None) or {})
    extra["x-help"] = {"vi": vi, "en": en}
    return Field(description=f"{vi} — {en}", json_schema_extra=extra, **kwargs)


def portal_error(message: str, fix: str, field: str | None = None) -> PydanticCustomError:
    """An error whose message and fix reach the editor word for word.

    `field` names the key inside the model the error belongs to, for checks that span
    several fields (pydantic would otherwise point at the whole mapping).
    """
    ctx = {"fix": fix} if field is None else {"fix": fix, "field": field}
    return PydanticCustomError("portal", message, ctx)


class Record(BaseModel):
    """Base of every model read from YAML: unknown keys are errors, values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _to_text(value: Any) -> Any:
    # Editors write `year: 1849` or `decision: 123`; YAML makes numbers and dates of them.
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, dt.date)):
        return str(value)
    return value


Text = Annotated[str, BeforeValidator(_to_text), Field(min_length=1)]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=2, max_length=80)]
ShortCode = Annotated[str, Field(pattern=r"^[a-z0-9]{3,8}$")]


def code_field() -> Any:
    return doc(
        "Mã ngắn in trên bảng QR (3–8 chữ thường/số). Bỏ trống để dùng mã tự sinh từ `id`; "
        "đã in bảng thì không được đổi.",
        "Short code printed on QR boards (3–8 lowercase letters/digits). Leave empty for the "
        "code derived from `id`; never change it once boards are printed.",
        default=None,
    )


def _check_language(code: str, info: ValidationInfo) -> str:
    languages = (info.context or {}).get("languages")
    if languages and code not in languages:
        raise portal_error(
            f'"{code}" is not a language of this site',
            f"use one of {', '.join(languages)} (site_config/site.yaml lists the languages)",
        )
    return code


def _check_default_present(value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
    default = (info.context or {}).get("default_language", "vi")
    if default not in value:
        raise portal_error(
            f"the {default} text is missing",
            f"add a line `{default}: ...` — every text needs the {default} version",
        )
    return value


LanguageCode = Annotated[str, AfterValidator(_check_language)]
LocalizedText = Annotated[
    dict[LanguageCode, Text],
    AfterValidator(_check_default_present),
    Field(json_schema_extra={"x-kind": "localized"}),
]
"""Text per language code, e.g. `{vi: "Chùa Vĩnh Tràng", en: "Vinh Trang Pagoda"}`."""

LocalizedMarkdown = Annotated[
    dict[LanguageCode, Text],
    AfterValidator(_check_default_present),
    Field(json_schema_extra={"x-kind": "localized-markdown"}),
]
"""Like LocalizedText, written in Markdown (paragraphs, **bold**, lists, links)."""


_HTTP_URL: TypeAdapter[HttpUrl] = TypeAdapter(HttpUrl)


def _check_url(value: str) -> str:
    try:
        return str(_HTTP_URL.validate_python(value))
    except ValidationError:
        raise portal_error(
            f'not a web address: "{value}"', "write the full address starting with https://"
        ) from None


Url = Annotated[str, AfterValidator(_check_url), Field(json_schema_extra={"format": "uri"})]


class Coordinates(Record):
    """A point in WGS 84, as a phone's map app gives it."""

    lat: float = doc(
        "Vĩ độ (độ thập phân), ví dụ 10.36 cho Mỹ Tho.",
        "Latitude in decimal degrees, e.g. 10.36 for Mỹ Tho.",
    )
    lon: float = doc(
        "Kinh độ (độ thập phân), ví dụ 106.36 cho Mỹ Tho.",
        "Longitude in decimal degrees, e.g. 106.36 for Mỹ Tho.",
    )

    @staticmethod
    def _inside(value: float, axis: str, bounds: tuple[float, float], other: str) -> float:
        low, high = bounds
        if not low <= value <= high:
            raise portal_error(
                f"{axis} {value} is outside Vietnam ({low} to {high})",
                f"copy the point again from a map; check that {axis} and {other} "
                "are not swapped (Mỹ Tho is lat 10.36, lon 106.36)",
            )
        return value

    @field_validator("lat")
    @classmethod
    def _lat(cls, value: float) -> float:
        return cls._inside(value, "latitude", VIETNAM_LAT, "longitude")

    @field_validator("lon")
    @classmethod
    def _lon(cls, value: float) -> float:
        return cls._inside(value, "longitude", VIETNAM_LON, "latitude")


class Media(Record):
    """A photo or document kept beside the record, with what a visitor needs to read it."""

    file: Text = doc(
        "Tên tệp trong thư mục media của bản ghi, ví dụ `cong-tam-quan.jpg`.",
        "File name inside the record's media folder, e.g. `cong-tam-quan.jpg`.",
    )
    alt: LocalizedText = doc(
        "Mô tả ngắn nội dung ảnh cho người khiếm thị.",
        "Short description of what the image shows, for screen readers.",
    )
    caption: LocalizedText | None = doc(
        "Chú thích ảnh.", "Caption shown under the image.", default=None
    )
    credit: Text | None = doc("Tác giả / nguồn ảnh.", "Photographer or source.", default=None)
    licence: Text | None = doc(
        "Giấy phép, ví dụ `CC BY 4.0`.", "Licence, e.g. `CC BY 4.0`.", default=None
    )


class Source(Record):
    """A reference that backs the facts of a record."""

    title: Text = doc("Tên tài liệu hoặc trang nguồn.", "Title of the document or page.")
    url: Url | None = doc("Địa chỉ web (nếu có).", "Web address, if any.", default=None)


def slug_of(text: str) -> str:
    """Fold a Vietnamese name into an id: "Chùa Vĩnh Tràng" → "chua-vinh-trang"."""
    import unicodedata

    text = text.replace("đ", "d").replace("Đ", "D")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
