"""A Content-Security-Policy and a referrer policy in the head of every (minified) HTML page.

The pass that adds them also minifies each page (minify.py): it reads and writes every page
anyway, and the policy must hash the inline scripts as they are finally written.
"""

from __future__ import annotations

import base64
import hashlib
import html
import multiprocessing
import re
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import repeat
from pathlib import Path
from urllib.parse import urlsplit

from build_tools.assemble.icons import hoist, sprite_url, write_sprite
from build_tools.assemble.minify import minify_page, minify_tags

REFERRER = "strict-origin-when-cross-origin"

# What the browser runs as script (HTML's "prepare the script element"): no type, an empty
# one, a JavaScript MIME type, a module; import maps and speculation rules are checked against
# script-src too. Anything else (application/json, application/ld+json…) is a data block:
# never run, so never hashed.
_EXECUTABLE_TYPES = frozenset(
    {
        "",
        "module",
        "importmap",
        "speculationrules",
        "application/ecmascript",
        "application/javascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/javascript",
        "text/javascript1.0",
        "text/javascript1.1",
        "text/javascript1.2",
        "text/javascript1.3",
        "text/javascript1.4",
        "text/javascript1.5",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    }
)


def tile_origin(template: str) -> str:
    """The CSP source of a tile URL template: scheme and host, `{s}`-style labels as `*.`."""
    parts = urlsplit(template)
    host = parts.netloc.rpartition("@")[2]
    port = ""
    if host.rpartition(":")[2].isdigit():
        host, _, number = host.rpartition(":")
        port = f":{number}"
    labels = host.lower().split(".")
    # CSP can only widen the leftmost label (`*.example.org`): a placeholder further right
    # (`a.{s}.example.org`) widens every label up to it, the narrowest source that still
    # matches every tile server.
    templated = [i for i, label in enumerate(labels) if "{" in label]
    if templated:
        fixed = labels[templated[-1] + 1 :]
        if len(fixed) < 2:
            raise ValueError(f"tile address {template} has no fixed domain a policy can name")
        labels = ["*", *fixed]
    return f"{parts.scheme.lower()}://{'.'.join(labels)}{port}"


