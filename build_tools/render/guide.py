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


def guides(lang: str, titles: dict[str, str]) -> list[KindGuide]:
    return [
        KindGuide(kind.name, kind.folder, titles[kind.name], tuple(field_rows(kind.model, lang)))
        for kind in KINDS
    ]
