"""YAML text → plain values that keep what the editor typed, with the line of every key.

PyYAML implements YAML 1.1, whose implicit typing silently rewrites values editors type:
`0763123456` becomes an octal number, `07:30` the integer 450, `25.000` the float 25.0 and
`no` the boolean false. Here, as in YAML 1.2's failsafe schema and StrictYAML, every scalar
stays the text that was written (an empty value, `~` or `null` is "nothing"), and the
model's field type decides what it means, refusing what it cannot convert with a fix.

Aliases and anchors are refused (editors never need them, and nested aliases expand a
500-byte file into gigabytes), and so is nesting deeper than any record needs (PyYAML's
composer is recursive). A value YAML reads otherwise than it was typed is refused with the
line to write instead (load/yaml_slips.py): a ` #` that cuts a plain value short, curly quotes
around one. Double-quoted values holding backslash escapes are noted, so that a message about
such a value can name the escape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent

from build_tools.load.yaml_slips import (
    ODD_SPACES,
    Slip,
    comment_slip,
    curly_slip,
    describe_syntax_error,
    escapes_in,
    indicator_slip,
    quoted_raw,
    source_lines,
    unclosed_quote_line,
)

Path = tuple[str | int, ...]
_ODD_KEY = re.compile(f"[{''.join(ODD_SPACES)}]")

MAX_DEPTH = 12  # a record nests at most ~5 levels (audio → vi → transcript → vi)
MAX_BYTES = 1_000_000  # a record file is a few KB; a megabyte is a mistake or an attack
NOTHING = {"", "~", "null", "Null", "NULL"}
# Tags a text editor or a YAML extension may write that still mean plain data.
PLAIN_TAGS = {
    None,
    "!",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


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
    escaped: dict[Path, str] = field(default_factory=dict)
    """Double-quoted values that hold backslash escapes, as typed (`Kho C:\\new 12`): a
    message about such a value names the escape the editor may not have meant."""

    def line_of(self, path: Path) -> int:
        """The line of `path`, or of its closest written ancestor (for a missing key)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class YamlSyntaxError(Exception):
    def __init__(self, line: int, message: str, fix: str | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.fix = fix


def _alias_error(line: int, anchor: str, text: str) -> YamlSyntaxError:
    # Anchors are refused where they are written, so an alias never names one: it is text
    # that starts with `*` (`*Ngôi chùa*`), unless it stands alone.
    slip = indicator_slip(_line_text(text, line))
    if slip is not None:
        return YamlSyntaxError(line, *slip)
    return YamlSyntaxError(
        line,
        f"`*{anchor}` repeats another part of the file (a YAML alias)",
        "write the value out in full; content files do not use `&` anchors or `*` aliases",
    )


def _anchor_error(line: int, anchor: str, scalar: bool, text: str) -> YamlSyntaxError:
    slip = indicator_slip(_line_text(text, line)) if scalar else None
    if slip is not None:  # `address: &66 Nguyễn Trung Trực`: text that starts with `&`
        return YamlSyntaxError(line, *slip)
    return YamlSyntaxError(
        line,
        f"`&{anchor}` marks a part of the file for repeating (a YAML anchor)",
        f"remove `&{anchor}`; content files do not use anchors or aliases",
    )


def _line_text(text: str, line: int) -> str:
    lines = source_lines(text)
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _key_error(line: int, key: str) -> YamlSyntaxError | None:
    """A field name with a space or an invisible character around it."""
    odd = _ODD_KEY.search(key)
    clean = key.strip(" \t" + "".join(ODD_SPACES))
    if odd is not None:
        what = ODD_SPACES[odd.group()]
        return YamlSyntaxError(
            line,
            f'the field name "{clean}" has an invisible space around it ({what}, often '
            "pasted from Word or a web page)",
            "retype the spaces before the field name and after the colon",
        )
    if key != key.strip():
        return YamlSyntaxError(
            line,
            f'the field name "{key}" has a space inside its quotes',
            f"write `{clean}:` without the quotes and the space",
        )
    return None


class _TextLoader(yaml.SafeLoader):
    """PyYAML's safe parser with a composer that refuses aliases, anchors, tags and depth."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._text = stream

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, AliasEvent):
            raise _alias_error(line, str(event.anchor), self._text)
        if isinstance(event, (ScalarEvent, MappingStartEvent, SequenceStartEvent)):
            if event.anchor is not None:
                scalar = isinstance(event, ScalarEvent)
                raise _anchor_error(line, str(event.anchor), scalar, self._text)
            if event.tag not in PLAIN_TAGS and not (
                isinstance(event, ScalarEvent) and event.tag == "!"
            ):
                raise YamlSyntaxError(
                    line,
                    f"`{str(event.tag).replace('tag:yaml.org,2002:', '!!')}` is a YAML tag, "
                    "which content files do not use",
                    "remove the word starting with `!`; if it is part of the text, "
                    'put the whole text in quotes ("…")',
                )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlSyntaxError(
                    line,
                    f"the values are nested more than {MAX_DEPTH} levels deep",
                    "no record needs this; check the indentation and the brackets",
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Values:
    """Checks every value against the text it was read from: the first slip (a ` #` that
    cut it short, curly quotes around it) and the double-quoted values holding escapes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: list[str] | None = None
        self.slip: Slip | None = None
        self.escaped: dict[Path, str] = {}
        # Most values are on lines without a `#` or a backslash: they cost a set lookup.
        self.hash_lines = (
            {i for i, line in enumerate(self.lines) if "#" in line} if "#" in text else set()
        )
        self.backslashes = "\\" in text

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = source_lines(self.text)
        return self._lines

    def check(
        self, value: str, style: str | None, start: Any, end: Any, path: Path, in_flow: bool
    ) -> None:
        if self.slip is not None:
            return
        if not style:
            if end.line in self.hash_lines:
                begin, stop = (start.line, start.column), (end.line, end.column)
                self.slip = comment_slip(self.lines, value, begin, stop, path, in_flow)
            if self.slip is None and value and value[0] in "“”„‘’‚":
                begin = (start.line, start.column)
                self.slip = curly_slip(self.lines, value, begin, path, in_flow)
        elif style == '"' and self.backslashes:
            raw = quoted_raw(self.lines, (start.line, start.column), (end.line, end.column))
            if "\\" in raw and escapes_in(raw):
                self.escaped[path] = raw

    def done(self) -> None:
        if self.slip is not None:
            raise YamlSyntaxError(*self.slip)


def _scalar(node: yaml.ScalarNode) -> str | None:
    value: str = node.value
    if node.style is None and value in NOTHING:
        return None  # `key:`, `key: ~`, `key: null`
    return value


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document; raise YamlSyntaxError with the line of the mistake."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise YamlSyntaxError(
            1,
            f"the file is larger than {MAX_BYTES // 1_000_000} MB",
            "a record is a few kilobytes: split long texts, and keep photos and documents "
            "in the media folder",
        )
    if _FAST is not None:
        try:
            return _parse_fast(text)
        except (yaml.YAMLError, _Unusual):
            pass  # the pure-Python parser below says what is wrong, in its own words
    loader: _TextLoader | None = None
    try:
        loader = _TextLoader(text)
        node = loader.get_single_node()
        lines: dict[Path, int] = {}
        problems: list[YamlProblem] = []
        values = _Values(text)

        def convert(node: yaml.Node, path: Path, in_flow: bool = False) -> Any:
            lines.setdefault(path, node.start_mark.line + 1)
            if isinstance(node, yaml.MappingNode):
                result: dict[str, Any] = {}
                for key_node, value_node in node.value:
                    line = key_node.start_mark.line + 1
                    if not isinstance(key_node, yaml.ScalarNode):
                        raise YamlSyntaxError(
                            line,
                            "a field name is a list or mapping",
                            "write a plain name before the colon, like `name:`",
                        )
                    # Keys are names: kept as written (`no`, `on`, `1` stay text).
                    key = str(key_node.value)
                    wrong = _key_error(line, key)
                    if wrong is not None:
                        raise wrong
                    if key in result:
                        problems.append(
                            YamlProblem(line, f'key "{key}" is written twice', (*path, key))
                        )
                    lines[(*path, key)] = line
                    result[key] = convert(value_node, (*path, key), bool(node.flow_style))
                return result
            if isinstance(node, yaml.SequenceNode):
                flow = bool(node.flow_style)
                return [
                    convert(item, (*path, index), flow) for index, item in enumerate(node.value)
                ]
            assert isinstance(node, yaml.ScalarNode)
            values.check(node.value, node.style, node.start_mark, node.end_mark, path, in_flow)
            return _scalar(node)

        data = None if node is None else convert(node, ())
        values.done()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark is not None and (
            "end of stream" in str(error.problem)
            or "flow" in str(error.context)
            or "could not find expected ':'" in str(error.problem)
        ):
            # Where the unclosed quote or bracket was opened, or the line that is no
            # `key: value` (the parser notices only on the next line).
            mark = error.context_mark
        line = mark.line + 1 if mark else 1
        unclosed = unclosed_quote_line(text, line)
        if unclosed is not None:
            raise YamlSyntaxError(
                unclosed,
                "the quote opened on this line is not closed",
                'end the text with a `"` on the same line (a `"` inside the text is written `\\"`)',
            ) from None
        message, fix = describe_syntax_error(error, text, line)
        raise YamlSyntaxError(line, message, fix) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        raise YamlSyntaxError(
            line,
            f"the line contains an invisible control character (#x{error.character:04x})",
            "retype the line, or paste the text without formatting (Ctrl+Shift+V)",
        ) from None
    except yaml.YAMLError as error:  # e.g. a second document in one file
        raise YamlSyntaxError(1, str(error).splitlines()[0]) from None
    finally:
        if loader is not None:
            loader.dispose()
    return YamlDocument(data, lines, tuple(problems), values.escaped)