def script_hash(text: str) -> str:
    """The CSP hash source of an inline script, as the browser computes it."""
    # The browser hashes the element's text after the parser's input preprocessing: CR LF
    # and lone CR become LF, NUL in script data becomes U+FFFD; then UTF-8.
    normalized = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    digest = hashlib.sha256(normalized.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(tiles: str, hashes: Iterable[str] = ()) -> str:
    """The policy of one page: its own inline scripts, the site's files, the tile server."""
    # data: for the SVG icons Material's CSS draws as data: URLs; tiles are <img>.
    return _directives(hashes, images=f"data: {tile_origin(tiles)}")


def admin_policy(api_origins: Iterable[str] = (), hashes: Iterable[str] = ()) -> str:
    """The policy of the web editor at /admin/: its own files plus its git host's API.

    Sveltia CMS needs no 'unsafe-eval'; it injects <style> elements ('unsafe-inline' styles),
    shows uploads and previews through blob: URLs, and loads its preview chunk and fonts from
    /admin/ itself. No blob: worker: the only one (a HEIC decoder) would import from a CDN.
    `hashes`: the page's import map, which maps the CMS's CDN imports to our copies.
    """
    api = " ".join(sorted(set(api_origins)))
    return _directives(
        hashes, images="data: blob:", connect=f"blob: data: {api}".rstrip(), blob=True
    )


def _directives(hashes: Iterable[str], images: str, connect: str = "", blob: bool = False) -> str:
    """The one policy shape both kinds of page share; only what they load differs."""
    extra = " blob:" if blob else ""
    directives = [
        "default-src 'self'",
        # 'self' for Material's bundle and search worker, our scripts and Leaflet; a hash
        # per inline script of the page (Material's __md_scope snippet,
        # the language chooser): an injected script matches none of them, and neither
        # 'unsafe-inline' nor 'unsafe-eval' is needed.
        " ".join(["script-src 'self'", *sorted(set(hashes))]),
        # Material, our pages and Leaflet write style="" attributes and <style> elements;
        # hashing them would need 'unsafe-hashes' for every attribute, and a style cannot
        # run script, so inline styles stay allowed.
        "style-src 'self' 'unsafe-inline'",
        f"img-src 'self' {images}",
        # theme.font is false and nothing declares @font-face: no data: fonts either.
        "font-src 'self'",
        # Material reads sitemap.xml, maps and lists read their JSON: all from the site.
        f"connect-src 'self' {connect}".rstrip(),
        f"media-src 'self'{extra}",
        # The maps are same-origin iframes.
        f"frame-src 'self'{extra}",
        # Material's search worker and our service worker are files of the site; no blob:.
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        # frame-ancestors, report-uri and sandbox are ignored in a <meta>: a host that can
        # send headers should add frame-ancestors 'self' there.
    ]
    return "; ".join(directives)


OWN_POLICY = ("admin/",)
NOT_FOUND = "404.html"
"""Folders whose pages carry their own policy (the web editor's), left as they are."""


class _Scan(HTMLParser):
    """Where the policy goes and which inline scripts run, found by the standard HTML parser."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.scripts: list[str] = []
        self.has_referrer = False
        self.first_script: int | None = None
        self.charset_end: int | None = None
        self.head_end: int | None = None
        self.html_end: int | None = None
        self.doctype_end = 0
        self.old_policies: list[tuple[int, int]] = []
        self._open_script: int | None = None  # where the running inline script's text starts
        self._in_body = False
        self._line = 1
        self._line_start = 0
        self._fast_offset: int | None = None  # set when fed one tag at a time (see _scan)
        self._fast_length = 0

    def feed_tag(self, tag: str, offset: int) -> None:
        """Hand one start tag found at `offset` to the parser's handlers."""
        self._fast_offset = offset
        self._fast_length = len(tag)
        self.reset()
        self.feed(tag)
        self.close_tag()

    def close_tag(self) -> None:
        self.rawdata = ""

    def end_script(self, offset: int) -> None:
        """The running inline script's text ends at `offset` (its `</script`)."""
        if self._open_script is not None:
            self.scripts.append(self.text[self._open_script : offset])
            self._open_script = None

    def finish(self) -> None:
        if self._open_script is not None:  # unclosed at the end: the browser runs the rest
            self.scripts.append(self.text[self._open_script :])
            self._open_script = None

    def _offset(self) -> int:
        if self._fast_offset is not None:
            return self._fast_offset
        """getpos() as an offset into the text; tokens come in order, so only scan forward."""
        line, column = self.getpos()
        while self._line < line:
            self._line_start = self.text.index("\n", self._line_start) + 1
            self._line += 1
        return self._line_start + column

    def _tag_end(self) -> int:
        if self._fast_offset is not None:
            return self._fast_offset + self._fast_length
        return self._offset() + len(self.get_starttag_text() or "")

    def handle_decl(self, decl: str) -> None:
        if decl.lower().startswith("doctype"):
            self.doctype_end = self.text.index(">", self._offset()) + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            if self.first_script is None:
                self.first_script = self._offset()
            values = dict(attrs)
            # Parameters are ignored: hashing a data block costs nothing, missing a script
            # breaks the page.
            kind = (values.get("type") or "").split(";")[0].strip().lower()
            if "src" not in values and kind in _EXECUTABLE_TYPES:
                self._open_script = self._tag_end()
        elif tag == "meta":
            meta = {name: (value or "").strip().lower() for name, value in attrs}
            declares_charset = "charset" in meta or (
                meta.get("http-equiv") == "content-type" and "charset" in meta.get("content", "")
            )
            before = not self._in_body and self.first_script is None
            if declares_charset and before and self.charset_end is None:
                self.charset_end = self._tag_end()
            if meta.get("name") == "referrer":
                self.has_referrer = True
            if meta.get("http-equiv") == "content-security-policy":
                start = self._offset()
                start -= self.text.endswith("\n", 0, start)  # the line break we put before it
                self.old_policies.append((start, self._tag_end()))
        elif tag == "head" and self.head_end is None:
            self.head_end = self._tag_end()
        elif tag == "html" and self.html_end is None:
            self.html_end = self._tag_end()
        elif tag == "body":
            self._in_body = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # `<script … />` opens a script in HTML like `<script>`: its end is the next
        # </script>, so only the start is handled here.
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open_script is not None:
            self.scripts.append(self.text[self._open_script : self._offset()])
            self._open_script = None

    def close(self) -> None:
        super().close()
        if self._open_script is not None:  # unclosed at the end: the browser runs the rest
            self.scripts.append(self.text[self._open_script :])
            self._open_script = None

    def position(self) -> int:
        """After the charset declaration, else at the start of <head>: before any script."""
        for place in (self.charset_end, self.head_end, self.html_end):
            if place is not None:
                return place
        return self.doctype_end


# The tokens that matter, found by the regex engine (C speed) instead of tokenizing every
# tag of the page in Python: 20× faster on Material's pages, which carry ~400 tags each.
_TOKEN = re.compile(
    r"<(!--|!doctype|/script|script|meta|head|html|body|style|textarea|title)(?=[\s/>])",
    re.IGNORECASE,
)
_START_TAG = re.compile(
    r"<[a-zA-Z][^\s/>]*(?:\s*(?:[^\s\"'>/=]+)(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?|\s*/)*\s*>",
)
_RAW_TEXT = {"style", "textarea", "title"}  # their text is never markup: skip to the end tag


def _scan(text: str) -> _Scan:
    """What `_Scan` finds, with the HTML parser run on the few tags that matter only.

    Follows the tokenizer's rules for what can hide a tag: comments, and the text of
    script, style, textarea and title elements (which runs to their end tag).
    """
    scan = _Scan(text)
    position = 0
    lower = text.lower()
    while (match := _TOKEN.search(text, position)) is not None:
        name = match.group(1).lower()
        start = match.start()
        if name == "!--":
            end = text.find("-->", start + 4)
            position = len(text) if end < 0 else end + 3
            continue
        if name == "!doctype":
            scan.doctype_end = text.index(">", start) + 1
            position = scan.doctype_end
            continue
        if name == "/script":
            position = match.end()
            continue
        tag = _START_TAG.match(text, start)
        if tag is None:
            position = match.end()
            continue
        scan.feed_tag(tag.group(0), start)
        position = tag.end()
        if name == "script" or name in _RAW_TEXT:
            close = lower.find(f"</{name}", position)
            if name == "script" and close >= 0:
                scan.end_script(close)  # unclosed: finish() takes the rest, as browsers do
            position = len(text) if close < 0 else close
    scan.finish()
    return scan


def protect(page: str, tiles: str, minified: bool = False) -> tuple[str, list[str]]:
    """`page` with its policy and referrer meta tags, and the hashes of its inline scripts.

    A policy already in the page is replaced, so the page has one, matching its scripts
    now, and protecting a page twice gives the same bytes as once. `minified`: the page
    went through minify_page, and the tags are written as minify_page would write them.
    """
    scan = _scan(page)
    hashes = sorted({script_hash(script) for script in scan.scripts})
    content = html.escape(policy(tiles, hashes), quote=False).replace('"', "&quot;")
    tags = f'\n<meta http-equiv="Content-Security-Policy" content="{content}">'
    if not scan.has_referrer:
        tags += f'\n<meta name="referrer" content="{REFERRER}">'
    if minified:
        tags = minify_tags(tags)
    # Edits applied from the end, so earlier offsets stay valid; at a tie the old policy is
    # cut before the new tags go in its place.
    edits = [(start, end, "") for start, end in scan.old_policies]
    edits.append((scan.position(), scan.position(), tags))
    for start, end, text in sorted(edits, reverse=True):
        page = page[:start] + text + page[end:]
    return page, hashes


@dataclass(frozen=True)
class Protected:
    pages: int
    hashes: dict[str, int]  # each inline script hash → on how many pages


# Below this many pages one process is quicker than starting others (≈ 2 ms a page).
PARALLEL_FROM = 400


def _protect_file(
    path: Path, tiles: str, icons_of: Path | None = None
) -> tuple[list[str], dict[str, str]]:
    # Minified first: minify_page trims inline scripts, and the policy must hash the bytes
    # the browser gets. Both steps give the same bytes when run again.
    page = path.read_bytes().decode("utf-8")
    moved: dict[str, str] = {}
    if icons_of is not None and path.name != NOT_FOUND:
        page, moved = hoist(page, sprite_url(path, icons_of))
    page, hashes = protect(minify_page(page), tiles, minified=True)
    path.write_bytes(page.encode("utf-8"))
    return hashes, moved


def protect_site(
    site_dir: Path,
    tiles: str,
    jobs: int = 1,
    parallel_from: int = PARALLEL_FROM,
    only: Iterable[Path] | None = None,
    icons: bool = False,
) -> Protected:
    """Minify every .html file under site_dir (or the files `only` lists) and add its
    policy, one file at a time. `icons`: site_dir is one language's, whose pages share their
    icons through its sprite (icons.py); not its 404 page, whose links are absolute.

    Each file's bytes depend on that file alone, so the result is the same in any order and
    with any number of processes.
    """
    paths = sorted(
        path
        for path in (site_dir.rglob("*.html") if only is None else only)
        if not path.relative_to(site_dir).as_posix().startswith(OWN_POLICY)
    )
    icons_of = site_dir if icons else None
    if jobs > 1 and len(paths) >= parallel_from:
        # The standard parser is pure Python (≈ 2 ms for a 20 KB page): large sites are
        # split over processes. "spawn", because `portal serve` has threads running and a
        # forked child could inherit a lock one of them holds.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(jobs, mp_context=context) as pool:
            chunk = max(1, len(paths) // (jobs * 8))
            found = list(
                pool.map(_protect_file, paths, repeat(tiles), repeat(icons_of), chunksize=chunk)
            )
    else:
        found = [_protect_file(path, tiles, icons_of) for path in paths]
    if icons_of is not None:
        write_sprite(site_dir, {k: v for _, moved in found for k, v in moved.items()})
    counts: dict[str, int] = {}
    for hashes, _ in found:
        for digest in hashes:
            counts[digest] = counts.get(digest, 0) + 1
    return Protected(len(paths), dict(sorted(counts.items())))
