"""Sitemaps with hreflang alternates (x-default too), one index for the whole site, robots.txt.

Search engines learn the other languages of a page only from here: pages do not repeat the
alternates as <link> tags (Material's script would fetch a sitemap next to each one). Every
URL of every language lists all its alternates, as the protocol requires, so each language's
sitemap is written gzip-compressed (the sitemaps.org protocol allows it; the alternates
compress about 28 to 1) and split at the protocol's limits, 50,000 URLs or 50 MB
uncompressed per file. `sitemap.xml` at the root is the index that robots.txt names.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urlparse
from xml.sax.saxutils import escape, quoteattr

from build_tools.assemble.prune import drop_unused
from build_tools.model.site import SiteConfig
from build_tools.render.paths import page_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
MAX_URLS = 50_000  # per sitemap file (sitemaps.org)
MAX_BYTES = 50 * 1024 * 1024  # per sitemap file, uncompressed (sitemaps.org)
INDEX = "sitemap.xml"

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n'
)
_TAIL = "</urlset>\n"


def _entries(site: SiteConfig, lang: str, indexable: dict[str, set[str]]) -> list[str]:
    """One <url> element per page of `lang` that search engines may index."""
    base = str(site.base_url)
    entries = []
    for path in sorted(indexable[lang]):
        alternates = [
            (other, f"{base}{other}/{page_url(path)}")
            for other in site.codes
            if path in indexable[other]
        ]
        default_url = (
            base if path == "index.md" else f"{base}{site.default_language}/{page_url(path)}"
        )
        alternates.append(("x-default", default_url))
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang={quoteattr(code)} href={quoteattr(url)}/>'
            for code, url in alternates
        )
        loc = escape(f"{base}{lang}/{page_url(path)}")
        entries.append(f"<url><loc>{loc}</loc>{links}</url>\n")
    return entries


def _chunks(entries: list[str], max_urls: int, max_bytes: int) -> list[list[str]]:
    """`entries` in files of at most `max_urls` entries and `max_bytes` bytes each."""
    chunks: list[list[str]] = [[]]
    size = len((_HEAD + _TAIL).encode())
    for entry in entries:
        length = len(entry.encode())
        if chunks[-1] and (len(chunks[-1]) >= max_urls or size + length > max_bytes):
            chunks.append([])
            size = len((_HEAD + _TAIL).encode())
        chunks[-1].append(entry)
        size += length
    return chunks


def write_sitemaps(
    site_dir: Path,
    site: SiteConfig,
    indexable: dict[str, set[str]],
    max_urls: int = MAX_URLS,
    max_bytes: int = MAX_BYTES,
) -> list[str]:
    """`indexable[lang]` holds the Markdown paths whose text exists in that language.

    Pages shown mostly in the fallback language carry `noindex` and are left out here, so
    the alternates stay symmetric: every page lists exactly the same set of languages.
    Returns the sitemap files written, relative to site_dir, as the index lists them.
    """
    # What the language builds left that no page or download uses (MkDocs' own sitemaps,
    # source maps, other languages' search files): gone before anything lists the site.
    drop_unused(site_dir, site.codes)
    base = str(site.base_url)
    written = []
    for lang in site.codes:
        chunks = _chunks(_entries(site, lang, indexable), max_urls, max_bytes)
        names = [f"{lang}/sitemap-{number}.xml.gz" for number in range(1, len(chunks) + 1)]
        for name, chunk in zip(names, chunks, strict=True):
            text = _HEAD + "".join(chunk) + _TAIL
            # mtime 0: the same pages give the same bytes.
            (site_dir / name).write_bytes(gzip.compress(text.encode(), 9, mtime=0))
        # A rebuild in place (portal serve) that needs fewer files than the last one.
        for old in (site_dir / lang).glob("sitemap-*.xml.gz"):
            if f"{lang}/{old.name}" not in names:
                old.unlink()
        written += names
    sitemaps = "".join(
        f"  <sitemap><loc>{escape(base + name)}</loc></sitemap>\n" for name in written
    )
    (site_dir / INDEX).write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="{SITEMAP_NS}">\n{sitemaps}</sitemapindex>\n',
        encoding="utf-8",
    )
    editor = urlparse(base).path.rstrip("/") + "/admin/"  # the staff web editor, if any
    (site_dir / "robots.txt").write_text(
        f"User-agent: *\nDisallow: {editor}\nAllow: /\nSitemap: {base}{INDEX}\n",
        encoding="utf-8",
    )
    return written
