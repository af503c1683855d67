"""Write one language of a localized text into a YAML file, leaving every other byte as it was.

Translations come back into files that people keep by hand: their comments, key order, quoting,
blank lines and flow-or-block style are theirs. So the file is never dumped again from data;
the parser's marks (the character offset of every key and value) say where the text goes, and
only those characters change. Texts are written double-quoted (JSON escapes, which YAML reads
the same way) or as a `|` block, never plain, so a `: `, `#`, quote or leading `-` in a
translation cannot be read as YAML syntax. Every edit is parsed again and compared with the
data it should give; an edit that does not read back exactly is refused.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import yaml

from build_tools.load.yaml_source import Path, YamlSyntaxError, compose_yaml, parse_yaml

BLOCK_STYLES = ("|", ">")
# Characters YAML may not hold as they are, or reads as line breaks: written as escapes.
_ESCAPE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


class EditError(Exception):
    """The text could not be written at that place; `reason` says why, for the editor."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def quoted(value: str) -> str:
    """`value` as a double-quoted YAML scalar that reads back exactly."""
    text = json.dumps(value, ensure_ascii=False)
    return _ESCAPE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def set_localized_text(
    source: str,
    path: Path,
    key: str,
    value: str,
    replaces: tuple[str, ...] = (),
    default: str | None = None,
) -> str:
    """`source` with `key: value` in the localized text at `path`.

    An entry written as `key` or as one of `replaces` (`fr-x-mt` when `fr` is written) is
    replaced where it stands; otherwise the entry is added after the text's last language.
    `default`: the field also takes one plain text, the `default` language's (an event's
    organiser); written so on one line, it becomes `default:` and `key:` entries below the
    field, its own characters kept as typed.
    Returns `source` itself when the text is already written so. Raises EditError when `path`
    is not a text per language in this file, or when no way of writing it reads back exactly.
    """
    bom = "\ufeff" if source.startswith("\ufeff") else ""
    text = source[len(bom) :]
    # A file saved with Windows line ends keeps them: edit with \n, give them back at the end.
    crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
    if crlf:
        text = text.replace("\r\n", "\n")
    try:
        before = parse_yaml(text)
        root = compose_yaml(text)
    except (YamlSyntaxError, yaml.YAMLError):
        raise EditError("the file cannot be read as YAML; run `portal check`") from None
    mapping = _node_at(root, path)
    names = (key, *replaces)
    data = before.data
    if default is not None and isinstance(mapping, yaml.ScalarNode) and key != default:
        edits = _expansion(text, root, path, mapping, default, key, value)
        # It reads back as the same name under `default`, with the new text beside it.
        data = copy.deepcopy(before.data)
        data_at(data, path[:-1])[path[-1]] = {default: data_at(before.data, path)}
    else:
        if not isinstance(mapping, yaml.MappingNode) or not mapping.value:
            raise EditError("no text per language is written there any more")
        entries = [(k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode)]
        if not all(isinstance(v, yaml.ScalarNode) for _k, v in entries):
            raise EditError("the value there is not a text per language")
        existing = [(k, v) for k, v in entries if k.value in names]
        if len(existing) > 1:
            both = " and ".join(k.value for k, _v in existing)
            raise EditError(f"{both} are both written there")
        if existing:
            key_node, value_node = existing[0]
            if key_node.value == key and value_node.value.strip() == value:
                return source
            edits = _replacement(text, mapping, key_node, value_node, key, value)
        else:
            edits = _insertion(text, mapping, entries, key, value)

    for changes, read_back in edits:
        candidate = _apply(text, changes)
        if _reads_back(data, before.problems, candidate, path, names, key, read_back):
            if crlf:
                candidate = candidate.replace("\n", "\r\n")
            return bom + candidate
    raise EditError("the text could not be written so that it reads back exactly")


Change = tuple[int, int, str]  # replace text[start:end] with the string
Edit = tuple[list[Change], str]  # the changes, and the value the file then holds


def _replacement(
    text: str,
    mapping: yaml.MappingNode,
    key_node: yaml.ScalarNode,
    value_node: yaml.ScalarNode,
    key: str,
    value: str,
) -> list[Edit]:
    renamed = (
        [] if key_node.value == key else [(key_node.start_mark.index, key_node.end_mark.index, key)]
    )
    if value_node.value.strip() == value:
        # Only the marker changes (`fr-x-mt` checked by a person becomes `fr`): keep the text
        # exactly as it is written.
        return [(renamed, value_node.value)]
    start, end = value_node.start_mark.index, _scalar_end(text, value_node)
    ends_line = end > 0 and text[end - 1] == "\n"
    edits: list[Edit] = []
    if "\n" in value and not mapping.flow_style:
        indent = " " * (key_node.start_mark.column + 2)
        if ends_line:
            edits.append(([*renamed, (start, end, _block(value, indent) + "\n")], value + "\n"))
        else:
            line_end = _line_end(text, end)
            rest = text[end:line_end].strip()
            if not rest or rest.startswith("#"):
                header = f"| {rest}" if rest else "|"
                block = header + _block(value, indent)[1:]
                edits.append(([*renamed, (start, line_end, block)], value + "\n"))
    edits.append(([*renamed, (start, end, quoted(value) + ("\n" if ends_line else ""))], value))
    return edits


