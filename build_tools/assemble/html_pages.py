"""Our pages' bodies go into MkDocs' pages as the HTML they are, not through Markdown.

Every page is written by our templates as HTML from top to bottom, and the editors' prose in
it is already Markdown rendered and sanitized (`render/prose.py`). Passing it through
Python-Markdown again would read translators' and editors' text as Markdown (a `{: onclick }`
or a `[link](javascript:…)` in a translated heading), and cost about a third of a language's
MkDocs time at 1,000 relics. The renderer marks its pages `portal_html: true` (`_macros.j2`
`front`); here their table of contents comes from their headings' ids. A page whose front
matter MkDocs could not read (it would show it as text and take it as Markdown) stops the
build: that is a bug of ours, never a page to publish.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.exceptions import BuildError

MARK = "portal_html"
_ID = re.compile(r'\sid="([^"]+)"')  # our templates quote every attribute with "
_HEADING = re.compile(r'<h([1-6])\b[^>]*?\sid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")


class UnreadFrontMatter(BuildError):
    """A page's front matter did not parse: MkDocs would publish it as text."""


def toc_tokens(content: str) -> list[dict[str, Any]]:
    """The table of contents of an HTML body: its headings with ids, nested by level, as
    Python-Markdown's toc extension would give them (names are the headings' escaped text)."""
    top: list[dict[str, Any]] = []
    open_levels: list[dict[str, Any]] = []
    for level, ident, inner in _HEADING.findall(content):
        name = " ".join(_TAG.sub("", inner).split())
        token = {"level": int(level), "id": ident, "name": name, "html": name, "children": []}
        while open_levels and open_levels[-1]["level"] >= token["level"]:
            open_levels.pop()
        (open_levels[-1]["children"] if open_levels else top).append(token)
        open_levels.append(token)
    return top


def install() -> None:
    """Make MkDocs take marked pages' bodies as their HTML (in a build process)."""
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import get_toc

    if getattr(Page.render, "takes_html", False):
        return
    convert = Page.render

    def render(self: Page, config: Any, files: Any) -> None:
        if self.markdown is not None and self.markdown.lstrip().startswith("---"):
            raise UnreadFrontMatter(f"{self.file.src_uri}: its front matter could not be read")
        if self.markdown is None or self.meta.get(MARK) is not True:
            convert(self, config, files)
            return
        self.content = self.markdown.strip()
        self.toc = get_toc(toc_tokens(self.content))  # type: ignore[arg-type]
        self._title_from_render = None  # their title is in the front matter
        # What MkDocs' anchor validation knows of other pages' links into this one.
        self.present_anchor_ids = set(_ID.findall(self.content))
        self.links_to_anchors = {}

    render.takes_html = True  # type: ignore[attr-defined]
    Page.render = render  # type: ignore[method-assign]
