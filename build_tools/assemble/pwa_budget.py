"""What a tourist's first visit to one page costs on the wire, the worker's downloads included.

Read from a built site folder (its pages and the worker's lists in pwa/), so it measures
what would be published; `scripts/bench` and the tests call `first_visit_bytes`, also
importable from build_tools.assemble.pwa.
"""

from __future__ import annotations

import gzip
import json
import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

# Sent compressed by static hosts (GitHub Pages, Netlify, nginx with gzip_static or gzip on);
# images, fonts and audio are sent as they are.
TEXT_SUFFIXES = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt", ".webmanifest")
GZIP_LEVEL = 6  # what hosts use on the fly


def file_of(url: str) -> str:
    """The file a list entry's URL serves (directories: their index.html)."""
    return url + "index.html" if url.endswith("/") or url == "" else url


def wire_bytes(data: bytes, name: str) -> int:
    """Bytes on the wire for one file: gzip for text, as is for the rest."""
    if name.endswith(TEXT_SUFFIXES):
        return len(gzip.compress(data, GZIP_LEVEL, mtime=0))
    return len(data)


@dataclass(frozen=True)
class FirstVisit:
    """Bytes on the wire of a first visit; the totals first, then file by file."""

    page: str  # URL relative to the site root
    total: int
    page_bytes: int  # the page and what it loads
    worker_bytes: int  # what the service worker downloads besides
    page_files: dict[str, int]  # file → bytes on the wire
    worker_files: dict[str, int]


class _Loads(HTMLParser):
    """What a browser fetches when it loads a page (lazy images and media excepted)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []
        self.frames: list[str] = []
        self._config = False
        self.config = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        rel = values.get("rel", "").lower().split()
        if tag == "script" and values.get("src"):
            self.refs.append(values["src"])
        elif tag == "script" and values.get("id") == "__config":
            self._config = True  # Material's settings: its search worker loads on every page
        elif tag == "link" and values.get("href") and {"stylesheet", "icon", "manifest"} & set(rel):
            self.refs.append(values["href"])
        elif tag == "img" and values.get("src") and values.get("loading") != "lazy":
            self.refs.append(values["src"])
        elif tag == "iframe" and values.get("src"):
            self.frames.append(values["src"])

    def handle_data(self, data: str) -> None:
        if self._config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        self._config = False


def _local(folder: str, ref: str) -> str | None:
    if "://" in ref or ref.startswith(("data:", "//", "mailto:", "#")):
        return None
    path = unquote(ref.split("#")[0].split("?")[0])  # media names are percent-encoded
    return posixpath.normpath(posixpath.join(folder, path))


def page_files(site_dir: Path, path: str, frames: set[str] | None = None) -> set[str]:
    """The page (a file relative to site_dir) and every site file it loads, frames included;
    the frames' documents are also added to `frames` when given."""
    found = {path}
    parser = _Loads()
    parser.feed((site_dir / path).read_text("utf-8", errors="replace"))
    folder = posixpath.dirname(path)
    refs = list(parser.refs)
    if parser.config:
        search = json.loads(parser.config).get("search")
        if search:
            refs.append(search)
    for ref in refs:
        target = _local(folder, ref)
        if target and (site_dir / target).is_file():
            found.add(target)
    for ref in parser.frames:
        target = _local(folder, ref)
        if target and (site_dir / target).is_file() and target not in found:
            if frames is not None:
                frames.add(target)
            found |= page_files(site_dir, target, frames)
    return found


def _list(site_dir: Path, name: str) -> list[list[str | int]]:
    rows: list[list[str | int]] = json.loads((site_dir / "pwa" / name).read_text("utf-8"))
    return rows


def _largest_record(site_dir: Path, lang: str) -> str:
    pages = sorted((site_dir / lang / "relics").glob("*/index.html"))
    if not pages:
        return f"{lang}/"
    largest = max(pages, key=lambda p: (p.stat().st_size, p.as_posix()))
    return largest.parent.relative_to(site_dir).as_posix() + "/"


def first_visit_bytes(site_dir: Path, lang: str, page: str | None = None) -> FirstVisit:
    """Bytes on the wire (gzip) of a first visit to `page` (default: the largest relic page of
    `lang`), through its QR code's /q/ page when it has one: the page and what it loads, then
    what the service worker downloads (sw.js, the shell, the language's core list and core).

    A file the page loaded is counted once: the worker asks for it with `cache: "no-cache"`
    and gets a body-less 304 from the host. Not a frame's document (the mini map): browsers
    cache those apart from other requests, so the worker downloads it again.
    """
    url = page or _largest_record(site_dir, lang)
    frames: set[str] = set()
    loaded = page_files(site_dir, file_of(url), frames)
    for row in _list(site_dir, f"bundle-{lang}.json"):
        if len(row) > 3 and row[3] == url:
            loaded.add(file_of(str(row[0])))  # the board's code the visitor scanned
            break
    worker = {"sw.js", f"pwa/core-{lang}.json"}
    for name in ("shell.json", f"core-{lang}.json"):
        worker |= {file_of(str(row[0])) for row in _list(site_dir, name)}
    worker -= loaded - frames

    def sizes(files: set[str]) -> dict[str, int]:
        return {f: wire_bytes((site_dir / f).read_bytes(), f) for f in sorted(files)}

    on_page, by_worker = sizes(loaded), sizes(worker)
    page_bytes, worker_bytes = sum(on_page.values()), sum(by_worker.values())
    return FirstVisit(url, page_bytes + worker_bytes, page_bytes, worker_bytes, on_page, by_worker)
