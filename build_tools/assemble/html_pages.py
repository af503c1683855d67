"""Pages whose body is HTML only go into MkDocs' page as they are, not through Markdown.

Record pages (a relic, product or event: most of a province's pages) are written by our
templates as HTML from top to bottom, and the editors' prose in them is already Markdown
rendered and sanitized (`render/prose.py`). Python-Markdown would only re-parse that HTML to
hand it back unchanged: about a third of a language's MkDocs time at 1,000 relics. The
renderer marks such pages `portal_html: true` in their front matter (`_macros.j2` `front`);
`tests/test_build.py` checks on the sample that Python-Markdown returns every marked body
unchanged, so the shortcut cannot change a page.
"""

from __future__ import annotations

import re
from typing import Any

MARK = "portal_html"
_ID = re.compile(r'\sid="([^"]+)"')  # our templates quote every attribute with "


def install() -> None:
    """Make MkDocs take marked pages' bodies as their HTML (in a build process)."""
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import get_toc

    if getattr(Page.render, "takes_html", False):
        return
    convert = Page.render

    def render(self: Page, config: Any, files: Any) -> None:
        if self.markdown is None or self.meta.get(MARK) is not True:
            convert(self, config, files)
            return
        self.content = self.markdown.strip()
        self.toc = get_toc([])  # record pages hide the table of contents
        self._title_from_render = None  # their title is in the front matter
        # What MkDocs' anchor validation knows of other pages' links into this one.
        self.present_anchor_ids = set(_ID.findall(self.content))
        self.links_to_anchors = {}

    render.takes_html = True  # type: ignore[attr-defined]
    Page.render = render  # type: ignore[method-assign]
