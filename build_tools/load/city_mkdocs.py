"""A city's own MkDocs settings (`mkdocs.yml` beside site_config/): looks, not machinery.

The tool writes every page and every MkDocs setting that decides what a build reads, runs
or publishes. A city may change how the site looks and what its footer says; anything else
in its mkdocs.yml would be a way around the tool's guarantees: `hooks` and `plugins` run
code, `!ENV` publishes the CI job's environment, `docs_dir`, `theme.custom_dir` and paths
read files from anywhere, `extra.analytics` and remote scripts make visitors' browsers call
other hosts, and YAML anchors can grow without bound. Those are refused by `portal check`
with the line and the fix; what is allowed is merged over the tool's settings.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from build_tools.load.issues import Issue

FILE = "mkdocs.yml"
# Top-level settings a city may write, and for mappings the keys allowed inside them.
ALLOWED: dict[str, frozenset[str] | None] = {
    "copyright": None,
    "extra": None,  # checked key by key below
    "extra_css": None,
    "extra_javascript": None,
    "markdown_extensions": None,  # no effect: the tool's pages are HTML (kept for old cities)
    "theme": frozenset({"palette", "features", "icon", "logo", "favicon", "font"}),
    "validation": None,
}
# extra: keys the tool writes itself, or that make visitors' browsers call another host.
EXTRA_REFUSED = frozenset({"alternate", "analytics", "consent", "homepage", "generator"})
_LOCAL_FILE = re.compile(r"^(?!/)(?![A-Za-z][A-Za-z0-9+.-]*:)(?!.*(?:^|/)\.\.(?:/|$))[^\\\s]+$")
MAX_BYTES = 100_000
MAX_DEPTH = 8


def read_city_mkdocs(root: Path) -> tuple[dict[str, Any], list[Issue]]:
    """The city's allowed settings, and a problem for everything refused."""
    path = root / FILE
    if not path.is_file():
        return {}, []
    text = path.read_bytes()
    if len(text) > MAX_BYTES:
        return {}, [_issue(1, "", "the file is larger than 100 KB", "keep only the site's "
                           "looks here: palette, features, logo, copyright, extra")]
    try:
        source = text.decode("utf-8")
        problem = _unsafe_yaml(source)
        if problem:
            return {}, [problem]
        data = yaml.safe_load(source) or {}
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        return {}, [_issue(line, "", f"the file cannot be read ({error.__class__.__name__})",
                           "save it as UTF-8 and check it with a YAML validator")]
    if not isinstance(data, dict):
        return {}, [_issue(1, "", "the file holds no settings", "write `key: value` lines")]
    lines = _top_lines(source)
    kept: dict[str, Any] = {}
    issues: list[Issue] = []
    for key, value in data.items():
        line = lines.get(str(key), 1)
        refused = _refused(str(key), value)
        if refused:
            issues.append(_issue(line, str(key), *refused))
        else:
            kept[str(key)] = value
    return kept, issues


def _issue(line: int, field: str, problem: str, fix: str) -> Issue:
    return Issue(FILE, line, field, problem, fix)


def _unsafe_yaml(source: str) -> Issue | None:
    """Anchors, aliases and tags (`!ENV`, `!relative`, `!!python/…`) are refused: a city's
    settings need none, and they read the environment or grow without bound."""
    depth = 0
    for event in yaml.parse(source, Loader=yaml.SafeLoader):
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return _issue(line, "", "YAML anchors and aliases (`&name`, `*name`) are not "
                          "allowed here", "write each value out in full")
        tag = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", True)
        explicit = tag and (implicit is False or implicit == (False, False))
        if explicit and isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            return _issue(line, "", f"the tag {tag} is not allowed here (it could read the "
                          "machine's environment or files)", "write the value itself")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return _issue(line, "", f"the settings are nested more than {MAX_DEPTH} "
                              "levels deep", "check the indentation")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _refused(key: str, value: Any) -> tuple[str, str] | None:
    if key not in ALLOWED:
        allowed = ", ".join(sorted(ALLOWED))
        return (f"`{key}` is not a setting a city can change (the tool sets it, or it would "
                "run code, read files or call other hosts)", f"remove it; a city's mkdocs.yml "
                f"may set {allowed}")
    inner = ALLOWED[key]
    if inner is not None:
        if not isinstance(value, dict):
            return f"`{key}` must be a mapping", f"write `{key}:` followed by indented keys"
        extra = sorted(str(name) for name in value if name not in inner)
        if extra:
            return (f"{', '.join(extra)} cannot be changed here", f"{key} may set "
                    f"{', '.join(sorted(inner))}")
        if key == "theme" and value.get("font", False) is not False:
            return ("theme.font loads fonts from Google, a request to another host on every "
                    "page", "remove it: the site uses the phone's own fonts")
    if key == "extra":
        if not isinstance(value, dict):
            return "`extra` must be a mapping", "write `extra:` followed by indented keys"
        refused = sorted(str(name) for name in value
                         if name in EXTRA_REFUSED or str(name).startswith("portal"))
        if refused:
            return (f"extra.{refused[0]} is set by the tool, or makes visitors' browsers call "
                    "another host", "remove it")
    if key in ("extra_css", "extra_javascript"):
        items = value if isinstance(value, list) else [value]
        for item in items:
            if not isinstance(item, str) or not _LOCAL_FILE.match(item):
                return (f"{item!r} is not a file of the site (a path like "
                        "assets/stylesheets/city.css)", "put the file in site_config/overrides/"
                        "assets/ and write its path there; scripts and styles from other hosts "
                        "are not allowed")
    if key == "copyright" and not isinstance(value, str):
        return "`copyright` must be a text", "write `copyright: © 2026 Sở VHTTDL`"
    return None


def _top_lines(source: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, line in enumerate(source.splitlines(), 1):
        found = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if found:
            lines.setdefault(found.group(1), number)
    return lines
