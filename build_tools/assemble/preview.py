"""`portal serve`'s builder: one full build, then per edit only the pages the edit touches.

An edit to a record rebuilds, in every language, that record's page, the pages of records
that name it or that it names (a wifi point's relic, an event's venue), and the pages about
many records (home, lists, map, open data, staff pages); MkDocs rebuilds just those pages
(its `dirty` mode, in a child per language kept alive between edits) and their search
entries replace the old ones. Only a changed record's photos and audio are looked at again.
An edit anywhere else (site_config/, mkdocs.yml, a media file itself) rebuilds the whole
site, as does a new day (events move from upcoming to past).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from build_tools.assemble.csp import protect_site
from build_tools.assemble.landing import write_short_links
from build_tools.assemble.language_job import Job, Outcome, Worker
from build_tools.assemble.mkdocs_run import MkDocsError
from build_tools.assemble.pipeline import (
    BUILD_DIR,
    Inputs,
    Progress,
    build_all,
    build_date,
    write_pages,
)
from build_tools.assemble.sitemap import write_sitemaps
from build_tools.assets.images import MEDIA_URL
from build_tools.assets.media import MediaLibrary, build_media
from build_tools.assets.opendata import DATA_DIR, open_data
from build_tools.load.confine import copy_inside
from build_tools.load.project import LoadCache, load_catalog
from build_tools.model.catalog import Catalog
from build_tools.model.kinds import KIND_BY_NAME, KINDS
from build_tools.render.pages import LanguageRenderer, RenderedPage

# Folders whose files are records: an edit there can be rebuilt in part.
RECORD_FOLDERS = tuple(kind.folder for kind in KINDS)
PAGE_FOLDER = {"relics": "relics", "products": "products", "events": "events", "pages": "info"}


@dataclass(frozen=True)
class Rebuilt:
    full: bool
    seconds: float
    records: int  # records changed, added or removed
    pages: int  # Markdown pages rewritten, summed over languages


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, BaseModel):
        value = value.__dict__
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _strings(item)


def _records(catalog: Catalog) -> dict[tuple[str, str], Any]:
    return {
        (kind.collection, record.id): record
        for kind in KINDS
        for record in getattr(catalog, kind.collection)
    }


def page_of(key: tuple[str, str]) -> str | None:
    """The Markdown page of a record (wifi points have none of their own)."""
    folder = PAGE_FOLDER.get(key[0])
    return f"{folder}/{key[1]}.md" if folder else None


class _Mentions:
    """The strings in each record, remembered per record object: records of unchanged files
    are the same objects from one load to the next (LoadCache)."""

    def __init__(self) -> None:
        self._seen: dict[int, tuple[Any, frozenset[str]]] = {}

    def __call__(self, record: Any) -> frozenset[str]:
        known = self._seen.get(id(record))
        if known is None or known[0] is not record:
            known = (record, frozenset(_strings(record)))
            self._seen[id(record)] = known
        return known[1]

    def forget_except(self, records: Iterable[Any]) -> None:
        alive = {id(record) for record in records}
        self._seen = {key: value for key, value in self._seen.items() if key in alive}


def touched_pages(
    old: Catalog,
    new: Catalog,
    forced: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
    mentions: Callable[[Any], frozenset[str]] = lambda record: frozenset(_strings(record)),
) -> tuple[set[str], set[str], set[tuple[str, str]]]:
    """The record pages to rewrite and those to delete, and which records changed (`forced`:
    records whose media files changed).

    A record's page shows what it names by id and what names it (a relic page lists the
    wifi points serving it): both sides of every changed record are rewritten.
    """
    before, after = _records(old), _records(new)
    changed = {
        key
        for key in before.keys() | after.keys()
        if key in forced
        or before.get(key) is not after.get(key)
        and before.get(key) != after.get(key)
        or old.codes.get(_code_key(key)) != new.codes.get(_code_key(key))
    }
    ids = {key[1] for key in changed}
    by_id: dict[str, list[tuple[str, str]]] = {}
    for key in after:
        by_id.setdefault(key[1], []).append(key)
    pages: set[str] = set()
    for key in changed:
        for record in (before.get(key), after.get(key)):
            if record is not None:
                for name in mentions(record) & by_id.keys():
                    pages.update(p for k in by_id[name] if (p := page_of(k)))
    for key, record in after.items():
        if key in changed or ids & mentions(record):
            if (page := page_of(key)) is not None:
                pages.add(page)
    deleted = {page for key in before.keys() - after.keys() if (page := page_of(key))}
    return pages - deleted, deleted, changed


_KIND_OF_COLLECTION = {kind.collection: kind for kind in KINDS}


def _code_key(key: tuple[str, str]) -> tuple[str, str]:
    """(collection, id) as in _records → (kind name, id) as in Catalog.codes."""
    return _KIND_OF_COLLECTION[key[0]].name, key[1]


def _key(code_key: tuple[str, str]) -> tuple[str, str]:
    """(kind name, id) as in Catalog.codes → (collection, id) as in _records."""
    return KIND_BY_NAME[code_key[0]].collection, code_key[1]


def _scratch(path: Path) -> bool:
    """Editors' swap, backup and temporary files, which change nothing."""
    name = path.name
    return (
        name.startswith((".", "~", "#"))
        or name.endswith(("~", ".swp", ".swx", ".tmp", ".bak"))
        or name.isdigit()  # vim's write test file
    )


