"""The whole build: check → render and MkDocs per language → what the site shares → swap in."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import pickle
import queue
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
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
from build_tools.assemble.language_job import Job, Outcome, Render, Worker
from build_tools.assemble.mkdocs_run import (
    MkDocsError,
    language_config,
    write_config,
    write_language_partials,
)
from build_tools.assemble.pwa import write_pwa
from build_tools.assemble.sitemap import write_sitemaps
from build_tools.assets.media import MediaLibrary, build_media
from build_tools.assets.opendata import DATA_DIR, open_data
from build_tools.assets.share import ShareImages, ShareStats
from build_tools.cms.admin import wanted as wants_editor
from build_tools.cms.admin import write_admin
from build_tools.load.confine import copy_inside
from build_tools.load.project import LoadCache, load_catalog
from build_tools.model.catalog import Catalog
from build_tools.render.i18n import load_translations
from build_tools.render.labels import pwa_texts, staff_title
from build_tools.render.pages import LanguageRenderer, RenderedPage, nav_paths
from build_tools.resources import VENDOR, merged_theme

BUILD_DIR = "build"
Progress = Callable[[str], None]  # told a line at each step of a long build


@dataclass
class BuildReport:
    out: Path
    languages: tuple[str, ...]
    pages_per_language: int
    seconds: dict[str, float] = field(default_factory=dict)
    images_encoded: int = 0
    bundle_bytes: dict[str, int] = field(default_factory=dict)
    share: ShareStats = field(default_factory=ShareStats)  # share images drawn / reused
    # HTML pages MkDocs wrote per language: all of them, or what changed (page_cache.py).
    html_written: dict[str, int] = field(default_factory=dict)


def build_date(catalog: Catalog) -> dt.date:
    """Today in the city's time zone, or SOURCE_DATE_EPOCH's day for reproducible builds."""
    zone = ZoneInfo(catalog.site.timezone)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), zone) if epoch else dt.datetime.now(zone)
    return moment.date()


@dataclass
class Inputs:
    """What every stage after the check shares, for one build (or one preview rebuild)."""

    root: Path
    catalog: Catalog
    work: Path
    today: dt.date
    media: MediaLibrary
    data: dict[str, bytes]
    share: ShareImages
    preview: bool = False  # portal serve's local preview (staff notes shown)

    @classmethod
    def prepare(cls, root: Path, catalog: Catalog, work: Path, preview: bool = False) -> Inputs:
        media = build_media(root, catalog, work / "cache")
        return cls(
            root,
            catalog,
            work,
            build_date(catalog),
            media,
            open_data(catalog, media),
            ShareImages(work / "cache" / "share"),
            preview,
        )

    def renderer(self, lang: str) -> LanguageRenderer:
        sizes = {name: len(content) for name, content in self.data.items()}
        return LanguageRenderer(
            self.catalog,
            lang,
            load_translations(self.root, lang),
            self.today,
            sizes,
            self.media,
            self.share,
            self.preview,
        )

    def config(self, lang: str, docs: Path, site_dir: Path, theme: Path) -> Path:
        """Write the language's MkDocs settings; return the file."""
        gettext = load_translations(self.root, lang).ugettext
        # Material prints navigation titles as HTML: escape the translated one.
        nav = nav_paths(self.catalog, html.escape(staff_title(gettext)))
        settings = language_config(
            self.root,
            self.catalog.site,
            lang,
            docs,
            site_dir,
            nav,
            theme_dir=theme,
        )
        config_file = self.work / "mkdocs" / f"{lang}.yml"
        write_config(config_file, settings)
        write_script_strings(docs, pwa_texts(gettext))
        return config_file


STRINGS_SCRIPT = "assets/javascripts/portal-strings.js"


def write_script_strings(docs: Path, strings: dict[str, str]) -> None:
    """The offline guide's words in one language, in one file its pages share (as a data
    attribute they were ~0.5 KB of every page). Left untouched when equal: a partial
    rebuild copies only newer files."""
    text = f"window.portalStrings = {json.dumps(strings, sort_keys=True)};\n"
    path = docs / STRINGS_SCRIPT
    if not path.is_file() or path.read_text("utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


def write_pages(docs: Path, pages: list[RenderedPage], keep_unchanged: bool = False) -> list[str]:
    """Write the pages under `docs`; with `keep_unchanged`, a page whose text is the same
    is not touched (MkDocs' dirty mode goes by time stamps). Returns the paths written."""
    written = []
    for page in pages:
        target = docs / page.path
        if keep_unchanged and target.is_file() and target.read_text("utf-8") == page.text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.text, encoding="utf-8")
        written.append(page.path)
    return written


