"""One copy of each icon per language: inline SVG icons become references into a sprite.

Material and our templates inline every icon (menu, search, language, category, directions…)
into every page: about 3 KB of the same paths on each of a province's thousands of pages. Each
icon's shapes move into `<lang>/assets/images/icons.svg`, and the page keeps its own `<svg>`
tag (size, class, aria attributes) around a `<use href="…icons.svg#id">`. Fill and colour
inherit into the reference exactly as into inline shapes, so the page looks the same.

Only plain icons move: shapes alone (path, circle, rect…), no text, title, link, id or
reference that a separate document would change; SVG inside scripts, styles and comments is
left alone. Ids are a hash of the shapes, so a page's references never depend on which other
pages were built.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

SPRITE = "assets/images/icons.svg"
SVG_NS = "http://www.w3.org/2000/svg"

# Shapes shorter than a reference to them stay where they are.
_MIN_SHAPES = 64
_SHAPES = frozenset({"path", "circle", "rect", "polygon", "polyline", "ellipse", "line", "g"})
_TAG_NAME = re.compile(r"<\s*/?\s*([A-Za-z][\w:.-]*)")
_TAG = re.compile(r"<[^<>]*>")
_UNSAFE = re.compile(r"\bid\s*=|href|url\(|<!|&", re.I)
_TOKEN = re.compile(
    r"(<(script|style|textarea|title)\b.*?</\2\s*>|<!--.*?-->)|<svg\b([^<>]*)>(.*?)</svg\s*>",
    re.S | re.I,
)
_OBSOLETE = re.compile(
    r"""\s+(?:xmlns\s*=\s*(["']?)http://www\.w3\.org/2000/svg\1|focusable\s*=\s*(["']?)false\2)"""
    r"""(?=[\s/>]|$)"""
)
_ENTRY = re.compile(r'^<g id="(i[0-9a-f]{10})">(.*)</g>$')


@lru_cache(maxsize=1024)
def icon_id(shapes: str) -> str | None:
    """The sprite id of `shapes` (an inline icon's content), or None if it must stay inline."""
    if len(shapes) < _MIN_SHAPES or "<svg" in shapes.lower() or _UNSAFE.search(shapes):
        return None
    if _TAG.sub("", shapes).strip():
        return None  # text, which a reference would not carry with its language
    if any(name.lower() not in _SHAPES for name in _TAG_NAME.findall(shapes)):
        return None
    try:  # the sprite is an XML document: the shapes must read as XML there
        ET.fromstring(f'<g xmlns="{SVG_NS}">{shapes}</g>')
    except ET.ParseError:
        return None
    return "i" + hashlib.sha256(shapes.encode("utf-8")).hexdigest()[:10]


def hoist(page: str, sprite_url: str) -> tuple[str, dict[str, str]]:
    """`page` with its plain inline icons referring to `sprite_url`, and the icons moved
    (id → shapes)."""
    moved: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return match.group(0)  # raw text or a comment: not markup
        shapes = match.group(4)
        ident = icon_id(shapes)
        if ident is None:
            return match.group(0)
        moved[ident] = " ".join(shapes.splitlines())  # one line per icon in the sprite
        # An HTML parser ignores the namespace attribute of an inline <svg>, and only Internet
        # Explorer read `focusable`: both go with the shapes.
        attributes = _OBSOLETE.sub("", match.group(3))
        return f'<svg{attributes}><use href="{sprite_url}#{ident}"/></svg>'

    if "<svg" not in page:
        return page, moved
    return _TOKEN.sub(replace, page), moved


def sprite_url(page: Path, site_dir: Path) -> str:
    """The sprite's address relative to `page`, a file under the language's `site_dir`."""
    depth = len(page.relative_to(site_dir).parts) - 1
    return "../" * depth + SPRITE


def write_sprite(site_dir: Path, icons: dict[str, str]) -> None:
    """Add `icons` to the language's sprite (the icons already in it stay: a partial rebuild
    sees only some pages)."""
    path = site_dir / SPRITE
    known = read_sprite(path)
    if not icons.keys() - known.keys() and path.is_file():
        return
    known.update(icons)
    lines = [f'<g id="{ident}">{shapes}</g>' for ident, shapes in sorted(known.items())]
    text = f'<svg xmlns="{SVG_NS}"><defs>\n' + "\n".join(lines) + "\n</defs></svg>\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


_REFERENCE = re.compile(r"icons\.svg#([0-9A-Za-z_-]+)")


def keep_used_icons(site_dir: Path) -> None:
    """The sprite with only the icons some page of `site_dir` refers to: after a build that
    redrew some pages (page_cache.py), what a build of every page would have written."""
    path = site_dir / SPRITE
    known = read_sprite(path)
    used: set[str] = set()
    for page in site_dir.rglob("*.html"):
        used.update(_REFERENCE.findall(page.read_text("utf-8")))
    if known.keys() <= used:
        return
    path.unlink()
    write_sprite(site_dir, {ident: shapes for ident, shapes in known.items() if ident in used})


def read_sprite(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    found = {}
    for line in path.read_text("utf-8").splitlines():
        match = _ENTRY.match(line)
        if match:
            found[match.group(1)] = match.group(2)
    return found
