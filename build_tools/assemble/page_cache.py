"""A language's finished pages from the last build, so a build redraws only what changed.

After a language's build succeeds, its output is kept in `<work>/cache/pages/<lang>/` with
a manifest: a hash of every file of its Markdown tree, and a stamp of everything else a
page's HTML depends on (the language's MkDocs settings, the theme, the menu's titles, the
tool and its libraries). The next build renders the Markdown as always; if the stamp is the
same, it starts from the kept output and has MkDocs rebuild only the pages whose Markdown
changed (its `dirty` mode), drops the pages that are gone, and keeps the rest as they were:
their HTML would be the same bytes. Anything else (another stamp, no cache, a damaged one)
is a full build. `tests/test_build.py` checks that a build from the cache gives the same
site, byte for byte, as a build without it.

The cache lives beside the other derived assets (build/cache/), so CI keeps it with them.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from build_tools.render.paths import page_url

MANIFEST = "manifest.json"
OUTPUT = "site"
# What besides the Markdown makes the HTML: these libraries' versions are in the stamp.
LIBRARIES = ("mkdocs", "mkdocs-material", "markdown", "jinja2", "minify-html", "pymdown-extensions")
TOOL = Path(__file__).resolve().parent.parent  # build_tools/


@dataclass(frozen=True)
class Plan:
    """What a language's build must do: everything (`warm` False), or the pages listed."""

    warm: bool
    changed: tuple[str, ...] = ()  # Markdown pages (and other docs files) new or changed
    deleted: tuple[str, ...] = ()  # docs files gone since the kept build
    sources: dict[str, str] | None = None  # every docs file's hash, for the manifest


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def docs_digest(docs: Path) -> dict[str, str]:
    """Every file of a language's Markdown tree, by its hash."""
    return {
        path.relative_to(docs).as_posix(): _hash(path.read_bytes())
        for path in sorted(docs.rglob("*"))
        if path.is_file()
    }


def _tree_digest(folder: Path, skip: tuple[str, ...] = ()) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not any(part in skip for part in path.parts):
            stat = path.stat()
            digest.update(f"{path.relative_to(folder).as_posix()}\0{stat.st_size}\0".encode())
            digest.update(_hash(path.read_bytes()).encode())
    return digest.hexdigest()


@functools.cache
def _tool_stamp() -> str:
    """The tool's own files and its libraries' versions: what a process runs does not change
    while it runs, so once per process (a language's child builds several languages)."""
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} absent")
    skip = ("__pycache__", "fonts", "locales", "city_template", "cms")
    return "\n".join([_tree_digest(TOOL, skip=skip), *versions])


def _menu_titles(docs: Path, config: dict[str, object]) -> list[str]:
    """The front matter titles of the menu's pages: every page's menu shows them."""

    def paths(items: object) -> list[str]:
        found: list[str] = []
        if isinstance(items, str):
            found.append(items)
        elif isinstance(items, list):
            for item in items:
                found += paths(item)
        elif isinstance(items, dict):
            for value in items.values():
                found += paths(value)
        return found

    titles = []
    for name in paths(config.get("nav")):
        page = docs / name
        text = page.read_text("utf-8") if page.is_file() else ""
        head = text.split("\n---", 1)[0] if text.startswith("---") else ""
        titles.append(name + "\0" + "\n".join(line for line in head.splitlines()
                                                if line.startswith("title:")))
    return titles


def stamp(config_file: Path, theme: Path, docs: Path) -> str:
    """Everything a page's HTML depends on besides its own Markdown."""
    import yaml

    config = yaml.safe_load(config_file.read_text("utf-8")) or {}
    # Where the output goes is not what it holds: the staging folder is named after --out.
    settings = {key: value for key, value in config.items() if key != "site_dir"}
    parts = [
        json.dumps(settings, sort_keys=True, default=str),
        _tree_digest(theme),
        _tool_stamp(),
        *_menu_titles(docs, config),
    ]
    return _hash("\n\0".join(parts).encode())


class PageCache:
    """One language's kept output: `<folder>/site/` and `<folder>/manifest.json`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _manifest(self) -> dict[str, object] | None:
        try:
            found = json.loads((self.folder / MANIFEST).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return found if isinstance(found, dict) and (self.folder / OUTPUT).is_dir() else None

    def plan(self, docs: Path, current_stamp: str) -> Plan:
        sources = docs_digest(docs)
        kept = self._manifest()
        if kept is None or kept.get("stamp") != current_stamp:
            return Plan(False, sources=sources)
        old = kept.get("sources")
        if not isinstance(old, dict):
            return Plan(False, sources=sources)
        changed = tuple(path for path, digest in sources.items() if old.get(path) != digest)
        deleted = tuple(path for path in old if path not in sources)
        return Plan(True, changed, deleted, sources)

    def restore(self, site_dir: Path, plan: Plan) -> Snapshot:
        """The kept output into `site_dir`, without the outputs of changed and deleted
        files: MkDocs writes what is missing. Copies are newer than the Markdown written
        before them, so MkDocs' dirty mode leaves every other page alone."""
        if site_dir.exists():
            shutil.rmtree(site_dir)
        shutil.copytree(self.folder / OUTPUT, site_dir, copy_function=shutil.copyfile)
        for path in (*plan.changed, *plan.deleted):
            output = site_dir / _output_of(path)
            output.unlink(missing_ok=True)
            if path in plan.deleted and output.parent != site_dir:
                try:
                    output.parent.rmdir()  # a deleted record's folder, when now empty
                except OSError:
                    pass
        return {p.relative_to(site_dir): _state(p) for p in site_dir.rglob("*") if p.is_file()}

    def save(
        self, site_dir: Path, current_stamp: str, plan: Plan, restored: Snapshot | None
    ) -> None:
        """Keep `site_dir` (a language's finished output) for the next build. `restored`:
        what `restore` put in it; then only the files changed since are copied, and files
        gone are removed."""
        (self.folder / MANIFEST).unlink(missing_ok=True)  # no stamp while half-written
        output = self.folder / OUTPUT
        if restored is None or not output.is_dir():
            if output.exists():
                shutil.rmtree(output)
            self.folder.mkdir(parents=True, exist_ok=True)
            shutil.copytree(site_dir, output, copy_function=shutil.copyfile)
        else:
            now = {p.relative_to(site_dir) for p in site_dir.rglob("*") if p.is_file()}
            for name in {p.relative_to(output) for p in output.rglob("*") if p.is_file()} - now:
                (output / name).unlink()
            for name in now:
                if _state(site_dir / name) != restored.get(name):
                    (output / name).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(site_dir / name, output / name)
        manifest = {"stamp": current_stamp, "sources": plan.sources}
        partial = self.folder / f".{MANIFEST}.{os.getpid()}"
        partial.write_text(json.dumps(manifest, sort_keys=True), "utf-8")
        os.replace(partial, self.folder / MANIFEST)


Snapshot = dict[Path, tuple[int, int]]  # a folder's files: their time and size


def _state(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


def _output_of(path: str) -> str:
    """Where MkDocs writes a docs file: `relics/x.md` → `relics/x/index.html`,
    `relics/index.md` → `relics/index.html`, anything else as it is."""
    return page_url(path) + "index.html" if path.endswith(".md") else path