@dataclass(frozen=True)
class RenderedLanguage:
    docs: Path  # the language's Markdown tree
    config: Path  # the language's MkDocs settings
    markdown_pages: int
    indexable: set[str]  # the pages search engines may index


def render_language(inputs: Inputs, lang: str, site_dir: Path, theme: Path) -> RenderedLanguage:
    """Write one language's Markdown tree and MkDocs settings (in a language's child)."""
    docs = inputs.work / "docs" / lang
    if docs.exists():
        shutil.rmtree(docs)
    rendered = inputs.renderer(lang).pages()
    write_pages(docs, rendered)
    return RenderedLanguage(
        docs,
        inputs.config(lang, docs, site_dir, theme),
        len([page for page in rendered if page.path.endswith(".md")]),
        {page.path for page in rendered if page.indexable},
    )


@dataclass
class LanguagesBuilt:
    indexable: dict[str, set[str]]  # per language, the pages search engines may index
    pages: int  # Markdown pages of the default language
    seconds: dict[str, float]
    html_written: dict[str, int] = field(default_factory=dict)


def build_languages(
    inputs: Inputs,
    staging: Path,
    languages: tuple[str, ...],
    jobs: int,
    progress: Progress | None = None,
) -> LanguagesBuilt:
    """Each language rendered and built in a child (Markdown, MkDocs, search words, CSP),
    one child per core: the inputs go to them pickled, once."""
    catalog = inputs.catalog
    theme = merged_theme(inputs.root, inputs.work / "theme")
    # Material's strings for languages it lacks; shared by every language build.
    write_language_partials(theme, catalog.site)
    indexable: dict[str, set[str]] = {}
    pages = 0
    started = time.perf_counter()
    pickled = inputs.work / "mkdocs" / "inputs.pickle"
    pickled.parent.mkdir(parents=True, exist_ok=True)
    with pickled.open("wb") as handle:
        pickle.dump(inputs, handle, protocol=pickle.HIGHEST_PROTOCOL)
    workers = [
        Worker(inputs.work / "mkdocs" / f"worker-{n}.log")
        for n in range(max(1, min(jobs, len(languages))))
    ]
    idle: queue.Queue[Worker] = queue.Queue()
    for worker in workers:
        idle.put(worker)

    def build(lang: str, job: Job) -> tuple[str, Outcome]:
        worker = idle.get()
        try:
            outcome = worker.run(job)
        finally:
            idle.put(worker)
        if progress is not None and outcome.ok:
            progress(f"{lang}: {outcome.pages} pages built")
        return lang, outcome

    try:
        with ThreadPoolExecutor(len(workers)) as pool:
            futures = [
                pool.submit(
                    build,
                    lang,
                    Job(
                        "",
                        str(staging / lang),
                        catalog.site.map.tiles,
                        render=Render(str(pickled), lang, str(theme)),
                    ),
                )
                for lang in languages
            ]
            outcomes = [future.result() for future in futures]
    finally:
        for worker in workers:
            worker.close()
    for lang, outcome in outcomes:
        if not outcome.ok:
            raise MkDocsError(lang, outcome.output)
    share = inputs.share.stats
    for lang, outcome in outcomes:
        indexable[lang] = set(outcome.indexable)
        if lang == catalog.site.default_language:
            pages = outcome.markdown_pages
        share.files.update({name: Path(path) for name, path in outcome.share_files.items()})
        share.drawn += outcome.share_drawn
        share.reused += outcome.share_reused
    for name, source in share.files.items():  # share/: named by hashes
        (staging / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, staging / name)
    seconds = {
        "render": sum(outcome.render_seconds for _, outcome in outcomes),
        "mkdocs": max(outcome.seconds for _, outcome in outcomes),
        "languages": time.perf_counter() - started,
    }
    written = {lang: outcome.pages for lang, outcome in outcomes}
    return LanguagesBuilt(indexable, pages, seconds, written)


