"""The editor guide's field tables, read from the models so the guide cannot drift."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from build_tools.model.kinds import KINDS


@dataclass(frozen=True)
class FieldRow:
    name: str
    kind: str
    required: bool
    help: str


@dataclass(frozen=True)
class KindGuide:
    name: str
    folder: str
    title: str
    rows: tuple[FieldRow, ...]
    example: str = ""  # a short YAML record that passes `portal check`


def help_text(info: Any, lang: str) -> str:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    helps = extra.get("x-help", {})
    return str(helps.get(lang) or helps.get("en") or info.description or "")


def kind_label(annotation: Any) -> str:
    """A short, editor-readable name for a field's type."""
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Annotated:
        metadata = typing.get_args(annotation)[1:]
        for item in metadata:
            extra = getattr(item, "json_schema_extra", None)
            if isinstance(extra, dict) and extra.get("x-kind") == "localized":
                return "text per language"
            if isinstance(extra, dict) and extra.get("x-kind") == "localized-markdown":
                return "Markdown per language"
        return kind_label(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return kind_label(args[0]) if len(args) == 1 else " or ".join(kind_label(a) for a in args)
    if origin is Literal:
        return "one of: " + ", ".join(str(a) for a in typing.get_args(annotation))
    if origin is tuple:
        return f"list of {kind_label(args[0])}"
    if origin is dict:
        return f"per language: {kind_label(args[1])}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__
    names = {str: "text", int: "whole number", float: "number", bool: "true/false"}
    if isinstance(annotation, type) and annotation in names:
        return names[annotation]
    return getattr(annotation, "__name__", str(annotation)).replace("HttpUrl", "web address")


def field_rows(model: type[BaseModel], lang: str, prefix: str = "") -> list[FieldRow]:
    rows: list[FieldRow] = []
    for name, info in model.model_fields.items():
        full = f"{prefix}{name}"
        rows.append(
            FieldRow(full, kind_label(info.annotation), info.is_required(), help_text(info, lang))
        )
        nested = _nested_model(info.annotation)
        if nested is not None:
            marker = "[]." if typing.get_origin(_strip(info.annotation)) is tuple else "."
            if typing.get_origin(_strip(info.annotation)) is dict:
                marker = ".<lang>."
            rows.extend(field_rows(nested, lang, f"{full}{marker}"))
    return rows


def _strip(annotation: Any) -> Any:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return args[0]
    return annotation


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) is typing.Annotated:
        return None
    for arg in typing.get_args(annotation):
        found = _nested_model(arg)
        if found is not None:
            return found
    return None


# A short, complete record of each kind, shown in the guide (tests/test_city_guide.py checks
# that each one passes `portal check`). Texts in vi and en; other languages are optional.
EXAMPLES: dict[str, str] = {
    "relic": """\
id: chua-phuoc-lam
name:
  vi: Chùa Phước Lâm
  en: Phuoc Lam Pagoda
category: pagoda
designation:
  level: provincial
address: 12 Lê Lợi
ward: Phường Trung Tâm
coordinates:
  lat: 16.0544
  lon: 108.2022
summary:
  vi: Ngôi chùa cổ giữa trung tâm phường.
  en: An old pagoda in the heart of the ward.
description:
  vi: |
    Chùa có mặt tiền pha trộn kiến trúc Á – Âu.
  en: |
    Its façade blends Asian and European styles.
visiting:
  opening_hours:
    - days: t2-cn
      hours: 07:00-11:30, 13:30-17:00
  hours:
    vi: Đóng cửa mùng 1 Tết.
    en: Closed on the first day of Tết.
featured: true
""",
    "product": """\
id: keo-dua
name:
  vi: Kẹo dừa
  en: Coconut candy
stars: 3
category: food
producer:
  name: Cơ sở kẹo dừa Tân Thạch
  commune: Tân Thạch
summary:
  vi: Kẹo dẻo làm từ nước cốt dừa và mạch nha.
  en: Chewy candy made from coconut cream and malt.
description:
  vi: |
    Kẹo được nấu, cán mỏng, cắt viên và gói giấy.
""",
    "event": """\
id: dem-nhac-ben-song
name:
  vi: Đêm nhạc bên sông
  en: Riverside music night
start: 2026-12-19 18:00
end: 2026-12-19 22:00
venue:
  name:
    vi: Công viên bờ sông
  coordinates:
    lat: 16.0610
    lon: 108.2240
summary:
  vi: Một tối âm nhạc bên sông.
  en: An evening of music by the river.
description:
  vi: |
    Biểu diễn đờn ca tài tử và nhạc trẻ.
""",
    "wifi": """\
id: wifi-cong-vien-bo-song
name:
  vi: Wifi công viên bờ sông
  en: Riverside park wifi
coordinates:
  lat: 16.0610
  lon: 108.2240
serves:
  text:
    vi: Công viên bờ sông
ssid: Cong-Vien-Free-WiFi
security: open
""",
    "page": """\
id: thong-tin-huu-ich
title:
  vi: Thông tin hữu ích
  en: Useful information
order: 20
body:
  vi: |
    ## Đường dây nóng

    Gọi **1022** khi cần giúp đỡ.
""",
}


def guides(lang: str, titles: dict[str, str]) -> list[KindGuide]:
    return [
        KindGuide(
            kind.name,
            kind.folder,
            titles[kind.name],
            tuple(field_rows(kind.model, lang)),
            EXAMPLES.get(kind.name, ""),
        )
        for kind in KINDS
    ]
