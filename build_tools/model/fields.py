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
    StringConstraints,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
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


def portal_error(
    message: str, fix: str, field: str | None = None, reason: str | None = None
) -> PydanticCustomError:
    """An error whose message and fix reach the editor word for word.

    `field` names the key inside the model the error belongs to, for checks that span
    several fields (pydantic would otherwise point at the whole mapping). `reason` tells
    load/explain.py what kind of problem it is, for a message that knows how it was typed.
    """
    ctx = {"fix": fix}
    if field is not None:
        ctx["field"] = field
    if reason is not None:
        ctx["reason"] = reason
    return PydanticCustomError("portal", message, ctx)


class Record(BaseModel):
    """Base of every model read from YAML: unknown keys are errors, values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


PLACEHOLDER = "Cần bổ sung"  # what `portal new` writes where only the editor knows the value
MAX_TEXT = 2_000  # a name, an address, a summary
MAX_PROSE = 50_000  # a long article; beyond it a page is unreadable on a phone anyway


def _to_text(value: Any) -> Any:
    # The loader gives text for every scalar; refuse placeholders and control characters
    # here, once, for every text field.
    if isinstance(value, str):
        if PLACEHOLDER.casefold() in value.casefold():
            shown = " ".join(value.split())[:60]  # one line: a message is one line
            raise portal_error(
                f'"{shown}" is the placeholder written by `portal new`',
                "write the real value (or remove the line if the field is optional)",
            )
        found = _CONTROL.search(value)
        bad = found.group(0) if found else None
        if bad is not None:
            kind = "a code that is not a character" if _NONCHARACTER.match(bad) else (
                "an invisible control character")
            raise portal_error(
                f"the text contains {kind} (U+{ord(bad):04X})",
                "retype the text, or paste it without formatting (Ctrl+Shift+V)",
                reason="control",
            )
    return value


# Unicode's control (Cc) and surrogate (Cs) characters but line feed and tab, and its
# noncharacters (U+FFFE, U+FFFF…: never text, and YAML front matter refuses them): one regex
# search instead of a category lookup per character (two thirds of `portal check` before).
_NONCHARACTER = re.compile("[\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0001ffff\U0010fffe\U0010ffff]")
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0010fffe\U0010ffff]"
)


_BREAK = re.compile("[\n\r\u2028\u2029]")


def _one_line(value: str) -> str:
    # However the break came: a `|` block, or `\n` inside double quotes (explain.py names
    # the escape when the file has one there).
    if _BREAK.search(value):
        raise portal_error(
            "a name or short value must fit on one line",
            "write it on one line, without `|` or `>`",
            reason="one-line",
        )
    if "\t" in value:
        raise portal_error(
            "the text contains a tab character", "write a space instead", reason="one-line"
        )
    return value


Text = Annotated[str, BeforeValidator(_to_text), Field(min_length=1, max_length=MAX_TEXT)]
Line = Annotated[
    str,
    BeforeValidator(_to_text),
    AfterValidator(_one_line),
    Field(min_length=1, max_length=300),
]
"""Text that must stay on one line: names, titles, addresses, codes."""
ExactLine = Annotated[
    str,
    # First, so that it builds the text's own check: placed after a validator, the model's
    # `str_strip_whitespace` would apply again.
    StringConstraints(strip_whitespace=False, min_length=1, max_length=300),
    BeforeValidator(_to_text),
    AfterValidator(_one_line),
]
"""A line kept exactly as typed, spaces at its ends included: a network name or a password
("Cafe Free " is another network than "Cafe Free"). Other texts lose the spaces around
them, which a page would not show anyway."""
Prose = Annotated[str, BeforeValidator(_to_text), Field(min_length=1, max_length=MAX_PROSE)]
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


MACHINE_SUFFIX = "-x-mt"
"""Written after a language code (`fr-x-mt`, a BCP 47 private-use subtag) for a text that a
machine translated and no person has checked yet."""


class Texts(dict[str, str]):
    """A localized text once validated: text per language code, whoever translated it.

    `fr-x-mt` in the file becomes the key `fr` here, so every reader (pages, data exports,
    coverage) finds the French text under `fr`; `machine` remembers which languages a machine
    translated, for the note pages show and for coverage.
    """

    def __init__(self, texts: dict[str, str], machine: frozenset[str] = frozenset()) -> None:
        super().__init__(texts)
        self.machine = machine


def machine_translated(value: dict[str, str] | None) -> frozenset[str]:
    """The languages of `value` whose text a machine translated."""
    return getattr(value, "machine", frozenset())


def _check_text_language(code: str, info: ValidationInfo) -> str:
    if code.endswith(MACHINE_SUFFIX):
        _check_language(code.removesuffix(MACHINE_SUFFIX), info)
        return code
    return _check_language(code, info)


def _machine_marker(value: dict[str, str]) -> Texts:
    machine = {code.removesuffix(MACHINE_SUFFIX) for code in value if code.endswith(MACHINE_SUFFIX)}
    both = sorted(machine & value.keys())
    if both:
        raise portal_error(f"both {both[0]} and {both[0]}{MACHINE_SUFFIX} are written", "keep one")
    texts = {code.removesuffix(MACHINE_SUFFIX): text for code, text in value.items()}
    return Texts(texts, frozenset(machine))


LanguageCode = Annotated[str, AfterValidator(_check_language)]
TextLanguage = Annotated[str, AfterValidator(_check_text_language)]
"""The key of a localized text: a language of the site, or one with `-x-mt` after it."""

# What VS Code checks and shows while staff type a localized text's keys.
_TEXT_KEYS = {
    "pattern": r"^[a-z]{2,3}(-[A-Za-z]{2,4})?(-x-mt)?$",
    "description": "Mã ngôn ngữ của trang (vi, en, fr…); thêm -x-mt (fr-x-mt) cho bản dịch máy "
    "chưa có người kiểm tra, sửa thành fr khi đã kiểm tra. — A language code of the site (vi, "
    "en, fr…); add -x-mt (fr-x-mt) to mark a machine translation no person has checked yet, "
    "and write fr once someone has.",
}
LocalizedText = Annotated[
    dict[TextLanguage, Text],
    AfterValidator(_machine_marker),
    AfterValidator(_check_default_present),
    Field(json_schema_extra={"x-kind": "localized", "propertyNames": _TEXT_KEYS}),
]
"""Text per language code, e.g. `{vi: "Chùa Vĩnh Tràng", en: "Vinh Trang Pagoda"}`."""

LocalizedLine = Annotated[
    dict[TextLanguage, Line],
    AfterValidator(_machine_marker),
    AfterValidator(_check_default_present),
    Field(json_schema_extra={"x-kind": "localized", "propertyNames": _TEXT_KEYS}),
]
"""A localized name or title: one line per language."""


def _one_name(value: Any, info: ValidationInfo) -> Any:
    # Written as plain text by most editors: that is the default language's name.
    if isinstance(value, str):
        return {(info.context or {}).get("default_language", "vi"): value}
    return value


NameLine = Annotated[LocalizedLine, BeforeValidator(_one_name)]
"""A name typed once (the default language's, as most are) or per language `{vi: …, en: …}`:
an organiser, a shop."""

LocalizedMarkdown = Annotated[
    dict[TextLanguage, Prose],
    AfterValidator(_machine_marker),
    AfterValidator(_check_default_present),
    Field(json_schema_extra={"x-kind": "localized-markdown", "propertyNames": _TEXT_KEYS}),
]
"""Like LocalizedText, written in Markdown (paragraphs, **bold**, lists, links)."""


def _decimal(value: Any) -> Any:
    """Degrees as editors paste them: refuse the comma decimal and degrees-minutes-seconds."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if re.fullmatch(r"[+-]?\d+,\d+", text):
        raise portal_error(
            f'"{text}" uses a comma for the decimal point',
            f"write {text.replace(',', '.')} (a dot, not a comma)",
        )
    if re.search(r"[°º'′\"″]|\d\s*[NSEW]$", text):
        raise portal_error(
            f'"{text}" is written in degrees and minutes',
            "write decimal degrees like 10.3540 (a map app shows them when you "
            "long-press the place)",
        )
    return text


Degrees = Annotated[float, BeforeValidator(_decimal)]


def _dong(value: Any) -> Any:
    """A price in đồng: digits only; `25.000`, `120k`, `120.000đ` are refused with the number."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if re.fullmatch(r"\d+", text):
        return int(text)
    compact = re.sub(r"\s+", "", text.lower())
    match = re.fullmatch(r"(\d{1,3}(?:[.,]\d{3})+|\d+)(k|nghìn|ngàn|đ|₫|đồng|vnd|d)?", compact)
    if match:
        digits = int(re.sub(r"[.,]", "", match.group(1)))
        if match.group(2) in ("k", "nghìn", "ngàn"):
            digits *= 1000
        return _refuse_price(text, digits)
    raise portal_error(
        f'expected a price in đồng; got "{text[:60]}"',
        "write the number of đồng in digits only, like 25000",
    )


def _refuse_price(text: str, digits: int) -> Any:
    raise portal_error(
        f'"{text}" is not written as digits only',
        f"write {digits}: no dots, spaces, `k` or `đ` in prices",
    )


Dong = Annotated[int, BeforeValidator(_dong)]
"""A price in Vietnamese đồng, whole digits only."""

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
YEARS = (1800, 2200)
"""Years a date may have: outside them it is a placeholder (0001, 9999) or a typo."""


def check_year(year: int, text: str, what: str = "date") -> None:
    low, high = YEARS
    if not low <= year <= high:
        raise portal_error(
            f'"{text}" has the year {year}, outside the years {low} to {high}',
            f"write the real {what} (a placeholder year like 0001 or 9999 cannot be published)",
        )
_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2,4}))?")


def _date_text(value: Any) -> Any:
    """`2024-12-31` only; `31/12/2024` and `27/12` are refused with the date to write."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        try:
            date = dt.date(year, month, day)
        except ValueError:
            raise portal_error(
                f'"{text}" is not a date on the calendar', "check the month and the day"
            ) from None
        check_year(year, text)
        return date
    raise portal_error(f'expected a date like 2024-12-27; got "{text[:40]}"', iso_fix(text))


def iso_fix(text: str, time: str = "") -> str:
    """How to write a Vietnamese-style date (`31/12/2024`) the way the file needs it."""
    match = _DMY.fullmatch(text.strip())
    if match:
        day, month, year = match.groups()
        if year and len(year) == 4:
            return f"write {year}-{int(month):02d}-{int(day):02d}{time} (year-month-day)"
        return f"write the year too, year-month-day: YYYY-{int(month):02d}-{int(day):02d}{time}"
    return f"write year-month-day, like 2024-12-27{time}"


Date = Annotated[dt.date, BeforeValidator(_date_text)]


def _plain_file_name(value: str) -> str:
    from build_tools.load.confine import name_problem

    problem = name_problem(value)
    if problem is not None:
        raise portal_error(
            f'"{value[:80]}": {problem}',
            "write only the file's name, like cong-tam-quan.jpg, and put the file in this "
            "record's media folder",
        )
    return value


MediaFile = Annotated[str, BeforeValidator(_to_text), AfterValidator(_plain_file_name)]
"""A file name inside the record's media folder (a sub-folder is allowed, `..` is not)."""


_HTTP_URL: TypeAdapter[HttpUrl] = TypeAdapter(HttpUrl)


def _check_url(value: str) -> str:
    try:
        return str(_HTTP_URL.validate_python(value))
    except ValidationError:
        raise portal_error(
            f'not a web address: "{value}"', "write the full address starting with https://"
        ) from None


Url = Annotated[str, AfterValidator(_check_url), Field(json_schema_extra={"format": "uri"})]


def _comma_in_braces(data: dict[Any, Any]) -> None:
    """`{lat: 10,3615, lon: 106,3849}` reads as `lat: 10`, a field `3615`, `lon: 106`, a field
    `3849`: the decimal comma, which inside `{ }` also separates fields."""
    items = list(data.items())
    fixed: dict[str, str] = {}
    for (key, value), (extra, nothing) in zip(items, items[1:], strict=False):
        if (
            key in ("lat", "lon")
            and nothing is None
            and isinstance(extra, str)
            and extra.isdigit()
            and isinstance(value, str)
            and re.fullmatch(r"[+-]?\d+", value.strip())
        ):
            fixed[key] = f"{value.strip()},{extra}"
    if not fixed:
        return
    first = next(iter(fixed))
    dotted = {k: str(data.get(k, "…")) for k in ("lat", "lon")} | {
        k: v.replace(",", ".") for k, v in fixed.items()
    }
    raise portal_error(
        f'"{fixed[first]}" uses a comma for the decimal point, and inside {{ }} a comma '
        "starts the next field",
        f"write a dot: `{{lat: {dotted['lat']}, lon: {dotted['lon']}}}`",
        field=first,
    )


class Coordinates(Record):
    """A point in WGS 84, as a phone's map app gives it."""

    lat: Degrees = doc(
        "Vĩ độ (độ thập phân), ở Việt Nam từ 6 đến 23.5, ví dụ 11.2895.",
        "Latitude in decimal degrees, 6 to 23.5 in Vietnam, e.g. 11.2895.",
    )
    lon: Degrees = doc(
        "Kinh độ (độ thập phân), ở Việt Nam từ 102 đến 117.5, ví dụ 106.1325.",
        "Longitude in decimal degrees, 102 to 117.5 in Vietnam, e.g. 106.1325.",
    )

    @staticmethod
    def _inside(value: float, axis: str, bounds: tuple[float, float], other: str) -> float:
        low, high = bounds
        if not low <= value <= high:
            raise portal_error(
                f"{axis} {value} is outside Vietnam ({low} to {high})",
                f"copy the point again from a map; check that {axis} and {other} "
                "are not swapped (in Vietnam the latitude is the smaller number)",
            )
        return value

    @model_validator(mode="before")
    @classmethod
    def _swapped(cls, data: Any) -> Any:
        if isinstance(data, str) and len(numbers := re.findall(r"-?\d+(?:\.\d+)?", data)) == 2:
            raise portal_error(
                f'the point is written on one line: "{data}"',
                f"write it as `{{lat: {numbers[0]}, lon: {numbers[1]}}}`, or as two indented "
                "lines `lat:` and `lon:`",
            )
        if isinstance(data, dict):
            _comma_in_braces(data)
        # One mistake, one message: a swapped pair would otherwise fail on both axes.
        if isinstance(data, dict):
            try:
                lat, lon = float(data["lat"]), float(data["lon"])
            except (KeyError, TypeError, ValueError):
                return data
            low, high = VIETNAM_LAT
            if not low <= lat <= high and low <= lon <= high and VIETNAM_LON[0] <= lat:
                raise portal_error(
                    f"latitude {lat} and longitude {lon} are swapped",
                    f"write lat: {lon} and lon: {lat}",
                    field="lat",
                )
        return data

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

    file: MediaFile = doc(
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
    credit: Line | None = doc("Tác giả / nguồn ảnh.", "Photographer or source.", default=None)
    licence: Line | None = doc(
        "Giấy phép, ví dụ `CC BY 4.0`.", "Licence, e.g. `CC BY 4.0`.", default=None
    )


class Source(Record):
    """A reference that backs the facts of a record."""

    title: Line = doc("Tên tài liệu hoặc trang nguồn.", "Title of the document or page.")
    url: Url | None = doc("Địa chỉ web (nếu có).", "Web address, if any.", default=None)
    internal: bool = doc(
        "Chỉ cho cán bộ: nguồn này chỉ hiện khi xem trước trên máy (`portal serve`), "
        "không bao giờ được xuất bản.",
        "Staff only: listed in the local preview (`portal serve`), never published.",
        default=False,
    )


def notes_field() -> Any:
    return doc(
        "Ghi chú nội bộ cho cán bộ (ví dụ `Tọa độ cần kiểm tra tại thực địa`); chỉ hiện ở "
        "trang cán bộ khi xem trước trên máy (`portal serve`), không bao giờ được xuất bản.",
        "Notes for staff (e.g. `coordinates to be checked on site`); shown on the staff "
        "register in the local preview (`portal serve`) only, never published.",
        default=(),
    )


def ascii_fold(text: str) -> str:
    """Vietnamese letters without their marks, "đ" as "d"; what is not Latin is dropped."""
    import unicodedata

    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slug_of(text: str) -> str:
    """Fold a Vietnamese name into an id: "Chùa Vĩnh Tràng" → "chua-vinh-trang"."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside a field's annotation (`Designation`, `Media | None`,
    `tuple[Source, ...]`), for code that walks the models by field name."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = model_in(arg)
        if found is not None:
            return found
    return None
