"""Sitemaps with hreflang alternates (x-default too), one index for the whole site, robots.txt."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

from build_tools.model.site import SiteConfig
from build_tools.render.pages import page_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def write_sitemaps(site_dir: Path, site: SiteConfig, indexable: dict[str, set[str]]) -> None:
    """`indexable[lang]` holds the Markdown paths whose text exists in that language.

    Pages shown mostly in the fallback language carry `noindex` and are left out here, so
    the alternates stay symmetric: every page lists exactly the same set of languages.
    """
    base = str(site.base_url)
    paths = sorted(set().union(*indexable.values()))
    for lang in site.codes:
        entries = []
        for path in paths:
            if path not in indexable[lang]:
                continue
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
                f'\n    <xhtml:link rel="alternate" hreflang={quoteattr(code)} '
                f"href={quoteattr(url)}/>"
                for code, url in alternates
            )
            entries.append(
                f"  <url>\n    <loc>{base}{lang}/{page_url(path)}</loc>{links}\n  </url>"
            )
        (site_dir / lang / "sitemap.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n'
            + "\n".join(entries)
            + "\n</urlset>\n",
            encoding="utf-8",
        )
        # MkDocs' compressed copy would disagree with ours.
        (site_dir / lang / "sitemap.xml.gz").unlink(missing_ok=True)

    sitemaps = "".join(
        f"  <sitemap><loc>{base}{lang}/sitemap.xml</loc></sitemap>\n" for lang in site.codes
    )
    (site_dir / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="{SITEMAP_NS}">\n{sitemaps}</sitemapindex>\n',
        encoding="utf-8",
    )
    from urllib.parse import urlparse

    editor = urlparse(base).path.rstrip("/") + "/admin/"  # the staff web editor, if any
    (site_dir / "robots.txt").write_text(
        f"User-agent: *\nDisallow: {editor}\nAllow: /\nSitemap: {base}sitemap.xml\n",
        encoding="utf-8",
    )
