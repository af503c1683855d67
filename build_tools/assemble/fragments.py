"""The menus drawn once per folder instead of once per page, in a language's MkDocs build.

Every page draws the site's menu twice (the drawer and the tabs): about a third of the time
Material's templates take per page. A page that is not in the menu itself (every record
page) draws menus that depend only on its folder: their links are relative to it, and no
menu item is the current page or its parent. `partials/nav.html` and `tabs.html` ask
`portal_fragment` for their HTML; for such pages it is drawn for the first page of each
folder and reused for the others. Pages in the menu are drawn each time, as Material does.
The theme still works without this plugin (the templates draw the menus themselves).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from mkdocs.plugins import BasePlugin


class Fragments(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Adds `portal_fragment(name, draw)` to the theme's templates."""

    def __init__(self) -> None:
        self._drawn: dict[tuple[str, str], str] = {}
        self._in_nav: set[int] = set()

    def on_nav(self, nav: Any, config: Any, files: Any) -> Any:
        self._in_nav = {id(page) for page in nav.pages}
        return nav

    def on_env(self, env: Any, config: Any, files: Any) -> Any:  # after on_nav
        self._drawn.clear()  # a new build (portal serve keeps the environment)
        env.globals["portal_fragment"] = self.fragment
        return env

    @pass_context
    def fragment(self, context: Context, name: str, draw: Callable[[], Any]) -> Any:
        page = context.get("page")
        if page is None or id(page) in self._in_nav or not isinstance(page.url, str):
            return draw()
        key = (name, posixpath.dirname(page.url.rstrip("/")))
        if key not in self._drawn:
            self._drawn[key] = draw()
        return self._drawn[key]
