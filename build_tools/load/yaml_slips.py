"""What an editor typed that YAML reads otherwise, found in the file's text: a ` #` that cuts a
value short, curly quotes around a value, backslash escapes in double quotes; and YAML's syntax
errors told in plain words, with the line to write instead.

Each check returns a `Slip` (line, what is wrong, the fix) or None; the loader raises it.
"""

from __future__ import annotations

import re
import unicodedata

import yaml

Path = tuple[str | int, ...]
Slip = tuple[int, str, str]  # line (from 1), what is wrong, the fix

_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def source_lines(text: str) -> list[str]:
    """The file's lines as YAML counts them: the parser's marks index into these."""
    return _BREAKS.split(text)


def field_name(path: Path) -> str:
    """`description.vi`, `media[0].alt`: a path as messages name fields."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the value"


def double_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- values YAML cuts or changes ----------------------------------------------------------


def comment_slip(
    lines: list[str],
    value: str,
    start: tuple[int, int],
    end: tuple[int, int],
    path: Path,
    in_flow: bool,
) -> Slip | None:
    """A `#` after a space ends a plain value: `password: Abc2024 #khach` is "Abc2024".

    A note written as `portal new` writes them, two spaces before `# ` (`stars: 3  # 3, 4
    or 5`), is a note. Any other `#` right after a value is taken for part of the text, as
    in every case seen: one space before it (`Hẻm 12 #3`) or a word glued to it (`#khach`,
    hashtags). After a key with no value only a glued word counts (`ssid: #2`); a comment
    after quotes or a closing bracket cuts nothing and is left alone.
    """
    line = lines[end[0]] if end[0] < len(lines) else ""
    rest = line[end[1] :]
    if "#" not in rest:
        return None
    comment = rest.lstrip(" \t")
    gap = rest[: len(rest) - len(comment)]
    if not comment.startswith("#") or not gap:
        return None
    comment = comment.rstrip(" \t")
    glued = comment[1:2] not in ("", " ", "\t")
    empty = value == "" or value in ("~", "null", "Null", "NULL")
    if empty and not glued:
        return None
    if not empty and not glued and (len(gap) >= 2 or "\t" in gap):
        return None
    dropped = _short(comment)
    name = field_name(path)
    if in_flow:
        typed = double_quoted(value + gap + re.split(r"[,}\]]", comment)[0].rstrip())
    elif start[0] == end[0]:
        prefix = line[: start[1]].strip()
        typed = (prefix + " " if prefix else "") + double_quoted(line[start[1] :].strip())
    else:
        typed = double_quoted(value + gap + comment)
    read = "as empty" if empty else f'as "{_short(value)}"'
    return (
        end[0] + 1,
        f'"#" after a space starts a comment, so {name} is read {read} and "{dropped}" is '
        "dropped",
        f'put the whole value in double quotes: `{typed}`; if "{dropped}" is a note, put it '
        "on a line of its own",
    )


_CURLY_DOUBLE = ("“”„", "“”")  # (may open, may close)
_CURLY_SINGLE = ("‘’‚", "‘’")


def curly_slip(
    lines: list[str], value: str, start: tuple[int, int], path: Path, in_flow: bool
) -> Slip | None:
    """A plain value wrapped whole in curly quotes: Word's quotes, which YAML keeps as text."""
    if len(value) < 3:
        return None
    inner = value[1:-1]
    for opening, closing in (_CURLY_DOUBLE, _CURLY_SINGLE):
        if value[0] in opening and value[-1] in closing:
            # “A” và “B” quotes two things: typography, not a wrapper.
            if any(mark in inner for mark in opening if mark not in "’"):
                return None
            break
    else:
        return None
    line = lines[start[0]] if start[0] < len(lines) else ""
    prefix = "" if in_flow else line[: start[1]].strip()
    typed = (prefix + " " if prefix else "") + double_quoted(inner)
    return (
        start[0] + 1,
        f"curly quotes {value[0]}…{value[-1]} around {field_name(path)} are not YAML quotes "
        "(Word and phones type them): the site would show them",
        f"replace them with straight quotes: `{typed}`, or remove them",
    )


_SIMPLE_ESCAPES = "0abtnvfre N_LP\t/"


