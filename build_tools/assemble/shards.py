"""A build in shards: languages built by independent jobs (a CI matrix), then merged.

`build_shard` runs the per-language half of `build_site` (render, MkDocs, search, CSP) for
some languages; `merge_shards` copies the shards' language folders side by side and runs the
half the languages share (sitemaps, /q/ pages, open data, media, offline lists). Both halves
are the very functions `build_site` calls, so the merged site is the same, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from pathlib import Path

from build_tools.assemble.pipeline import (
    BUILD_DIR,
    BuildReport,
    Inputs,
    Progress,
    build_languages,
    finish_site,
    parallel_jobs,
    staged,
)
from build_tools.load.project import load_catalog
from build_tools.resources import CITY_MKDOCS

SHARD_FILE = "shard.json"


class ShardError(Exception):
    """Shards that cannot be merged into one site (missing, doubled or stale languages)."""


def sources_digest(root: Path) -> str:
    """A hash of every file the build reads from the city root, so a merge refuses shards
    built from other content (a job of an older commit, a stale artifact)."""
    digest = hashlib.sha256()
    for name in ("site_config", "content", "heritage", CITY_MKDOCS):
        base = root / name
        files = sorted(base.rglob("*")) if base.is_dir() else [base] if base.is_file() else []
        for path in files:
            if path.is_file():
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def build_shard(
    root: Path,
    out: Path,
    languages: tuple[str, ...],
    jobs: int | None = None,
    work: Path | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Build only `languages` into `out`: their folders, share images and a manifest, for
    `merge_shards` to turn into the site. Shards are independent jobs (a CI matrix)."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    catalog = load_catalog(root)
    timings["check"] = time.perf_counter() - started
    unknown = [lang for lang in languages if lang not in catalog.site.codes]
    if unknown or not languages:
        raise ShardError(
            f"languages {', '.join(unknown) or '(none)'} are not in site.yaml "
            f"({', '.join(catalog.site.codes)})"
        )
    inputs = Inputs.prepare(root, catalog, work or root / BUILD_DIR)
    out = out.resolve()
    with staged(out) as staging:
        built = build_languages(inputs, staging, languages, parallel_jobs(jobs), progress)
        timings.update(built.seconds)
        manifest = {
            "languages": list(languages),
            "sources": sources_digest(root),
            "indexable": {lang: sorted(paths) for lang, paths in built.indexable.items()},
        }
        (staging / SHARD_FILE).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    timings["total"] = time.perf_counter() - started
    return BuildReport(
        out, languages, built.pages, timings, inputs.media.stats.encoded, {}, inputs.share.stats
    )


def merge_shards(
    root: Path,
    shards: list[Path],
    out: Path,
    jobs: int | None = None,
    work: Path | None = None,
) -> BuildReport:
    """The site from shards that together hold every language once: the same files, byte
    for byte, as `build_site` writes. What the languages share (sitemaps, /q/ pages, open
    data, media, the offline lists and worker) is written here."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    catalog = load_catalog(root)
    timings["check"] = time.perf_counter() - started
    digest = sources_digest(root)
    manifests = []
    for shard in shards:
        path = shard / SHARD_FILE
        if not path.is_file():
            raise ShardError(f"{shard}: not a shard (no {SHARD_FILE}); build it with --shard")
        manifest = json.loads(path.read_text("utf-8"))
        if manifest["sources"] != digest:
            raise ShardError(f"{shard}: built from other content than {root}; build it again")
        manifests.append((shard, manifest))
    held = [lang for _, manifest in manifests for lang in manifest["languages"]]
    doubled = sorted({lang for lang in held if held.count(lang) > 1})
    missing = [lang for lang in catalog.site.codes if lang not in held]
    if doubled or missing:
        raise ShardError(
            "every language must be in exactly one shard: "
            + "; ".join(
                part
                for part in (
                    f"missing {', '.join(missing)}" if missing else "",
                    f"in two shards: {', '.join(doubled)}" if doubled else "",
                )
                if part
            )
        )
    inputs = Inputs.prepare(root, catalog, work or root / BUILD_DIR)
    out = out.resolve()
    with staged(out) as staging:
        indexable: dict[str, set[str]] = {}
        for shard, manifest in manifests:
            for lang in manifest["languages"]:
                shutil.copytree(shard / lang, staging / lang)
                indexable[lang] = set(manifest["indexable"][lang])
            if (shard / "share").is_dir():
                shutil.copytree(shard / "share", staging / "share", dirs_exist_ok=True)
        # The languages in the site's order, as build_site has them.
        indexable = {lang: indexable[lang] for lang in catalog.site.codes}
        step = time.perf_counter()
        bundle_sizes = finish_site(inputs, staging, indexable, jobs=parallel_jobs(jobs))
        timings["finish"] = time.perf_counter() - step
    timings["total"] = time.perf_counter() - started
    pages = sum(1 for _ in (out / catalog.site.default_language).rglob("index.html"))
    return BuildReport(
        out, catalog.site.codes, pages, timings, inputs.media.stats.encoded, bundle_sizes
    )
