"""Find every localized text inside a record, with its path, for coverage and --require-lang."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

Path = tuple[str | int, ...]


def is_localized(value: Any) -> bool:
    """Localized texts are the only str→str mappings in the models."""
    return (
        isinstance(value, dict)
        and bool(value)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    )


def localized_fields(record: BaseModel, path: Path = ()) -> Iterator[tuple[Path, dict[str, str]]]:
    """(path, {lang: text}) for each localized text written in `record`, nested ones too."""
    for name in type(record).model_fields:
        yield from _walk(getattr(record, name), (*path, name))


def _walk(value: Any, path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    if isinstance(value, BaseModel):
        yield from localized_fields(value, path)
    elif is_localized(value):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key))
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))