def finish_site(
    inputs: Inputs,
    staging: Path,
    indexable: dict[str, set[str]],
    preview: bool = False,
    jobs: int = 1,
) -> dict[str, int]:
    """What the whole site shares, once every language is in `staging`: sitemaps, theme
    files, media, open data, the language chooser, 404, /q/ pages, the web editor and, last,
    the offline lists and worker (they hash every file). Returns the offline bundle sizes."""
    catalog, site = inputs.catalog, inputs.catalog.site
    write_sitemaps(staging, site, indexable)
    shutil.copytree(
        VENDOR, staging / "vendor", ignore=shutil.ignore_patterns("README.md"), dirs_exist_ok=True
    )
    for name, source in inputs.media.files.items():
        copy_inside(staging, name, source)  # names carry editors' file names
    for name, content in inputs.data.items():
        target = staging / DATA_DIR / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    write_landing(staging, site)
    write_not_found(staging, site, inputs.root)
    links = write_short_links(staging, catalog, inputs.work / "cache" / "qr")
    shared = [staging / "index.html", staging / "404.html", *(staging / "q").rglob("*.html")]
    protect_site(staging, site.map.tiles, jobs, only=shared)
    if wants_editor(site, preview):  # /admin/ carries its own policy
        write_admin(staging, site, local=site.cms is None)
    # Last: it hashes every file. A saved record takes its /q/ page along.
    targets = {link.code: target_of(link) for link in links}
    return write_pwa(inputs.root, staging, site, targets)


@contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A folder beside `out` to build into, swapped in for `out` when the block ends without
    an error and removed when it raises: `out` is never half-written."""
    staging = out.with_name(f".{out.name}.staging")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    try:
        yield staging
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def parallel_jobs(jobs: int | None) -> int:
    return jobs or os.cpu_count() or 1


@dataclass
class FullBuild:
    report: BuildReport
    inputs: Inputs
    indexable: dict[str, set[str]]


def build_all(
    root: Path,
    out: Path,
    jobs: int | None = None,
    work: Path | None = None,
    preview: bool = False,
    cache: LoadCache | None = None,
    progress: Progress | None = None,
) -> FullBuild:
    """`build_site`, also giving what it knew (for `portal serve`'s later partial builds)."""
    say = progress or (lambda line: None)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    catalog = load_catalog(root, cache=cache)  # raises ContentError listing every problem
    timings["check"] = time.perf_counter() - started
    say(f"checked: {sum(catalog.counts.values())} records ({timings['check']:.1f} s)")
    step = time.perf_counter()
    inputs = Inputs.prepare(root, catalog, work or root / BUILD_DIR, preview)
    timings["media"] = time.perf_counter() - step
    say(f"photos, audio and open data ready ({timings['media']:.1f} s); building "
        f"{len(catalog.site.codes)} languages, {parallel_jobs(jobs)} at a time")
    out = out.resolve()
    with staged(out) as staging:
        built = build_languages(
            inputs, staging, catalog.site.codes, parallel_jobs(jobs), progress
        )
        timings.update(built.seconds)
        say("writing what the languages share: sitemaps, short links, offline lists")
        step = time.perf_counter()
        bundle_sizes = finish_site(inputs, staging, built.indexable, preview, parallel_jobs(jobs))
        timings["finish"] = time.perf_counter() - step
    timings["total"] = time.perf_counter() - started
    report = BuildReport(
        out,
        catalog.site.codes,
        built.pages,
        timings,
        inputs.media.stats.encoded,
        bundle_sizes,
        inputs.share.stats,
        built.html_written,
    )
    return FullBuild(report, inputs, built.indexable)


def build_site(
    root: Path,
    out: Path,
    jobs: int | None = None,
    work: Path | None = None,
    preview: bool = False,
    progress: Progress | None = None,
) -> BuildReport:
    """Build the site into `out`. On any failure `out` is left exactly as it was.

    `preview` (portal serve) adds the web editor in its browser-only mode when site.yaml has
    no `cms:` section; a production build publishes /admin/ only with one. `progress` is
    told a line at each step.
    """
    return build_all(root, out, jobs, work, preview, progress=progress).report



def swap_in(staging: Path, out: Path) -> None:
    """Replace `out` with `staging` by renames, so visitors never see a half-written site."""
    old = out.with_name(f".{out.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)

