"""YAML text → plain values that keep what the editor typed, with the line of every key.

PyYAML implements YAML 1.1, whose implicit typing silently rewrites values editors type:
`0763123456` becomes an octal number, `07:30` the integer 450, `25.000` the float 25.0 and
`no` the boolean false. Here, as in YAML 1.2's failsafe schema and StrictYAML, every scalar
stays the text that was written (an empty value, `~` or `null` is "nothing"), and the
model's field type decides what it means, refusing what it cannot convert with a fix.

Aliases and anchors are refused (editors never need them, and nested aliases expand a
500-byte file into gigabytes), and so is nesting deeper than any record needs (PyYAML's
composer is recursive).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent

Path = tuple[str | int, ...]

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


class _TextLoader(yaml.SafeLoader):
    """PyYAML's safe parser with a composer that refuses aliases, anchors, tags and depth."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, AliasEvent):
            raise YamlSyntaxError(
                line,
                f"`*{event.anchor}` repeats another part of the file (a YAML alias)",
                "write the value out in full; content files do not use `&` anchors or `*` aliases",
            )
        if isinstance(event, (ScalarEvent, MappingStartEvent, SequenceStartEvent)):
            if event.anchor is not None:
                raise YamlSyntaxError(
                    line,
                    f"`&{event.anchor}` marks a part of the file for repeating (a YAML anchor)",
                    f"remove `&{event.anchor}`; content files do not use anchors or aliases",
                )
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

        def convert(node: yaml.Node, path: Path) -> Any:
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
                    if "\u00a0" in key or key != key.strip():
                        raise YamlSyntaxError(
                            line,
                            f'the field name "{key.strip()}" has an invisible space around it '
                            "(a non-breaking space, often pasted from Word or a web page)",
                            "retype the spaces before the field name and after the colon",
                        )
                    if key in result:
                        problems.append(
                            YamlProblem(line, f'key "{key}" is written twice', (*path, key))
                        )
                    lines[(*path, key)] = line
                    result[key] = convert(value_node, (*path, key))
                return result
            if isinstance(node, yaml.SequenceNode):
                return [convert(item, (*path, index)) for index, item in enumerate(node.value)]
            assert isinstance(node, yaml.ScalarNode)
            return _scalar(node)

        data = None if node is None else convert(node, ())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark is not None and (
            "end of stream" in str(error.problem) or "flow" in str(error.context)
        ):
            mark = error.context_mark  # where the unclosed quote or bracket was opened
        line = mark.line + 1 if mark else 1
        unclosed = _unclosed_quote_line(text, line)
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
    return YamlDocument(data, lines, tuple(problems))


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
    # Each open collection: (container, its path, pending key for a mapping or None).
    stack: list[tuple[Any, Path, list[str | None]]] = []
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
                raise YamlSyntaxError(
                    line,
                    f"`*{event.anchor}` repeats another part of the file (a YAML alias)",
                    "write the value out in full; content files do not use `&` anchors "
                    "or `*` aliases",
                )
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                continue
            if not isinstance(event, (ScalarEvent, MappingStartEvent, SequenceStartEvent)):
                continue
            if event.anchor is not None:
                raise YamlSyntaxError(
                    line,
                    f"`&{event.anchor}` marks a part of the file for repeating (a YAML anchor)",
                    f"remove `&{event.anchor}`; content files do not use anchors or aliases",
                )
            if event.tag not in PLAIN_TAGS:
                raise _Unusual  # the Python path words the message
            # Where this value goes.
            if stack:
                container, path, pending = stack[-1]
                if isinstance(container, dict):
                    if pending[0] is None:  # this event is a key
                        if not isinstance(event, ScalarEvent):
                            raise _Unusual
                        key = str(event.value)
                        if "\u00a0" in key or key != key.strip():
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
                value: Any = (
                    None if event.style in (None, "") and event.value in NOTHING else event.value
                )
            elif isinstance(event, MappingStartEvent):
                value = {}
            else:
                value = []
            if stack:
                container, path, pending = stack[-1]
                if isinstance(container, dict):
                    container[pending[0]] = value  # a repeated key: the last one wins
                    pending[0] = None
                else:
                    container.append(value)
            else:
                result = value
            if not isinstance(event, ScalarEvent):
                stack.append((value, here, [None]))
    finally:
        loader.dispose()
    return YamlDocument(result, lines, tuple(problems))


