"""Files the language builds leave in site/ that no page, script or download uses: removed.

MkDocs copies every file of Material's theme into each language: source maps (for browser
developer tools, 1 MB a language), the lunr search files of about thirty languages, a PNG
favicon the pages do not name (they use the SVG), and its own sitemaps, which
sitemap.write_sitemaps replaces.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from build_tools.assemble.mkdocs_run import search_settings

LUNR = Path("assets/javascripts/lunr")
UNUSED = ("sitemap.xml", "sitemap.xml.gz", "assets/images/favicon.png")


def lunr_files(search_languages: Iterable[str]) -> set[str]:
    """The lunr files Material's search worker loads (importScripts) for these languages,
    relative to assets/javascripts/lunr/: the same rule as the worker's."""
    languages = list(search_languages)
    wanted = set()
    for lang in languages:
        if lang == "ja":
            wanted.add("tinyseg.js")
        if lang in ("hi", "th"):
            wanted.add("wordcut.js")
        if lang != "en":
            wanted.add(f"min/lunr.{lang}.min.js")
    if len(languages) > 1:
        wanted.add("min/lunr.multi.min.js")
    if wanted:
        wanted.add("min/lunr.stemmer.support.min.js")
    return wanted


def drop_unused(site_dir: Path, languages: Iterable[str]) -> list[str]:
    """Remove, from each language folder, what nothing loads. Returns what was removed,
    relative to site_dir (nothing on a second run)."""
    removed: list[Path] = []
    for lang in languages:
        folder = site_dir / lang
        if not folder.is_dir():
            continue
        removed += [folder / name for name in UNUSED if (folder / name).is_file()]
        assets = folder / "assets"
        removed += sorted(assets.rglob("*.map")) if assets.is_dir() else []
        lunr = folder / LUNR
        if lunr.is_dir():
            kept = lunr_files(search_settings(lang)["lang"])
            removed += [
                path
                for path in sorted(lunr.rglob("*"))
                if path.is_file() and path.relative_to(lunr).as_posix() not in kept
            ]
    for path in removed:
        path.unlink()
    for lang in languages:  # folders emptied above (lunr/min of English)
        lunr = site_dir / lang / LUNR
        for inner in sorted((p for p in lunr.rglob("*") if p.is_dir()), reverse=True):
            if not any(inner.iterdir()):
                inner.rmdir()
        if lunr.is_dir() and not any(lunr.iterdir()):
            lunr.rmdir()
    return [path.relative_to(site_dir).as_posix() for path in removed]
