"""Where a Markdown page ends up: its URL, and the link from one page to another."""

from __future__ import annotations

import functools
import posixpath


def page_url(path: str) -> str:
    """The URL (relative to the language root) MkDocs gives `path` with directory URLs."""
    stem = path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@functools.lru_cache(maxsize=65536)  # every language links the same pages: a hit 4 in 5
def relative_url(from_path: str, to_path: str) -> str:
    here = page_url(from_path) or "."
    there = page_url(to_path) or "."
    rel = posixpath.relpath(there, here if here != "." else ".")
    if rel == ".":
        return "./"
    return rel + "/"
