"""CMS fields from the record models: one Sveltia (Decap-compatible) field per model field."""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints

from pydantic import AfterValidator, BaseModel, TypeAdapter
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from build_tools.assets.media import AUDIO_TYPES
from build_tools.model.fields import (
    SLUG_PATTERN,
    VIETNAM_LAT,
    VIETNAM_LON,
    Coordinates,
    Media,
)

Field = dict[str, Any]

DATE_FORMAT = "YYYY-MM-DD"  # Day.js tokens: what the models read (fields.Date)
DATETIME_FORMAT = "YYYY-MM-DD HH:mm"  # event.LocalDateTime, Vietnam wall-clock time
IMAGE_TYPES = "image/jpeg,image/png,image/webp"  # what Pillow reads; no HEIC
EDITOR_BUTTONS = [
    "bold",
    "italic",
    "link",
    "heading-two",
    "heading-three",
    "quote",
    "bulleted-list",
    "numbered-list",
]
# Bounds the models check in validators, which no JSON Schema shows.
EXTRA_BOUNDS: Mapping[tuple[str, str], tuple[float, float]] = {
    ("Coordinates", "lat"): VIETNAM_LAT,
    ("Coordinates", "lon"): VIETNAM_LON,
    ("Product", "stars"): (3, 5),
}
# What a pattern means, for the message shown when a value does not match it.
PATTERN_MESSAGES: Mapping[str, str] = {
    SLUG_PATTERN: "Chữ thường không dấu, số và dấu gạch ngang, ví dụ chua-phuoc-lam — lowercase "
    "ASCII letters, digits and hyphens, e.g. chua-phuoc-lam",
    r"^[a-z0-9]{3,8}$": "3 đến 8 chữ thường không dấu hoặc số — 3 to 8 lowercase letters or digits",
}
# Short labels where the first words of the help text are not one.
LABELS: Mapping[str, tuple[str, str]] = {
    "address": ("Địa chỉ", "Address"),
    "summary": ("Tóm tắt", "Summary"),
    "accessibility": ("Tiếp cận", "Accessibility"),
    "internal": ("Chỉ cho cán bộ", "Staff only"),
}


@dataclass(frozen=True)
class Languages:
    """The site's languages as the editor shows them: codes (default first) and names."""

    codes: tuple[str, ...]
    names: Mapping[str, str]
    ui: str  # language of labels: the site's default if we have labels in it, else vi

    @property
    def default(self) -> str:
        return self.codes[0]


@dataclass(frozen=True)
class _Peeled:
    tp: Any
    optional: bool
    metadata: tuple[Any, ...]


def _peel(hint: Any) -> _Peeled:
    """The type under `Annotated[...]` and `... | None`, with every annotation found on the way."""
    optional = False
    metadata: list[Any] = []
    while True:
        origin = get_origin(hint)
        if origin is Annotated:
            metadata.extend(hint.__metadata__)
            hint = get_args(hint)[0]
        elif origin in (Union, types.UnionType):
            args = [arg for arg in get_args(hint) if arg is not type(None)]
            optional = optional or len(args) < len(get_args(hint))
            if len(args) != 1:
                raise TypeError(f"the editor cannot show a choice of types: {hint}")
            hint = args[0]
        else:
            return _Peeled(hint, optional, tuple(metadata))


def _kind_mark(metadata: tuple[Any, ...]) -> str | None:
    for item in metadata:
        if isinstance(item, FieldInfo) and isinstance(item.json_schema_extra, dict):
            kind = item.json_schema_extra.get("x-kind")
            if isinstance(kind, str):
                return kind
    return None


def _is_media_file(metadata: tuple[Any, ...]) -> bool:
    from build_tools.model.fields import _plain_file_name

    return any(
        isinstance(item, AfterValidator) and item.func is _plain_file_name for item in metadata
    )


def help_of(info: FieldInfo) -> dict[str, str]:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    found = extra.get("x-help")
    if not isinstance(found, dict):
        return {}
    return {str(lang): str(text) for lang, text in found.items()}


def _plain(text: str) -> str:
    # Hints take bold, italic and links only: backticks would show as they are.
    return text.replace("`", "")


def hint_of(info: FieldInfo) -> str:
    """Both languages, the Vietnamese first, as the JSON Schema shows them in VS Code."""
    found = help_of(info)
    return _plain(" — ".join(found[lang] for lang in ("vi", "en") if found.get(lang)))