def compose_yaml(text: str) -> yaml.Node | None:
    """The node tree of a file `parse_yaml` accepts, whose marks give the line, column and
    character offset of every key and value (for editing the text in place)."""
    loader = _TextLoader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def _unclosed_quote_line(text: str, error_line: int) -> int | None:
    """The first line up to the error whose value opens a `"` it does not close.

    YAML lets a quoted text run over several lines, so the parser complains only where the
    next field name is swallowed; the editor's mistake is on the line where the quote opened.
    """
    for number, line in enumerate(text.splitlines()[:error_line], start=1):
        stripped = line.split(" #")[0] if '"' not in line.split(" #")[0] else line
        value = stripped.partition(": ")[2] if ": " in stripped else stripped.lstrip("- ")
        value = value.strip()
        if value.startswith('"') and (len(value) == 1 or not _closes(value[1:])):
            return number if number < error_line else None
    return None


def _closes(rest: str) -> bool:
    escaped = False
    for char in rest:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            return True
    return False


QUOTE_FIX = 'put the whole text in double quotes: `key: "text: with a colon"`'


def describe_syntax_error(error: yaml.MarkedYAMLError, text: str, line: int) -> tuple[str, str]:
    """The likely cause of a YAML syntax error in plain words, and how to fix it."""
    lines = text.splitlines()
    parser_says = "; ".join(part for part in (error.context, error.problem) if part)
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    near = [lines[i] for i in range(max(0, line - 2), min(len(lines), line))]
    problem = error.problem or ""
    if "\t" in here or "found character '\\t'" in problem:
        return (
            "a tab character is used for indentation",
            "indent with spaces only (VS Code: bottom bar → Spaces: 2 → convert indentation)",
        )
    if any("\u00a0" in candidate for candidate in near) and "\u00a0" in (here or ""):
        return (
            "the line contains a non-breaking space (often pasted from Word or a web page)",
            "retype the spaces at the start of the line and after the colon",
        )
    if any(mark in here for mark in "\u201c\u201d\u2018\u2019") and (
        "mapping values" in problem or "expected" in problem
    ):
        return (
            "curly quotes “…” are not YAML quotes (Word and phones type them)",
            'use straight double quotes "…" around the text',
        )
    if "expected a single document" in parser_says or ("but found another document" in parser_says):
        return (
            "the file holds a second `---` and a second record",
            "keep one record per file: remove the second `---` or move that record to its own file",
        )
    if "flow mapping" in parser_says or "flow sequence" in parser_says:
        bracket = "{" if "mapping" in parser_says else "["
        closer = "}" if bracket == "{" else "]"
        if closer in here:
            return (
                f"a text inside `{bracket} … {closer}` contains a `:`, `,` or bracket",
                'put that text in double quotes, like `{vi: "Chùa A: cổng chính"}`',
            )
        return (
            f"the `{bracket}` opened on this line is not closed",
            f"add `{closer}` at the end of the line; if the text itself contains `,` `:` "
            f'`{bracket}` or `{closer}`, put it in double quotes "…"',
        )
    if "mapping values are not allowed here" in problem:
        return (
            "a colon followed by a space inside unquoted text (YAML reads it as a new field)",
            QUOTE_FIX,
        )
    if "found unexpected end of stream" in problem or "found unexpected end" in parser_says:
        return (
            "a quote or bracket opened here is never closed",
            'close it: every `"`, `[` and `{` needs its matching `"`, `]` or `}`',
        )
    if "could not find expected ':'" in problem or "found character" in problem:
        return (
            f"the line cannot be read ({parser_says})",
            "check the indentation and that every `key: value` has a space after the colon; "
            + QUOTE_FIX,
        )
    return (
        f"the line cannot be read ({parser_says or 'not valid YAML'})",
        "check the indentation and that every `key: value` has a space after the colon; "
        + QUOTE_FIX,
    )
