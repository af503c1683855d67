"""Editors' Markdown → safe HTML: rendered with markdown-it-py, then sanitized with nh3.

markdown-it-py (CommonMark) parses in linear time: Python-Markdown took minutes on a
description of 15,000 `[` (its link parsing is quadratic). MkDocs still runs Python-Markdown
over each page, but our prose reaches it as a raw HTML block, which it does not parse.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

# What editors' Markdown can produce; everything else (script, style, iframes, event
# handlers, javascript: links) is removed by nh3 (the Rust `ammonia` sanitizer).
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h2",
    "h3",
    "h4",
    "a",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "abbr",
    "sup",
    "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}


# Raw HTML in editors' text is parsed (then cleaned by nh3, as before); no typographer.
_MARKDOWN = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")


def markdown_to_html(text: str) -> Markup:
    # Headings in prose start at h2: the page title is the only h1.
    rendered = _MARKDOWN.render(text)
    rendered = rendered.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    return Markup(cleaned)
