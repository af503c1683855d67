"""Editors' Markdown → safe HTML: rendered with Python-Markdown, then sanitized with nh3."""

from __future__ import annotations

import markdown
import nh3
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


def markdown_to_html(text: str) -> Markup:
    # Headings in prose start at h2: the page title is the only h1.
    rendered = markdown.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    rendered = rendered.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    return Markup(cleaned)