def _insertion(
    text: str,
    mapping: yaml.MappingNode,
    entries: list[tuple[yaml.ScalarNode, yaml.ScalarNode]],
    key: str,
    value: str,
) -> list[Edit]:
    last = entries[-1][1]
    if mapping.flow_style:
        # `{vi: …, en: …}` → `{vi: …, en: …, fr: "…"}`: right after the last value, so a
        # trailing comma or a comment before `}` stays where it is.
        at = last.end_mark.index
        return [([(at, at, f", {key}: {quoted(value)}")], value)]
    at = _scalar_end(text, last)
    if not (at > 0 and text[at - 1] == "\n"):
        at = _line_end(text, at)  # after a comment on the value's line
        at = at + 1 if at < len(text) else at
    indent = " " * entries[0][0].start_mark.column
    lead = "\n" if at == len(text) and text and not text.endswith("\n") else ""
    tail = "" if lead else "\n"
    edits: list[Edit] = []
    if "\n" in value:
        block = _block(value, indent + "  ")
        edits.append(([(at, at, f"{lead}{indent}{key}: {block}{tail}")], value + "\n"))
    edits.append(([(at, at, f"{lead}{indent}{key}: {quoted(value)}{tail}")], value))
    return edits


def _expansion(
    text: str,
    root: yaml.Node | None,
    path: Path,
    scalar: yaml.ScalarNode,
    default: str,
    key: str,
    value: str,
) -> list[Edit]:
    """`field: Tên` → `field:` with `default: Tên` and `key: value` below it."""
    parent = _node_at(root, path[:-1])
    start, end = scalar.start_mark.index, scalar.end_mark.index
    if (
        not isinstance(parent, yaml.MappingNode)
        or parent.flow_style
        or scalar.style in BLOCK_STYLES
        or scalar.start_mark.line != scalar.end_mark.line
    ):
        raise EditError("the text there is not on one line; write it as `vi: …` first")
    key_node = next(k for k, v in parent.value if v is scalar)
    indent = " " * (key_node.start_mark.column + 2)
    lines = f"\n{indent}{default}: {text[start:end]}\n{indent}{key}: {quoted(value)}"
    after_colon = len(text[:start].rstrip(" \t"))  # no trailing space left on `field:`
    return [([(after_colon, end, lines)], value)]


def _block(value: str, indent: str) -> str:
    """A `|` block scalar: each line indented, empty lines left empty."""
    lines = value.split("\n")
    return "|\n" + "\n".join(f"{indent}{line}" if line else "" for line in lines)


def _scalar_end(text: str, node: yaml.ScalarNode) -> int:
    """Where a scalar's written value ends.

    A block scalar's mark runs over the blank lines after it; unless they are kept (`|+`)
    they are the file's spacing, not the text, and an entry added after it goes before them.
    """
    end: int = node.end_mark.index
    if node.style not in BLOCK_STYLES:
        return end
    start: int = node.start_mark.index
    header = text[start : _line_end(text, start)].split("#")[0]
    if "+" in header:
        return end
    while end > start and text[end - 1] == "\n":
        previous = text.rfind("\n", start, end - 1)
        if previous < start or text[previous + 1 : end].strip():
            break
        end = previous + 1
    return end


def _line_end(text: str, index: int) -> int:
    """The index of the line break ending the line that holds `index` (or the text's end)."""
    end = text.find("\n", index)
    return len(text) if end == -1 else end


def _apply(text: str, changes: list[Change]) -> str:
    for start, end, new in sorted(changes, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _node_at(root: yaml.Node | None, path: Path) -> yaml.Node | None:
    node = root
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, yaml.SequenceNode) or not 0 <= part < len(node.value):
                return None
            node = node.value[part]
        else:
            if not isinstance(node, yaml.MappingNode):
                return None
            # The last of a key written twice is the one the loader keeps.
            found = [v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part]
            if not found:
                return None
            node = found[-1]
    return node


def data_at(data: Any, path: Path) -> Any:
    """The value at `path` in parsed data, or None where nothing is written."""
    for part in path:
        if isinstance(part, int):
            if not isinstance(data, list) or not 0 <= part < len(data):
                return None
        elif not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _reads_back(
    data: Any,
    problems: tuple[object, ...],
    candidate: str,
    path: Path,
    names: tuple[str, ...],
    key: str,
    value: str,
) -> bool:
    """Whether `candidate` gives exactly `data` with this one text changed."""
    try:
        after = parse_yaml(candidate)
    except YamlSyntaxError:
        return False
    expected = copy.deepcopy(data)
    texts = data_at(expected, path)
    if not isinstance(texts, dict):
        return False
    for name in names:
        texts.pop(name, None)
    texts[key] = value
    # Other values are compared as the models read them, without surrounding white space:
    # a block text at the very end of a file gains a line break when a line follows it.
    return bool(
        data_at(after.data, (*path, key)) == value
        and _stripped(after.data) == _stripped(expected)
        and len(after.problems) == len(problems)
    )


def _stripped(data: Any) -> Any:
    if isinstance(data, str):
        return data.strip()
    if isinstance(data, dict):
        return {key: _stripped(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_stripped(item) for item in data]
    return data
