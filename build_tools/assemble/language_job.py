"""One language's pages: rendered to Markdown, built by MkDocs, then search words and CSP,
in a child process.

A child per language at a time, because MkDocs keeps global state and because every step
is pure Python: with one child per core, every core works. A full build's job names the
build's inputs (the checked catalogue, media and open data: `pipeline.Inputs`, pickled once
by the parent), and the child renders its language itself; its outcome says what the parent
must know of it (the pages search engines may index, the share images it drew).
`portal serve` keeps one child per language alive (`--loop`), so an edit pays neither the
imports nor MkDocs' theme setup again, and rebuilds with MkDocs' `dirty` mode: only pages
whose Markdown changed are rendered, and their search entries replace the old ones in the
index MkDocs would otherwise leave with the rebuilt pages alone.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from build_tools.assemble import html_pages
from build_tools.assemble.csp import protect_site
from build_tools.assemble.fragments import Fragments
from build_tools.assemble.icons import keep_used_icons
from build_tools.assemble.page_cache import PageCache, stamp
from build_tools.assemble.search import (
    jieba_ready,
    keep_material_from_segmenting,
    prepare_search_index,
    read_record_heads_only,
    segments_words,
)
from build_tools.render.paths import page_url

INDEX = Path("search") / "search_index.json"


@dataclass(frozen=True)
class Render:
    """What a child needs to render a language's Markdown before building it."""

    inputs: str  # the pickled pipeline.Inputs
    lang: str
    theme: str  # the merged theme folder


@dataclass(frozen=True)
class Job:
    config_file: str  # empty when `render` writes it
    site_dir: str
    tiles: str
    # Dirty mode (portal serve): the Markdown paths rewritten or deleted since the last build.
    changed: tuple[str, ...] | None = None
    deleted: tuple[str, ...] = ()
    render: Render | None = None
    strict: bool | None = None  # None: strict unless dirty (portal serve's partial builds)


@dataclass(frozen=True)
class Outcome:
    ok: bool
    output: str  # MkDocs' warnings and errors, for MkDocsError
    seconds: float  # MkDocs and the post-passes
    pages: int  # HTML files written (and protected)
    # When the child rendered the language (Job.render):
    render_seconds: float = 0.0
    markdown_pages: int = 0
    indexable: tuple[str, ...] = ()  # the pages search engines may index
    share_files: dict[str, str] = field(default_factory=dict)  # site path → cached image
    share_drawn: int = 0
    share_reused: int = 0


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<7} -  {record.getMessage()}")


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns on every dirty build that menus may be stale: ours are drawn from the
    whole menu (_NavTitles) and a stamp of its titles (page_cache.py), so a strict dirty
    build counts every warning but that one."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)


