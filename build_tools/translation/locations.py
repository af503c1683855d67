"""Where a record text lives (`heritage/relics/x.yaml#history[0].text`), and what it is."""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from build_tools.load.project import RECORD_SUFFIXES
from build_tools.load.yaml_source import Path
from build_tools.model.fields import model_in
from build_tools.model.kinds import KINDS, Kind

_PART = re.compile(r"\.?([A-Za-z0-9_-]+)|\[(\d+)\]")


@dataclass(frozen=True)
class Location:
    """A record file (relative to the city root) and the path of a text inside it.

    Written as a PO entry's msgctxt, so two identical source texts in different places stay
    two entries, and an import finds its way back to the place.
    """

    file: str
    path: Path

    def __str__(self) -> str:
        return f"{self.file}#{field_name(self.path)}"

    @classmethod
    def parse(cls, text: str) -> Location | None:
        """The location written as `text`, or None when it is not one of ours."""
        file, sep, field = text.partition("#")
        if not sep or not file or not field:
            return None
        path: list[str | int] = []
        position = 0
        while position < len(field):
            match = _PART.match(field, position)
            if match is None or (match.group(0).startswith(".") and not path):
                return None
            path.append(match.group(1) if match.group(1) else int(match.group(2)))
            position = match.end()
        if not isinstance(path[0], str):
            return None
        return cls(file, tuple(path))

    @property
    def kind(self) -> Kind | None:
        """The kind of record the file holds, if it is a record file (never a path elsewhere)."""
        folder, _sep, name = self.file.rpartition("/")
        if not name or name.startswith(".") or not name.lower().endswith(RECORD_SUFFIXES):
            return None
        return next((kind for kind in KINDS if kind.folder == folder), None)


def field_name(path: Path) -> str:
    """`("history", 0, "text")` → `history[0].text`, as error messages write fields."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def field_help(model: type[BaseModel], path: Path) -> tuple[str, str]:
    """The English help of the field at `path` and its kind (`localized`, `localized-markdown`).

    Steps over list indexes and the language keys of per-language mappings (`audio.vi`).
    """
    current: type[BaseModel] | None = model
    extra: dict[str, Any] = {}
    annotation: Any = None
    for part in path:
        if isinstance(part, int) or current is None or part not in current.model_fields:
            continue
        info = current.model_fields[part]
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        annotation = info.annotation
        current = model_in(annotation)
    helps = extra.get("x-help", {})
    help_text = helps.get("en", "") if isinstance(helps, dict) else ""
    return str(help_text), str(extra.get("x-kind") or _kind_in(annotation) or "localized")


def _kind_in(annotation: Any) -> str | None:
    """The `x-kind` of a localized type, also inside `LocalizedMarkdown | None`."""
    for item in getattr(annotation, "__metadata__", ()):
        extra = getattr(item, "json_schema_extra", None)
        if isinstance(extra, dict) and extra.get("x-kind"):
            return str(extra["x-kind"])
    for arg in typing.get_args(annotation):
        found = _kind_in(arg)
        if found is not None:
            return found
    return None
