"""YAML text → plain Python values, with the line of every key, and duplicate keys found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlProblem:
    line: int
    message: str
    path: Path = ()


@dataclass(frozen=True)
class YamlDocument:
    """Parsed data and where each part of it was written."""

    data: Any
    lines: dict[Path, int]
    problems: tuple[YamlProblem, ...] = field(default=())

    def line_of(self, path: Path) -> int:
        """The line of `path`, or of its closest written ancestor (for a missing key)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class YamlSyntaxError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document; raise YamlSyntaxError with the line of the mistake."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        lines: dict[Path, int] = {}
        problems: list[YamlProblem] = []

        def convert(node: yaml.Node, path: Path) -> Any:
            lines.setdefault(path, node.start_mark.line + 1)
            if isinstance(node, yaml.MappingNode):
                result: dict[str, Any] = {}
                for key_node, value_node in node.value:
                    # Keys are always names here; keep them as written (`no`, `on` stay text).
                    key = str(key_node.value)
                    line = key_node.start_mark.line + 1
                    if key in result:
                        problems.append(
                            YamlProblem(line, f'key "{key}" is written twice', (*path, key))
                        )
                    lines[(*path, key)] = line
                    result[key] = convert(value_node, (*path, key))
                return result
            if isinstance(node, yaml.SequenceNode):
                return [convert(item, (*path, index)) for index, item in enumerate(node.value)]
            return loader.construct_object(node, deep=True)

        data = None if node is None else convert(node, ())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlSyntaxError(line, _describe(error)) from None
    except yaml.YAMLError as error:  # e.g. a second document in one file
        raise YamlSyntaxError(1, str(error).splitlines()[0]) from None
    finally:
        loader.dispose()
    return YamlDocument(data, lines, tuple(problems))


def _describe(error: yaml.MarkedYAMLError) -> str:
    parts = [part for part in (error.context, error.problem) if part]
    return "; ".join(parts) or "the file is not valid YAML"