class _NavTitles(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """MkDocs' dirty mode reads only the pages it rebuilds, but every page's menu shows the
    titles of the menu's pages: their sources are read (not rebuilt) for their titles."""

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        for page in nav.pages:
            if page.markdown is None:
                page.read_source(config)
        return nav


_ENVIRONMENTS: dict[tuple[str, ...], Any] = {}


def _keep_theme_environment() -> None:
    """A preview child builds the same theme again and again (a change to the theme or the
    settings starts new children): its Jinja environment, compiled templates included, is
    kept between builds instead of being compiled anew (half a second a build)."""
    from mkdocs.theme import Theme

    if getattr(Theme.get_env, "kept", False):
        return
    make = Theme.get_env

    def get_env(theme: Theme) -> Any:
        # Material's language is its own option (MkDocs' locale stays "en"): a child that
        # builds several languages keeps one environment for each.
        key = (*theme.dirs, str(theme.locale), str(theme.get("language")))
        if key not in _ENVIRONMENTS:
            _ENVIRONMENTS[key] = make(theme)
        return _ENVIRONMENTS[key]

    get_env.kept = True  # type: ignore[attr-defined]
    Theme.get_env = get_env  # type: ignore[method-assign,assignment]


_INPUTS: dict[tuple[str, int], Any] = {}


def _inputs(path: str) -> Any:
    """The build's inputs, unpickled once per build by each child."""
    import pickle

    key = (path, os.stat(path).st_mtime_ns)
    if key not in _INPUTS:
        _INPUTS.clear()
        with open(path, "rb") as handle:
            _INPUTS[key] = pickle.load(handle)
    return _INPUTS[key]


def run(job: Job) -> Outcome:
    """Render the language when asked to, then build it."""
    if job.render is None:
        return build_language(job)
    from build_tools.assemble.pipeline import render_language

    started = time.perf_counter()
    try:
        inputs = _inputs(job.render.inputs)
        inputs.share.stats = type(inputs.share.stats)()  # this language's images alone
        rendered = render_language(
            inputs, job.render.lang, Path(job.site_dir), Path(job.render.theme)
        )
    except Exception:  # noqa: BLE001 — a bug of ours: reported like a failed build, and
        # this child stays able to build the next language
        return Outcome(False, traceback.format_exc(), time.perf_counter() - started, 0)
    rendering = time.perf_counter() - started
    site_dir = Path(job.site_dir)
    cache = PageCache(inputs.work / "cache" / "pages" / job.render.lang)
    current = stamp(rendered.config, Path(job.render.theme), rendered.docs)
    plan = cache.plan(rendered.docs, current)
    build = replace(job, config_file=str(rendered.config), render=None)
    restored = None
    if plan.warm:  # only what changed since the kept build, as strictly as a full one
        restored = cache.restore(site_dir, plan)
        changed = tuple(path for path in plan.changed if path.endswith(".md"))
        deleted = tuple(path for path in plan.deleted if path.endswith(".md"))
        build = replace(build, changed=changed, deleted=deleted, strict=True)
    built = build_language(build)
    if built.ok:
        if plan.warm and (build.changed or build.deleted):
            keep_used_icons(site_dir)  # as a full build's sprite: no icon a page dropped
        cache.save(site_dir, current, plan, restored)
    stats = inputs.share.stats
    return replace(
        built,
        render_seconds=rendering,
        markdown_pages=rendered.markdown_pages,
        indexable=tuple(sorted(rendered.indexable)),
        share_files={name: str(path) for name, path in stats.files.items()},
        share_drawn=stats.drawn,
        share_reused=stats.reused,
    )


def build_language(job: Job) -> Outcome:
    """Build one language; in dirty mode merge the new search entries into the old index."""
    from jinja2 import TemplateError, TemplateSyntaxError
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    started = time.perf_counter()
    html_pages.install()  # record pages skip Python-Markdown
    read_record_heads_only()  # and Material's search reads only what it keeps of them
    site_dir = Path(job.site_dir)
    dirty = job.changed is not None
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    before: dict[Path, int] = {}
    old_docs: list[dict[str, str]] = []
    if dirty:
        before = {path: path.stat().st_mtime_ns for path in site_dir.rglob("*.html")}
        if (site_dir / INDEX).is_file():
            old_docs = json.loads((site_dir / INDEX).read_text("utf-8"))["docs"]
    try:
        # Dirty builds always warn that navigation may be stale (ours is fixed): not strict.
        config = None
        strict = not dirty if job.strict is None else job.strict
        config = load_config(config_file=job.config_file, strict=strict)
        config.plugins["portal-fragments"] = Fragments()  # menus drawn once per folder
        if dirty:
            _keep_theme_environment()
            config.plugins["portal-nav-titles"] = _NavTitles()
        build(config, dirty=dirty)
    except (Abort, MkDocsException, OSError) as error:
        collect.lines.append(f"ERROR   -  {error}")
        return Outcome(False, "\n".join(collect.lines), time.perf_counter() - started, 0)
    except TemplateError as error:  # a theme template (ours, or a city's override) is broken
        where = ":"
        if isinstance(error, TemplateSyntaxError):
            where = f" {error.name or error.filename}, line {error.lineno}:"
        else:  # Jinja puts the template's own lines in the traceback: the last one failed
            where = _template_line(error, config.theme.dirs if config else []) or where
        collect.lines.append(f"ERROR   -  theme template{where} {error.message}")
        return Outcome(False, "\n".join(collect.lines), time.perf_counter() - started, 0)
    finally:
        logger.removeHandler(collect)
    prepare_search_index(site_dir)  # only the rebuilt pages' entries in a dirty build
    if dirty:
        written = [
            path
            for path in site_dir.rglob("*.html")
            if before.get(path) != path.stat().st_mtime_ns
        ]
        _merge_index(site_dir, old_docs, job, config.docs_dir)
    else:
        written = list(site_dir.rglob("*.html"))
    protect_site(site_dir, job.tiles, only=written, icons=True)
    return Outcome(True, "\n".join(collect.lines), time.perf_counter() - started, len(written))


def _template_line(error: BaseException, dirs: list[str]) -> str | None:
    """" partials/copyright.html, line 3:" for the theme template line that raised `error`
    (Jinja puts templates' own lines in the traceback), or None."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        for folder in dirs:
            if frame.filename.startswith(folder.rstrip(os.sep) + os.sep):
                return f" {frame.filename[len(folder.rstrip(os.sep)) + 1 :]}, line {frame.lineno}:"
    return None


def _merge_index(
    site_dir: Path, old_docs: list[dict[str, str]], job: Job, docs_dir: str
) -> None:
    """The old index with the rebuilt and deleted pages' entries replaced by the new ones,
    in the order a full build writes them (MkDocs' order of the Markdown files)."""
    path = site_dir / INDEX
    index = json.loads(path.read_text("utf-8"))
    # Pages rebuilt (the changed ones, and the menu's, read again for their titles) and
    # pages deleted lose their old entries.
    gone = {page_url(md) for md in (*(job.changed or ()), *job.deleted)}
    gone.update(doc["location"].split("#")[0] for doc in index["docs"])
    kept = [doc for doc in old_docs if doc["location"].split("#")[0] not in gone]
    sources = sorted(
        (path.relative_to(docs_dir).as_posix() for path in Path(docs_dir).rglob("*.md")),
        key=lambda name: (name.split("/")[:-1], Path(name).stem != "index", name.split("/")[-1]),
    )
    rank = {page_url(name): n for n, name in enumerate(sources)}
    merged = kept + index["docs"]  # a page's entries stay in their order (the sort is stable)
    index["docs"] = sorted(merged, key=lambda doc: rank.get(doc["location"].split("#")[0], -1))
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")


MARK = "@@portal-outcome "  # MkDocs, Material or jieba may print too: our lines are marked


def main() -> int:
    """One JSON job per line on stdin, one marked JSON outcome per line on stdout."""
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    # Before MkDocs loads its plugins: Material would segment Han text with jieba in every
    # language; search.py segments the Chinese index only.
    keep_material_from_segmenting()
    if len(sys.argv) > 1:
        _warm_up(sys.argv[1])
    for line in sys.stdin:
        if not line.strip():
            continue
        fields = json.loads(line)
        if fields["changed"] is not None:
            fields["changed"] = tuple(fields["changed"])
        fields["deleted"] = tuple(fields["deleted"])
        if fields["render"] is not None:
            fields["render"] = Render(**fields["render"])
        outcome = run(Job(**fields))
        print(MARK + json.dumps(asdict(outcome)), flush=True)
    return 0


def _warm_up(lang: str) -> None:
    """A preview child, started while the editor reads the site, loads now what its first
    build would (MkDocs, and for Chinese jieba's dictionary): the first edit is not slower."""
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config  # noqa: F401

    if segments_words(lang):
        jieba_ready()


class Worker:
    """The parent's handle on one language's child process; `warm`: the language it will
    build, whose tools it loads before the first job."""

    def __init__(self, log: Path, warm: str | None = None) -> None:
        log.parent.mkdir(parents=True, exist_ok=True)
        self.log = log
        self._stderr = log.open("w", encoding="utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "build_tools.assemble.language_job", *([warm] if warm else [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            encoding="utf-8",
            env=env,
        )

    def run(self, job: Job) -> Outcome:
        process = self.process
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(json.dumps(asdict(job)) + "\n")
            process.stdin.flush()
            for line in process.stdout:
                if line.startswith(MARK):
                    fields = json.loads(line[len(MARK) :])
                    fields["indexable"] = tuple(fields["indexable"])
                    return Outcome(**fields)
        except BrokenPipeError:
            pass
        process.wait()
        self._stderr.flush()
        tail = self.log.read_text("utf-8", errors="replace")[-4000:]
        return Outcome(False, tail or f"exit status {process.returncode}", 0.0, 0)

    def close(self) -> None:
        if self.process.stdin is not None and not self.process.stdin.closed:
            try:
                self.process.stdin.close()
            except BrokenPipeError:
                pass  # the child has ended already; its outcome said why
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._stderr.close()


if __name__ == "__main__":
    sys.exit(main())
