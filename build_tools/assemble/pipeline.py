"""The whole build: check → render → MkDocs per language → language chooser → swap into place."""

from __future__ import annotations

import datetime as dt
import html
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from build_tools.assemble.csp import protect_site
from build_tools.assemble.landing import (
    target_of,
    write_landing,
    write_not_found,
    write_short_links,
)
from build_tools.assemble.mkdocs_run import (
    LanguageBuild,
    language_config,
    run_builds,
    write_config,
    write_language_partials,
)
from build_tools.assemble.pwa import write_pwa
from build_tools.assemble.search import add_folded_words
from build_tools.assemble.sitemap import write_sitemaps
from build_tools.assets.media import MediaLibrary, build_media
from build_tools.assets.opendata import DATA_DIR, open_data
from build_tools.assets.share import ShareImages, ShareStats
from build_tools.cms.admin import wanted as wants_editor
from build_tools.cms.admin import write_admin
from build_tools.load.confine import copy_inside
from build_tools.load.project import load_catalog
from build_tools.model.catalog import Catalog
from build_tools.render.i18n import load_translations
from build_tools.render.labels import pwa_texts, staff_title
from build_tools.render.pages import LanguageRenderer, nav_paths
from build_tools.resources import VENDOR, merged_theme

BUILD_DIR = "build"


@dataclass
class BuildReport:
    out: Path
    languages: tuple[str, ...]
    pages_per_language: int
    seconds: dict[str, float] = field(default_factory=dict)
    images_encoded: int = 0
    bundle_bytes: dict[str, int] = field(default_factory=dict)
    share: ShareStats = field(default_factory=ShareStats)  # share images drawn / reused


def build_date(catalog: Catalog) -> dt.date:
    """Today in the city's time zone, or SOURCE_DATE_EPOCH's day for reproducible builds."""
    zone = ZoneInfo(catalog.site.timezone)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), zone) if epoch else dt.datetime.now(zone)
    return moment.date()


@dataclass(frozen=True)
class RenderedTree:
    docs_dirs: dict[str, Path]
    indexable: dict[str, set[str]]  # per language, the pages search engines may index


def render_tree(
    root: Path,
    catalog: Catalog,
    work: Path,
    today: dt.date,
    data: dict[str, bytes],
    media: MediaLibrary | None = None,
    share: ShareImages | None = None,
) -> RenderedTree:
    """Write each language's Markdown tree under work/docs/<lang>/ (never into the sources)."""
    docs_dirs: dict[str, Path] = {}
    indexable: dict[str, set[str]] = {}
    for lang in catalog.site.codes:
        docs = work / "docs" / lang
        if docs.exists():
            shutil.rmtree(docs)
        sizes = {name: len(content) for name, content in data.items()}
        renderer = LanguageRenderer(
            catalog,
            lang,
            load_translations(root, lang),
            today,
            sizes,
            media or MediaLibrary(),
            share,
        )
        pages = renderer.pages()
        for page in pages:
            target = docs / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.text, encoding="utf-8")
        docs_dirs[lang] = docs
        indexable[lang] = {page.path for page in pages if page.indexable}
    return RenderedTree(docs_dirs, indexable)


def build_site(
    root: Path,
    out: Path,
    jobs: int | None = None,
    work: Path | None = None,
    preview: bool = False,
) -> BuildReport:
    """Build the site into `out`. On any failure `out` is left exactly as it was.

    `preview` (portal serve) adds the web editor in its browser-only mode when site.yaml has
    no `cms:` section; a production build publishes /admin/ only with one.
    """
    timings: dict[str, float] = {}
    started = time.perf_counter()
    catalog = load_catalog(root)  # raises ContentError listing every problem
    timings["check"] = time.perf_counter() - started

    work = work or root / BUILD_DIR
    step = time.perf_counter()
    step = time.perf_counter()
    media = build_media(root, catalog, work / "cache")
    timings["media"] = time.perf_counter() - step
    data = open_data(catalog, media)
    share = ShareImages(work / "cache" / "share")
    tree = render_tree(root, catalog, work, build_date(catalog), data, media, share)
    docs_dirs = tree.docs_dirs
    timings["render"] = time.perf_counter() - step

    out = out.resolve()
    staging = out.with_name(f".{out.name}.staging")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    try:
        step = time.perf_counter()
        builds = []
        # The tool's theme with the city's overrides over it, and Material's strings for
        # languages it lacks; shared by every language build.
        theme = merged_theme(root, work / "theme")
        write_language_partials(theme, catalog.site)
        for lang, docs in docs_dirs.items():
            # Material prints navigation titles as HTML: escape the translated one.
            nav = nav_paths(
                catalog, html.escape(staff_title(load_translations(root, lang).ugettext))
            )
            config_file = work / "mkdocs" / f"{lang}.yml"
            strings = pwa_texts(load_translations(root, lang).ugettext)
            settings = language_config(
                root, catalog.site, lang, docs, staging / lang, nav, strings, theme_dir=theme
            )
            write_config(config_file, settings)
            builds.append(LanguageBuild(lang, config_file, staging / lang))
        run_builds(builds, jobs or min(len(builds), os.cpu_count() or 1))
        timings["mkdocs"] = time.perf_counter() - step
        for lang in docs_dirs:
            add_folded_words(staging / lang)
        write_sitemaps(staging, catalog.site, tree.indexable)
        shutil.copytree(
            VENDOR,
            staging / "vendor",
            ignore=shutil.ignore_patterns("README.md"),
        )
        for name, source in media.files.items():
            copy_inside(staging, name, source)  # names carry editors' file names
        for name, source in share.stats.files.items():  # share/: named by hashes
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, staging / name)
        for name, content in data.items():
            target = staging / DATA_DIR / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        write_landing(staging, catalog.site)
        write_not_found(staging, catalog.site, root)
        links = write_short_links(staging, catalog, work / "cache" / "qr")
        step = time.perf_counter()
        # Every page is in place (write_pwa adds its offline pages already protected), and
        # write_pwa must hash the final bytes.
        protect_site(staging, catalog.site.map.tiles, jobs or os.cpu_count() or 1)
        timings["csp"] = time.perf_counter() - step
        if wants_editor(catalog.site, preview):  # /admin/ carries its own policy
            write_admin(staging, catalog.site, local=catalog.site.cms is None)
        # Last: it hashes every file. A saved record takes its /q/ page along.
        targets = {link.code: target_of(link) for link in links}
        bundle_sizes = write_pwa(root, staging, catalog.site, targets)
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    timings["total"] = time.perf_counter() - started
    pages = sum(1 for _ in docs_dirs[catalog.site.default_language].rglob("*.md"))
    return BuildReport(
        out, catalog.site.codes, pages, timings, media.stats.encoded, bundle_sizes, share.stats
    )


def swap_in(staging: Path, out: Path) -> None:
    """Replace `out` with `staging` by renames, so visitors never see a half-written site."""
    old = out.with_name(f".{out.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)