def escapes_in(raw: str) -> list[str]:
    """The backslash escapes in a double-quoted value as typed (`\\n`, `\\t`, `\\x41`…), but
    `\\\\` and `\\"`, which mean the character itself, and a backslash ending a line."""
    found: list[str] = []
    index = 0
    while (index := raw.find("\\", index)) != -1:
        char = raw[index + 1 : index + 2]
        if char in ("\\", '"', "", "\n", "\r"):
            index += 2
            continue
        width = {"x": 2, "u": 4, "U": 8}.get(char, 0)
        found.append(raw[index : index + 2 + width])
        index += 2 + width
    return found


def quoted_raw(lines: list[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    """The text between the quotes of a quoted value, as typed."""
    if start[0] == end[0]:
        return lines[start[0]][start[1] + 1 : end[1] - 1]
    parts = [lines[start[0]][start[1] + 1 :], *lines[start[0] + 1 : end[0]]]
    return "\n".join([*parts, lines[end[0]][: end[1] - 1]])


_MEANING = {
    "\\n": "a line break",
    "\\r": "a line break",
    "\\N": "a line break",
    "\\L": "a line break",
    "\\P": "a paragraph break",
    "\\t": "a tab",
    **{f"\\{c}": "an invisible control character" for c in "0abefv"},
}


def escape_slip(raw: str, key: str) -> tuple[str, str]:
    """(problem, fix) for a one-line value whose double quotes turned `\\n` into a line break."""
    escapes = escapes_in(raw)
    first = next((e for e in escapes if e in _MEANING), escapes[0] if escapes else "\\")
    meaning = _MEANING.get(first, "another character")
    fix = "write it in single quotes, which keep a backslash as typed"
    if "\n" not in raw and '\\"' not in raw:
        fix += f": `{key}: {single_quoted(raw)}`"
    return (
        f'"{_short(raw, 60)}" is in double quotes, where `{first}` is read as {meaning}',
        fix + ", or write `\\\\` for each backslash",
    )


# -- syntax errors in plain words -----------------------------------------------------------


def unclosed_quote_line(text: str, error_line: int) -> int | None:
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

# Spaces and invisible characters pasted from Word, web pages and chat apps, which YAML does
# not read as spaces.
ODD_SPACES = {
    "\u00a0": "a non-breaking space",
    "\u202f": "a narrow non-breaking space",
    "\u2007": "a figure space",
    "\u2009": "a thin space",
    "\u3000": "a full-width space",
    "\u200b": "a zero-width space",
    "\u2060": "a word joiner",
    "\ufeff": "a zero-width no-break space",
}


def describe_space(char: str) -> str:
    """`a non-breaking space (U+00A0, often pasted from Word or a web page)`."""
    name = ODD_SPACES.get(char) or f"an invisible {unicodedata.name(char, 'character').lower()}"
    return f"{name} (U+{ord(char):04X}, often pasted from Word or a web page)"


def _odd_space(line: str) -> Slip | None:
    found = next((i for i, char in enumerate(line) if char in ODD_SPACES), None)
    if found is None:
        return None
    what = describe_space(line[found])
    if not line[:found].strip():
        return 0, f"the line is indented with {what}", "retype the spaces at the start of the line"
    if line[:found].endswith(":"):
        key = line[:found].strip()
        return 0, f'"{key}" is followed by {what}, not a space', "retype the space after the colon"
    return 0, f"the line contains {what}", "retype the spaces on this line"


def key_and_value(line: str) -> tuple[str, str]:
    """`  vi: text` → (`vi:`, `text`); `- text` → (`-`, `text`): what comes before the value,
    without indentation, and the value."""
    body = line.strip()
    prefix = ""
    while body.startswith("- "):
        prefix += "- "
        body = body[2:].lstrip()
    match = re.match(r"[^\s:\"'{\[][^:]*?:(?:\s+|$)", body)
    if match:
        prefix += body[: match.end()].strip() + " "
        body = body[match.end() :]
    return prefix.strip(), body.rstrip()


_INDICATORS = {
    "*": "a reference to another part of the file",
    "&": "a mark for repeating a part of the file",
    "%": "an instruction to the YAML reader",
    "@": "a reserved sign",
    "`": "a reserved sign",
    "|": "the start of a text over several lines",
    ">": "the start of a text over several lines",
    "- ": "a list item",
}


def indicator_slip(line: str) -> tuple[str, str] | None:
    """Text that starts with a sign YAML reserves (`*bold*`, `& 66`, `%20`, `- `, `| `)."""
    prefix, value = key_and_value(line)
    sign = next((s for s in _INDICATORS if value.startswith(s)), None)
    if sign is None or (sign in "|>" and re.fullmatch(r"[|>][-+0-9]*(\s+#.*)?", value)):
        return None
    typed = (prefix + " " if prefix else "") + double_quoted(value)
    label = "a backtick (`)" if sign == "`" else f"`{sign.strip()}`"
    fix = f"write {typed}" if "`" in typed else f"write `{typed}`"
    if sign == "- ":
        fix += " (or remove the `- ` if it is not part of the text)"
    return (
        f"a value that starts with {label} must be in double quotes: at the start of a value "
        f"YAML reads it as {_INDICATORS[sign]}",
        fix,
    )


def _bad_escape(line: str, problem: str) -> tuple[str, str] | None:
    """`"Số 12\\3"`: a backslash inside double quotes that starts no escape YAML knows."""
    if "escape" not in problem:
        return None
    prefix, value = key_and_value(line)
    if not value.startswith('"'):
        return None
    end = 1
    while end < len(value) and value[end] != '"':
        end += 2 if value[end] == "\\" else 1
    raw = value[1:end]
    escape = next(
        (
            raw[i : i + 2]
            for i in range(len(raw) - 1)
            if raw[i] == "\\" and raw[i + 1] not in _SIMPLE_ESCAPES + '\\"xuU'
        ),
        "\\",
    )
    fix = "write the text in single quotes, which keep a backslash as typed"
    if '\\"' not in raw and end < len(value):
        fix += f": `{(prefix + ' ' if prefix else '')}{single_quoted(raw)}`"
    return (
        f"inside double quotes a backslash starts an escape (like `\\n` for a line break), "
        f"and `{escape}` is not one",
        fix + ", or write `\\\\` for each backslash",
    )


def _hash_in_braces(line: str) -> tuple[str, str] | None:
    """`{vi: Chùa số #1, en: …}`: the comment hides the rest of the line, `}` included."""
    found = re.search(r"[ \t]#", line)
    if found is None:
        return None
    opened = max(line.rfind("{", 0, found.start()), line.rfind("[", 0, found.start()))
    if opened == -1:
        return None
    at = found.start() + 1
    begin = max(line.rfind(": ", 0, at) + 2, line.rfind(",", 0, at) + 1, opened + 1)
    ends = [i for i in (line.find(",", at), line.find("}", at), line.find("]", at)) if i != -1]
    stop = min(ends) if ends else len(line)
    entry = line[begin:stop].strip()
    typed = (line[:begin].rstrip() + " " + double_quoted(entry) + line[stop:]).strip()
    closer = "}" if line[opened] == "{" else "]"
    return (
        f'"#" after a space starts a comment, which hides the rest of the line, `{closer}` '
        "included",
        f"put that text in double quotes: `{typed}`",
    )


def describe_syntax_error(error: yaml.MarkedYAMLError, text: str, line: int) -> tuple[str, str]:
    """The likely cause of a YAML syntax error in plain words, and how to fix it."""
    lines = text.splitlines()
    parser_says = "; ".join(part for part in (error.context, error.problem) if part)
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    problem = error.problem or ""
    if "\t" in here or "found character '\\t'" in problem:
        return (
            "a tab character is used for indentation",
            "indent with spaces only (VS Code: bottom bar → Spaces: 2 → convert indentation)",
        )
    odd = _odd_space(here)
    if odd is not None:
        return odd[1], odd[2]
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
    slip = _bad_escape(here, problem) or indicator_slip(here)
    if slip is not None:
        return slip
    if "flow mapping" in parser_says or "flow sequence" in parser_says:
        bracket = "{" if "mapping" in parser_says else "["
        closer = "}" if bracket == "{" else "]"
        hashed = _hash_in_braces(here)
        if hashed is not None:
            return hashed
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
    return (
        f"the line cannot be read ({parser_says or 'not valid YAML'})",
        "check the indentation and that every `key: value` has a space after the colon; "
        + QUOTE_FIX,
    )
