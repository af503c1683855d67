"""Smaller HTML pages: the same document without the bytes a browser ignores."""

from __future__ import annotations

import json
import re

import minify_html

# Inline <script> and <style> text is kept as written, but trimmed: csp.protect must hash
# scripts after this pass. Closing tags and the <html>/<head> start tags stay, so every page
# still reads as well-formed to simple parsers (and <html lang> is never lost); the doctype
# stays standard. Attribute quotes go where HTML allows it.
_OPTIONS = {
    "keep_closing_tags": True,
    "keep_html_and_head_opening_tags": True,
    "minify_css": False,
    "minify_js": False,
}

# Material's settings block: JSON, never run (so never hashed), which its template writes
# with every non-ASCII character as a \u escape: six bytes for a Vietnamese letter of two.
_CONFIG = re.compile(r'(<script id="?__config"? type="?application/json"?>)(.*?)(</script>)', re.S)


def _compact_config(match: re.Match[str]) -> str:
    try:
        settings = json.loads(match.group(2))
    except ValueError:
        return match.group(0)  # not ours to fix: leave it as Material wrote it
    text = json.dumps(settings, ensure_ascii=False, separators=(",", ":"))
    # Nothing in the text may end the element or open a comment: escape what could.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return match.group(1) + text + match.group(3)


# Text elements whose `<` minify-html writes as is (a browser reads no tag in them): written
# `&lt;` again, so a name like "<img onerror=…>" never looks like markup to any reader of the
# page, a parser that does not know these elements included (link previews, scrapers).
_TEXT_ELEMENT = re.compile(r"(<(title|textarea)\b[^>]*>)(.*?)(</\2)", re.S | re.I)


def _escape_text(match: re.Match[str]) -> str:
    return match.group(1) + match.group(3).replace("<", "&lt;") + match.group(4)


def minify_page(page: str) -> str:
    """`page` without whitespace, quotes and comments that change nothing it shows or does.

    Running it on its own output gives the same bytes.
    """
    small: str = minify_html.minify(page, **_OPTIONS)
    small = _TEXT_ELEMENT.sub(_escape_text, small)
    return _CONFIG.sub(_compact_config, small, count=1)


def minify_tags(tags: str) -> str:
    """A few head tags written the way `minify_page` writes them in a page."""
    small: str = minify_html.minify(tags, **_OPTIONS)
    return small