def label_of(name: str, info: FieldInfo, lang: str) -> str:
    """A short label: ours, else the help text up to its first pause."""
    if name in LABELS:
        return LABELS[name][0 if lang == "vi" else 1]
    text = help_of(info).get(lang) or help_of(info).get("vi") or name
    head = re.split(r"[:.,;]\s|[.:]$| \(| — |; ", _plain(text).strip(), maxsplit=1)[0]
    return head.strip() or name


def _constraints(schema: Mapping[str, Any]) -> dict[str, Any]:
    if "anyOf" in schema:
        for branch in schema["anyOf"]:
            if branch.get("type") != "null":
                return _constraints(branch)
    return dict(schema)


def _optional_pattern(pattern: str) -> str:
    # Sveltia tests the pattern on an empty optional field too: let empty pass.
    body = pattern.removeprefix("^").removesuffix("$")
    return f"^(?:{body})?$"


@dataclass(frozen=True)
class FieldMaker:
    """Turns model fields into CMS fields for one site's languages."""

    languages: Languages
    kinds: frozenset[str]  # record kinds, for references like `venue.relic`

    def is_localized(self, hint: Any) -> bool:
        return _kind_mark(_peel(hint).metadata) in ("localized", "localized-markdown")

    def fields(self, model: type[BaseModel]) -> list[Field]:
        hints = get_type_hints(model, include_extras=True)
        props = model.model_json_schema(mode="validation").get("properties", {})
        return [
            self.field(model, name, hints[name], info, props.get(name, {}))
            for name, info in model.model_fields.items()
        ]

    def field(
        self,
        model: type[BaseModel],
        name: str,
        hint: Any,
        info: FieldInfo,
        schema: Mapping[str, Any],
    ) -> Field:
        peeled = _peel(hint)
        has_default = info.default is not PydanticUndefined or info.default_factory is not None
        required = not peeled.optional and not has_default
        out: Field = {
            "name": name,
            "label": label_of(name, info, self.languages.ui),
            "hint": hint_of(info),
            "required": required,
        }
        out.update(self._widget(model, name, peeled, _constraints(schema), required))
        default = info.default
        if (
            not required
            and isinstance(default, (str, int, float, bool))
            and out["widget"] in ("select", "boolean", "number")
        ):
            out["default"] = default
        return out

    def _widget(
        self,
        model: type[BaseModel],
        name: str,
        peeled: _Peeled,
        schema: Mapping[str, Any],
        required: bool,
    ) -> Field:
        tp = peeled.tp
        mark = _kind_mark(peeled.metadata)
        if mark in ("localized", "localized-markdown"):
            value_type = get_args(tp)[1]
            return self.localized(value_type, markdown=mark == "localized-markdown")
        if isinstance(tp, type) and issubclass(tp, Coordinates):
            return {"widget": "object", "fields": self.coordinates()}
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            return {"widget": "object", "collapsed": "auto", "fields": self.fields(tp)}
        origin = get_origin(tp)
        if origin is dict:
            return self.per_language(get_args(tp)[1])
        if origin in (tuple, list):
            return self.listing(get_args(tp)[0])
        if origin is Literal:
            return self.select(get_args(tp), model, name)
        if tp is bool:
            return {"widget": "boolean"}
        if tp in (int, float):
            return self.number(tp, schema, EXTRA_BOUNDS.get((model.__name__, name)))
        if tp is dt.datetime:
            return {"widget": "datetime", "type": "datetime-local", "format": DATETIME_FORMAT}
        if tp is dt.date:
            return {"widget": "datetime", "type": "date", "format": DATE_FORMAT}
        if tp is str:
            return self.text(model, name, peeled, schema, required)
        raise TypeError(f"{model.__name__}.{name}: no editor field for {tp}")

    def localized(self, value_type: Any, markdown: bool) -> Field:
        """Our `{vi: …, en: …}` mapping as it is: one sub-field per language, the default one
        required. `fr-x-mt` keys are not shown; saving keeps them (see portal-cms.js)."""
        limits = _constraints(TypeAdapter(value_type).json_schema())
        if markdown:
            widget: Field = {
                "widget": "markdown",
                "buttons": EDITOR_BUTTONS,
                "editor_components": [],
                "modes": ["rich_text", "raw"],
            }
        elif limits.get("maxLength", 0) > 300:
            widget = {"widget": "text"}
        else:
            widget = {"widget": "string"}
        if not markdown and "maxLength" in limits:
            widget["maxlength"] = limits["maxLength"]
        return {
            "widget": "object",
            "fields": [
                {
                    "name": code,
                    "label": self.languages.names[code],
                    "required": code == self.languages.default,
                    **widget,
                }
                for code in self.languages.codes
            ],
        }

    def per_language(self, value_type: Any) -> Field:
        """`audio: {vi: {file: …}, en: …}`: one optional object per language of the site."""
        peeled = _peel(value_type)
        if not (isinstance(peeled.tp, type) and issubclass(peeled.tp, BaseModel)):
            raise TypeError(f"no editor field for a mapping of {value_type}")
        return {
            "widget": "object",
            "collapsed": "auto",
            "fields": [
                {
                    "name": code,
                    "label": self.languages.names[code],
                    "required": False,
                    "widget": "object",
                    "fields": self.fields(peeled.tp),
                }
                for code in self.languages.codes
            ],
        }

    def listing(self, item_type: Any) -> Field:
        peeled = _peel(item_type)
        if isinstance(peeled.tp, type) and issubclass(peeled.tp, BaseModel):
            return {"widget": "list", "collapsed": "auto", "fields": self.fields(peeled.tp)}
        item = self._widget(
            BaseModel, "item", peeled, TypeAdapter(item_type).json_schema(), required=True
        )
        return {"widget": "list", "field": {"name": "item", "label": "", **item}}

    def select(self, values: tuple[Any, ...], model: type[BaseModel], name: str) -> Field:
        info = model.model_fields[name]
        help_vi = help_of(info).get("vi", "")
        options = []
        for value in values:
            # "pagoda (chùa)" in the help text: the Vietnamese word first, the saved value after.
            found = re.search(rf"(?<![\w-]){re.escape(str(value))} \(([^)]+)\)", help_vi)
            vietnamese = found is not None and self.languages.ui == "vi"
            label = f"{found.group(1)} ({value})" if found and vietnamese else str(value)
            options.append({"label": label, "value": value})
        return {"widget": "select", "options": options}

    def number(
        self, tp: type, schema: Mapping[str, Any], bounds: tuple[float, float] | None
    ) -> Field:
        out: Field = {"widget": "number", "value_type": "int" if tp is int else "float"}
        low = schema.get("minimum", schema.get("exclusiveMinimum"))
        high = schema.get("maximum", schema.get("exclusiveMaximum"))
        if bounds is not None:
            low, high = bounds
        if low is not None:
            out["min"] = low
        if high is not None:
            out["max"] = high
        if tp is float:
            out["step"] = 0.0001  # about 10 m: the precision of a point copied from a map
        return out

    def coordinates(self) -> list[Field]:
        """`{lat, lon}` as two numbers within Vietnam: what a phone's map app gives."""
        hints = get_type_hints(Coordinates, include_extras=True)
        return [
            self.field(Coordinates, name, hints[name], info, {})
            for name, info in Coordinates.model_fields.items()
        ]

    def text(
        self,
        model: type[BaseModel],
        name: str,
        peeled: _Peeled,
        schema: Mapping[str, Any],
        required: bool,
    ) -> Field:
        if _is_media_file(peeled.metadata):
            if issubclass(model, Media):
                return {"widget": "image", "choose_url": False, "accept": IMAGE_TYPES}
            return {"widget": "file", "choose_url": False, "accept": ",".join(AUDIO_TYPES)}
        if name in self.kinds and schema.get("pattern") == SLUG_PATTERN:
            return {
                "widget": "relation",
                "collection": name,
                "value_field": "{{slug}}",
                "search_fields": [f"name.{self.languages.default}"],
                "display_fields": [f"name.{self.languages.default}"],
            }
        out: Field = {"widget": "string"}
        if schema.get("format") == "uri":
            out["type"] = "url"
        pattern = schema.get("pattern")
        if pattern:
            message = PATTERN_MESSAGES.get(
                pattern, f"Không đúng dạng {pattern} — does not match {pattern}"
            )
            out["pattern"] = [pattern if required else _optional_pattern(pattern), message]
        if "maxLength" in schema:
            out["maxlength"] = schema["maxLength"]
        return out