_FAST: type[yaml.CSafeLoader] | None = getattr(yaml, "CSafeLoader", None)


class _Unusual(Exception):
    """Something the fast path leaves to the pure-Python parser's messages."""


def _parse_fast(text: str) -> YamlDocument:
    """The same result as the pure-Python path, from libyaml's events (about 10× faster on a
    province's catalogue), composed here without recursion: depth, aliases, anchors and
    tags are refused exactly as `_TextLoader` does; any libyaml error falls back."""
    assert _FAST is not None
    loader = _FAST(text)
    lines: dict[Path, int] = {}
    problems: list[YamlProblem] = []
    values = _Values(text)
    # Each open collection: (container, its path, pending key for a mapping or None, flow).
    stack: list[tuple[Any, Path, list[str | None], bool]] = []
    result: Any = None
    documents = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            assert event is not None
            line = event.start_mark.line + 1 if event.start_mark else 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _Unusual
                continue
            if isinstance(event, AliasEvent):
                raise _alias_error(line, str(event.anchor), text)
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                continue
            if not isinstance(event, (ScalarEvent, MappingStartEvent, SequenceStartEvent)):
                continue
            if event.anchor is not None:
                raise _anchor_error(line, str(event.anchor), isinstance(event, ScalarEvent), text)
            if event.tag not in PLAIN_TAGS:
                raise _Unusual  # the Python path words the message
            # Where this value goes.
            flow = False
            if stack:
                container, path, pending, flow = stack[-1]
                if isinstance(container, dict):
                    if pending[0] is None:  # this event is a key
                        if not isinstance(event, ScalarEvent):
                            raise _Unusual
                        key = str(event.value)
                        if key != key.strip() or _ODD_KEY.search(key):
                            raise _Unusual
                        if key in container:
                            problems.append(
                                YamlProblem(line, f'key "{key}" is written twice', (*path, key))
                            )
                        lines[(*path, key)] = line
                        pending[0] = key
                        continue
                    here: Path = (*path, pending[0])
                else:
                    here = (*path, len(container))
            else:
                here = ()
            lines.setdefault(here, line)
            if len(stack) + 1 > MAX_DEPTH:  # counted like _TextLoader: scalars too
                raise YamlSyntaxError(
                    line,
                    f"the values are nested more than {MAX_DEPTH} levels deep",
                    "no record needs this; check the indentation and the brackets",
                )
            if isinstance(event, ScalarEvent):
                values.check(event.value, event.style, event.start_mark, event.end_mark, here, flow)
                value: Any = (
                    None if event.style in (None, "") and event.value in NOTHING else event.value
                )
            elif isinstance(event, MappingStartEvent):
                value = {}
            else:
                value = []
            if stack:
                container, path, pending, _ = stack[-1]
                if isinstance(container, dict):
                    container[pending[0]] = value  # a repeated key: the last one wins
                    pending[0] = None
                else:
                    container.append(value)
            else:
                result = value
            if not isinstance(event, ScalarEvent):
                stack.append((value, here, [None], bool(event.flow_style)))
    finally:
        loader.dispose()
    values.done()  # after the whole file parsed: a syntax error further down comes first
    return YamlDocument(result, lines, tuple(problems), values.escaped)


def compose_yaml(text: str) -> yaml.Node | None:
    """The node tree of a file `parse_yaml` accepts, whose marks give the line, column and
    character offset of every key and value (for editing the text in place)."""
    loader = _TextLoader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()