class Preview:
    """Keeps what the last build knew (records, Markdown, MkDocs children) between edits."""

    def __init__(
        self,
        root: Path,
        out: Path,
        jobs: int,
        work: Path | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.progress = progress  # told a line at each step of a full build
        self.root = root
        self.out = out.resolve()
        self.jobs = jobs
        self.work = work or root / BUILD_DIR
        self.cache = LoadCache()
        self.inputs: Inputs | None = None
        self.workers: dict[str, Worker] = {}
        self._indexable: dict[str, set[str]] = {}
        self._mentions = _Mentions()

    def close(self) -> None:
        for worker in self.workers.values():
            worker.close()
        self.workers.clear()

    def full(self) -> Rebuilt:
        """A complete build, swapped in like `portal build` does."""
        started = time.perf_counter()
        self.close()  # their configs name the folders of the build before
        done = build_all(
            self.root, self.out, self.jobs, self.work, True, self.cache, self.progress
        )
        self.inputs, self._indexable = done.inputs, done.indexable
        seconds = time.perf_counter() - started
        # Started now, while the editor reads the site: the first edit finds them ready.
        for lang in done.inputs.catalog.site.codes:
            self._worker(lang)
        return Rebuilt(True, seconds, len(_records(done.inputs.catalog)), 0)

    def _worker(self, lang: str) -> Worker:
        if lang not in self.workers:
            self.workers[lang] = Worker(self.work / "mkdocs" / f"preview-{lang}.log", warm=lang)
        return self.workers[lang]

    def update(self, paths: set[Path]) -> Rebuilt:
        """Rebuild after the files in `paths` changed; a full build when a part cannot do."""
        root = self.root.resolve()
        # Editors' swap files, a folder's own "modified" and a temporary file already renamed
        # (sed -i, some editors' safe save) change nothing by themselves.
        paths = {
            path
            for path in paths
            if not _scratch(path)
            and not path.is_dir()
            and (path.exists() or path.suffix in (".yaml", ".yml") or _media_owners(path, root))
        }
        if not paths:
            return Rebuilt(False, 0.0, 0, 0)
        media_of = {path: _media_owners(path, root) for path in paths}
        partial = self.inputs is not None and all(
            _inside(path, root, RECORD_FOLDERS) or media_of[path] for path in paths
        )
        if not partial:
            return self.full()
        assert self.inputs is not None
        started = time.perf_counter()
        catalog = load_catalog(self.root, cache=self.cache)
        old = self.inputs
        if catalog.site != old.catalog.site or build_date(catalog) != old.today:
            return self.full()
        forced = set().union(*media_of.values())
        pages, deleted, changed = touched_pages(old.catalog, catalog, forced, self._mentions)
        self._mentions.forget_except(_records(catalog).values())
        records = len(changed)
        if records == 0:
            return Rebuilt(False, time.perf_counter() - started, 0, 0)
        media = build_media(self.root, catalog, self.work / "cache", old.media, changed)
        # The pages first, the open data after them: its page shows the files' sizes, which
        # it gets (in a second, smaller pass) once the files are written.
        inputs = Inputs(
            self.root, catalog, self.work, old.today, media, old.data, old.share, preview=True
        )
        self._copy_media(media, changed)
        try:
            written = self._build(inputs, pages, deleted)
            visible = time.perf_counter() - started
            inputs = replace(inputs, data=open_data(catalog, media))
            written += self._open_data_pages(inputs)
            # Last: it also drops the theme files MkDocs copied again that no page uses.
            write_sitemaps(self.out, catalog.site, self._indexable)
        except BaseException:
            self.inputs = None  # part of the site may be new: the next change rebuilds all
            raise
        self._finish(inputs, old.catalog)
        self.inputs = inputs
        return Rebuilt(False, visible, records, written)

    def _run_jobs(
        self,
        inputs: Inputs,
        render: Callable[[LanguageRenderer], list[RenderedPage]],
        deleted: set[str],
    ) -> int:
        """Write the pages `render` gives in each language; MkDocs rebuilds those that changed
        (in each language's child, two at once). Returns the pages written."""
        site = inputs.catalog.site
        theme = self.work / "theme"  # as the full build merged it (site_config/ unchanged)
        total = 0

        def build(lang: str, job: Job) -> tuple[str, Outcome]:
            return lang, self._worker(lang).run(job)

        with ThreadPoolExecutor(self.jobs) as pool:
            futures = []
            for lang in site.codes:
                docs = self.work / "docs" / lang
                rendered = render(inputs.renderer(lang))
                written = write_pages(docs, rendered, keep_unchanged=True)
                for path in deleted:
                    (docs / path).unlink(missing_ok=True)
                    shutil.rmtree(self.out / lang / path.removesuffix(".md"), ignore_errors=True)
                indexable = self._indexable[lang]
                for page in rendered:
                    (indexable.add if page.indexable else indexable.discard)(page.path)
                indexable.difference_update(deleted)
                if not written and not deleted:
                    continue
                total += len(written)
                config = inputs.config(lang, docs, self.out / lang, theme)
                target = str(self.out / lang)
                job = Job(str(config), target, site.map.tiles, tuple(written), tuple(deleted))
                futures.append(pool.submit(build, lang, job))
            for future in futures:
                lang, outcome = future.result()
                if not outcome.ok:
                    raise MkDocsError(lang, outcome.output)
        return total

    def _open_data_pages(self, inputs: Inputs) -> int:
        """The open data page of each language again, where the files' sizes it shows changed."""
        return self._run_jobs(
            inputs,
            lambda renderer: [renderer.open_data_page()],
            set(),
        )

    def _copy_media(self, media: MediaLibrary, changed: set[tuple[str, str]]) -> None:
        """The changed records' photo variants and audio, and nothing they no longer use."""
        for collection, record_id in changed:
            shutil.rmtree(self.out / MEDIA_URL / collection / record_id, ignore_errors=True)
        for name, source in media.files.items():
            parts = name.split("/")
            if len(parts) > 2 and (parts[1], parts[2]) in changed:
                copy_inside(self.out, name, source)

    def _finish(self, inputs: Inputs, old: Catalog) -> None:
        """After the pages: /q/ pages of changed records, the open data files. The offline
        lists (pwa/, sw.js) keep the last full build's: pages are fetched network first."""
        catalog = inputs.catalog
        before, after = dict(old.codes), dict(catalog.codes)
        records, was = _records(catalog), _records(old)
        codes = {
            code
            for key, code in after.items()
            if before.get(key) != code or was.get(_key(key)) != records.get(_key(key))
        }
        for key in before.keys() - after.keys():
            shutil.rmtree(self.out / "q" / before[key], ignore_errors=True)
        write_short_links(self.out, catalog, self.work / "cache" / "qr", only=codes)
        pages = [self.out / "q" / code / "index.html" for code in codes]
        protect_site(self.out, catalog.site.map.tiles, only=[p for p in pages if p.is_file()])
        for name, content in inputs.data.items():
            target = self.out / DATA_DIR / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)

    def _build(self, inputs: Inputs, pages: set[str], deleted: set[str]) -> int:
        """The pages about many records and the pages of `pages`, in every language."""
        total = self._run_jobs(
            inputs,
            lambda renderer: [*renderer.aggregate_pages(), *renderer.record_pages(only=pages)],
            deleted,
        )
        for name, source in inputs.share.stats.files.items():
            if not (self.out / name).is_file():
                (self.out / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, self.out / name)
        return total


def _media_owners(path: Path, root: Path) -> set[tuple[str, str]]:
    """The records (collection, id) whose media folder holds `path` (products and events
    share content/media/: both are named, the one that exists counts)."""
    try:
        rel = path.resolve().relative_to(root).as_posix()
    except ValueError:
        return set()
    owners = set()
    for kind in KINDS:
        if kind.media_folder and rel.startswith(kind.media_folder + "/"):
            parts = rel[len(kind.media_folder) + 1 :].split("/")
            if len(parts) >= 2:
                owners.add((kind.collection, parts[0]))
    return owners


def _inside(path: Path, root: Path, folders: tuple[str, ...]) -> bool:
    try:
        rel = path.resolve().relative_to(root).as_posix()
    except ValueError:
        return False
    return rel.endswith((".yaml", ".yml")) and any(rel.startswith(f + "/") for f in folders)
