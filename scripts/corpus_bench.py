"""`scripts/bench --corpus N`: a generated province built cold, warm, after an edit, and bare.

Each build of ours runs in a child process of its own (`corpus_bench.py measure …`) so its
CPU time and peak memory are its own: resource.getrusage(RUSAGE_SELF) + RUSAGE_CHILDREN deltas
around `build_site`, and ru_maxrss of the build process. Linux hands a child the parent's
high-water RSS when it starts (exec records the old memory map's peak), so RUSAGE_CHILDREN's
ru_maxrss is never below the parent's: the MkDocs processes' own peak is read instead from
/proc/<pid>/status (VmHWM) of every descendant, polled.
"""

from __future__ import annotations

import datetime as dt
import gzip
import importlib.machinery
import importlib.util
import inspect
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = ("vi", "en", "fr", "zh", "ko")
JOBS = 2  # what our build uses on this 2-core machine (one MkDocs process per language)
Figures = dict[str, Any]


def load_generator() -> ModuleType:
    """scripts/gen-corpus as a module (its file name has no .py)."""
    path = REPO / "scripts" / "gen-corpus"
    loader = importlib.machinery.SourceFileLoader("gen_corpus", str(path))
    spec = importlib.util.spec_from_loader("gen_corpus", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_corpus"] = module  # dataclasses look their module up by name
    loader.exec_module(module)
    return module


# ---------------------------------------------------------------- one build, in a child


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def _files(folder: Path) -> set[str]:
    return {str(p) for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


class DescendantPeak:
    """The largest VmHWM (peak resident memory) of any descendant process, polled."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> DescendantPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _poll(self) -> None:
        while not self._stop.wait(self.interval):
            for pid in self._descendants():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue  # it ended between the listing and the read
                found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
                if found:
                    self.peak_kib = max(self.peak_kib, int(found.group(1)))

    @staticmethod
    def _descendants() -> list[int]:
        parents: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                # "pid (name) state ppid …": the name may hold spaces and parentheses
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        found, mine = True, {os.getpid()}
        while found:
            new = {pid for pid, parent in parents.items() if parent in mine} - mine
            found = bool(new)
            mine |= new
        return sorted(mine - {os.getpid()})


def measure(root: Path, out: Path, work: Path) -> Figures:
    """Build once in this process and say what it cost."""
    sys.path.insert(0, str(REPO))
    from build_tools.assemble.pipeline import build_site

    cache_before = _files(work / "cache")
    self_before = resource.getrusage(resource.RUSAGE_SELF)
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with DescendantPeak() as children:
        report = build_site(root, out, work=work)
    wall = time.perf_counter() - started
    self_after = resource.getrusage(resource.RUSAGE_SELF)
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = _cpu(self_after) - _cpu(self_before) + _cpu(children_after) - _cpu(children_before)
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "cpu_per_wall": cpu / wall,
        "peak_rss_self_mb": self_after.ru_maxrss / 1024,  # KiB on Linux
        "peak_rss_children_rusage_mb": children_after.ru_maxrss / 1024,
        "peak_rss_child_mb": children.peak_kib / 1024,
        "stages_s": dict(report.seconds),
        "images_encoded": getattr(report, "images_encoded", None),
        "cache_files_written": len(_files(work / "cache") - cache_before),
        "pages_per_language": report.pages_per_language,
        "html_written": dict(getattr(report, "html_written", {})),
    }


def preview_edit(root: Path, out: Path, work: Path, relic_id: str, marker: str) -> Figures:
    """`portal serve`'s path in this process: a full build, then one summary edited and the
    partial rebuild timed until the page and its search entry are written."""
    sys.path.insert(0, str(REPO))
    from build_tools.assemble.preview import Preview

    preview = Preview(root, out, JOBS, work)
    try:
        preview.full()
        edit_summary(root, relic_id, marker)
        started = time.perf_counter()
        done = preview.update({root / "heritage" / "relics" / f"{relic_id}.yaml"})
        wall = time.perf_counter() - started
    finally:
        preview.close()
    page = out / "vi" / "relics" / relic_id / "index.html"
    index = out / "vi" / "search" / "search_index.json"
    return {
        "wall_s": wall,
        "visible_s": done.seconds,
        "kind": "full rebuild" if done.full else "partial (portal serve)",
        "pages_rewritten": done.pages,
        "edit_visible": page.is_file() and marker in page.read_text("utf-8"),
        "edit_in_search": index.is_file() and marker in index.read_text("utf-8"),
    }


def build_in_child(root: Path, out: Path, work: Path) -> Figures:
    command = [sys.executable, __file__, "measure", str(root), str(out), str(work)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stdout}\n{result.stderr}")
    figures: Figures = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


# ---------------------------------------------------------------- bare Material reference


def bare_material(corpus: Any, base: Path, relic_id: str) -> Figures:
    """The same records as plain Markdown pages, built by Material alone, per language.

    One page per record (title and description) and per language, `theme: material` with
    `font: false`, the search plugin with the language's lunr settings (as ours), directory
    URLs; the navigation holds the home page only, as ours keeps records out of the sidebar
    (with every record in it each page repeats the whole list and the build grows as n²).
    """
    sys.path.insert(0, str(REPO))
    import yaml

    from build_tools.assemble.mkdocs_run import search_settings

    configs = []
    pages = 0
    for lang in LANGUAGES:
        docs = base / lang / "docs"
        docs.mkdir(parents=True)
        (docs / "index.md").write_text("# Bare Material\n", encoding="utf-8")
        for rel, data in corpus.files.items():
            if rel.startswith("site_config/"):
                continue
            title = (data.get("name") or data.get("title"))[lang]
            text = data.get("description") or data.get("body") or {lang: f"SSID: {data['ssid']}"}
            target = docs / rel.removesuffix(".yaml")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.with_suffix(".md").write_text(f"# {title}\n\n{text[lang]}", encoding="utf-8")
            pages += 1
        config = {
            "site_name": f"Bare Material {lang}",
            "docs_dir": str(docs),
            "site_dir": str(base / lang / "site"),
            "use_directory_urls": True,
            "theme": {"name": "material", "font": False, "language": lang},
            "plugins": [{"search": search_settings(lang)}],
            "nav": [{"Home": "index.md"}],
        }
        path = base / lang / "mkdocs.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        configs.append(path)

    def one(config: Path) -> tuple[int, str]:
        command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        return result.returncode, result.stderr[-2000:]

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with DescendantPeak() as children, ThreadPoolExecutor(max_workers=JOBS) as pool:
        results = list(pool.map(one, configs))
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    for code, errors in results:
        if code != 0:
            raise SystemExit(f"bare Material build failed:\n{errors}")
    site_bytes = sum(p.stat().st_size for lang in LANGUAGES for p in _walk(base / lang / "site"))
    return {
        "wall_s": wall,
        "cpu_s": _cpu(after) - _cpu(before),
        "peak_rss_child_mb": children.peak_kib / 1024,
        "pages": pages,
        "site_bytes": site_bytes,
        "relic_page": _sizes(
            base / "vi" / "site" / "heritage" / "relics" / relic_id / "index.html"
        ),
    }


def _walk(folder: Path) -> Iterator[Path]:
    return (p for p in folder.rglob("*") if p.is_file())


# ---------------------------------------------------------------- sizes


def _sizes(path: Path) -> Figures | None:
    if not path.is_file():
        return None
    raw = path.read_bytes()
    return {"bytes": len(raw), "gzip": len(gzip.compress(raw, 9))}


def _sum_sizes(paths: list[Path]) -> Figures:
    found = [s for s in map(_sizes, paths) if s]
    return {
        "files": len(found),
        "bytes": sum(s["bytes"] for s in found),
        "gzip": sum(s["gzip"] for s in found),
    }


def site_sizes(site: Path, relic_id: str, relics: int) -> Figures:
    per_language = {}
    for lang in LANGUAGES:
        per_language[lang] = {
            "relic_page": _sizes(site / lang / "relics" / relic_id / "index.html"),
            "relic_list": _sizes(site / lang / "relics" / "index.html"),
            "search_index": _sizes(site / lang / "search" / "search_index.json"),
            "map_page": _sizes(site / lang / "map" / "index.html"),
            "map_frame": _sizes(site / lang / "maps" / "overview.html"),
            "places_json": _sizes(site / lang / "maps" / "places.json"),
            # Lists and maps that read compact JSON: whatever JSON the language has besides.
            "other_json": _sum_sizes(
                sorted(
                    p
                    for p in (site / lang).rglob("*.json")
                    if p.relative_to(site / lang).as_posix()
                    not in ("search/search_index.json", "maps/places.json")
                )
            ),
        }
    files = list(_walk(site))
    total = sum(p.stat().st_size for p in files)
    by_top: dict[str, Figures] = {}
    by_kind: dict[str, Figures] = {}
    for path in files:
        rel = path.relative_to(site)
        size = path.stat().st_size
        for table, key in ((by_top, rel.parts[0]), (by_kind, kind_of(rel))):
            row = table.setdefault(key, {"files": 0, "bytes": 0})
            row["files"] += 1
            row["bytes"] += size
    per_thousand = 1000 / max(relics, 1)
    return {
        "per_language": per_language,
        "sitemaps": _sum_sizes(sorted(site.rglob("sitemap*.xml*"))),
        "pwa_lists": _sum_sizes(sorted((site / "pwa").glob("*.json"))),
        "by_top_folder": dict(sorted(by_top.items(), key=lambda item: -item[1]["bytes"])),
        "by_kind": dict(sorted(by_kind.items(), key=lambda item: -item[1]["bytes"])),
        "site": {
            "files": len(files),
            "bytes": total,
            "bytes_per_relic": total / max(relics, 1),
            "files_per_1000_relics": len(files) * per_thousand,
            "mb_per_1000_relics": total * per_thousand / 1e6,
        },
    }


KINDS = ("pages", "search", "q", "data", "assets", "sitemaps", "media", "other")


def kind_of(rel: Path) -> str:
    """What a file of site/ is for, by its path: one of KINDS."""
    parts, name = rel.parts, rel.name
    if name.startswith("sitemap") or name == "robots.txt":
        return "sitemaps"
    if parts[0] in ("q", "data"):
        return parts[0]
    if len(parts) > 1 and parts[1] == "search":
        return "search"
    # Theme, Material's bundle and lunr, vendored Leaflet, the worker and the icons.
    if parts[0] in ("vendor", "icons") or name == "sw.js" or "assets" in parts[:2]:
        return "assets"
    if rel.suffix == ".html":
        return "pages"
    if parts[0] in ("media", "share") or (len(parts) > 1 and parts[1] == "media"):
        return "media"
    return "other"  # worker lists, map data, the manifest


# ---------------------------------------------------------------- edit, first visit


def edit_summary(root: Path, relic_id: str, marker: str) -> None:
    """Change one relic's Vietnamese summary, as an editor would."""
    path = root / "heritage" / "relics" / f"{relic_id}.yaml"
    text = path.read_text("utf-8")
    edited, count = re.subn(r"(?m)^(summary:\n  vi: )(.*)$", rf"\g<1>\g<2> {marker}", text)
    if count != 1:
        raise SystemExit(f"could not find the summary in {path}")
    path.write_text(edited, encoding="utf-8")


def first_visit(site: Path) -> Figures:
    sys.path.insert(0, str(REPO))
    from build_tools.assemble import pwa

    function: Callable[..., Any] | None = getattr(pwa, "first_visit_bytes", None)
    if function is None:
        return {"note": "build_tools.assemble.pwa.first_visit_bytes does not exist yet: skipped"}
    try:
        if len(inspect.signature(function).parameters) >= 2:
            return {lang: _plain(function(site, lang)) for lang in LANGUAGES}
        return {"all": _plain(function(site))}
    # Another helper's new function: whatever it raises is reported, and the bench goes on.
    except Exception as error:  # noqa: BLE001
        return {"note": f"first_visit_bytes{inspect.signature(function)} failed: {error!r}"}


def _plain(value: Any) -> Any:
    if isinstance(value, (int, float, str)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {k: _plain(getattr(value, k)) for k in value.__dataclass_fields__}
    return repr(value)


# ---------------------------------------------------------------- the run


def environment() -> Figures:
    from importlib.metadata import version

    def git(*args: str) -> str:
        command = ["git", "-C", str(REPO), *args]
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown commit"
    if git("status", "--porcelain", "--untracked-files=no", "--", "build_tools"):
        head += " + uncommitted changes in build_tools/"
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "git_head": head,
        "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg(),
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "mkdocs_material": version("mkdocs-material"),
    }


def run(relics: int, keep: Path | None, say: Callable[[str], None]) -> Figures:
    generator = load_generator()
    figures: Figures = {"environment": environment(), "relics": relics}
    base = keep or Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    if keep and keep.exists():
        shutil.rmtree(keep)
    root, out, work = base / "city", base / "site", base / "work"
    try:
        fifth = max(1, relics // 5)
        started = time.perf_counter()
        today = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).date()
        corpus = generator.generate(relics, fifth, fifth, fifth, LANGUAGES, 1, today)
        source_bytes = generator.write(corpus, root, 1)
        figures["corpus"] = {
            "relics": relics,
            "products": fifth,
            "events": fifth,
            "wifi": fifth,
            "languages": list(LANGUAGES),
            "files": len(corpus.files),
            "source_bytes": source_bytes,
            "derived_clashes": len(corpus.derived_clashes),
            "generate_s": time.perf_counter() - started,
        }
        say(
            f"corpus: {len(corpus.files)} files, {source_bytes / 1e6:.1f} MB of YAML, "
            f"{len(corpus.derived_clashes)} 4-character code clash(es), lengthened by the tool"
        )
        say("cold build…")
        figures["cold"] = build_in_child(root, out, work)
        say("warm build…")
        figures["warm"] = build_in_child(root, out, work)
        relic_id = sorted(p.stem for p in (root / "heritage" / "relics").glob("*.yaml"))[0]
        say("build after one record's summary changed (work dir kept, as CI keeps it)…")
        edit_summary(root, relic_id, "Sửa để đo bản dựng sau một thay đổi.")
        figures["edited"] = build_in_child(root, out, work)
        figures["sizes"] = site_sizes(out, relic_id, relics)
        figures["first_visit"] = first_visit(out)
        say("portal serve: full build, then one summary edited…")
        command = [sys.executable, __file__, "preview", str(root), str(base / "preview"),
                   str(work), relic_id, "Đã cập nhật để đo thời gian."]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SystemExit(f"preview failed:\n{result.stdout}\n{result.stderr}")
        figures["edit_to_served"] = json.loads(result.stdout.strip().splitlines()[-1])
        say("bare Material…")
        figures["bare_material"] = bare_material(corpus, base / "bare", relic_id)
        cold, bare = figures["cold"], figures["bare_material"]
        figures["ratio_cold_to_bare"] = cold["wall_s"] / bare["wall_s"]
        figures["ratio_cold_to_bare_cpu"] = cold["cpu_s"] / bare["cpu_s"]
        figures["ratio_warm_to_bare"] = figures["warm"]["wall_s"] / bare["wall_s"]
        figures["ratio_warm_to_bare_cpu"] = figures["warm"]["cpu_s"] / bare["cpu_s"]
        figures["ratio_edited_to_bare"] = figures["edited"]["wall_s"] / bare["wall_s"]
    finally:
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)
    return figures


# ---------------------------------------------------------------- the table


def _kib(n: float | None) -> str:
    return "–" if n is None else f"{n / 1024:.1f}"


def _size(figures: Figures | None) -> str:
    return "missing" if not figures else f"{_kib(figures['bytes'])} / {_kib(figures['gzip'])}"


def _unattributed(stages: dict[str, float]) -> float:
    """What the build spent outside its named stages (they may overlap: then it is less)."""
    return stages.get("total", 0.0) - sum(v for k, v in stages.items() if k != "total")


def first_visit_lines(visits: Figures) -> list[str]:
    """Per language: the total on the wire, split into the page and the worker's downloads."""
    if "note" in visits:
        return [f"first visit: {visits['note']}"]
    lines = [
        "first visit, KiB on the wire (pwa.first_visit_bytes): total = page + worker; largest files"
    ]
    for lang, visit in visits.items():
        if not isinstance(visit, dict) or "total" not in visit:
            lines.append(f"  {lang}: {visit}")
            continue
        files = {**visit.get("page_files", {}), **visit.get("worker_files", {})}
        largest = sorted(files.items(), key=lambda item: -item[1])[:3]
        lines.append(
            f"  {lang}: {_kib(visit['total'])} = {_kib(visit['page_bytes'])} + "
            f"{_kib(visit['worker_bytes'])}  ({visit['page']}; "
            + ", ".join(f"{name} {_kib(size)}" for name, size in largest)
            + ")"
        )
    return lines


def breakdown_lines(sizes: Figures, relics: int) -> list[str]:
    """The site by kind of file and by top-level folder: files and MB, and KiB per relic."""
    lines = []
    for title, key in (("by kind", "by_kind"), ("by top-level folder", "by_top_folder")):
        lines.append(f"  {title:<22}{'files':>8}{'MB':>9}{'KiB/relic':>11}")
        for name, row in sizes[key].items():
            lines.append(
                f"    {name:<20}{row['files']:>8}{row['bytes'] / 1e6:>9.2f}"
                f"{_kib(row['bytes'] / max(relics, 1)):>11}"
            )
    return lines


def report(f: Figures) -> str:
    """The figures as a plain-text table."""
    env, corpus = f["environment"], f["corpus"]
    lines = [
        f"Corpus: {corpus['relics']} relics, {corpus['products']} products, {corpus['events']} "
        f"events, {corpus['wifi']} wifi points; languages {', '.join(corpus['languages'])}; "
        f"{corpus['files']} files, {corpus['source_bytes'] / 1e6:.1f} MB of YAML; "
        f"no hand-written code ({corpus['derived_clashes']} derived code(s) lengthened to 7)",
        f"Machine: {env['cpus']} CPUs, load average at start "
        f"{env['load_average_at_start'][0]:.2f}; Python {env['python']}, mkdocs {env['mkdocs']}, "
        f"mkdocs-material {env['mkdocs_material']}; {env['git_head']}",
        "Every time below is a single run on a shared machine: noisy.",
        "",
        f"{'build':<36}{'wall s':>8}{'CPU s':>8}{'CPU/wall':>9}{'peak RSS MB build/child':>25}"
        f"{'cache files':>13}{'images':>8}",
    ]
    rows = [
        ("cold (empty work dir)", f["cold"]),
        ("warm (work dir kept)", f["warm"]),
        ("one summary edited (work dir kept)", f["edited"]),
    ]
    for label, run in rows:
        rss = f"{run['peak_rss_self_mb']:.0f} / {run['peak_rss_child_mb']:.0f}"
        lines.append(
            f"{label:<36}{run['wall_s']:>8.1f}{run['cpu_s']:>8.1f}{run['cpu_per_wall']:>9.2f}"
            f"{rss:>25}{run['cache_files_written']:>13}{run['images_encoded']!s:>8}"
        )
    bare = f["bare_material"]
    bare_rss = f"– / {bare['peak_rss_child_mb']:.0f}"
    lines.append(
        f"{'bare Material (5 × mkdocs, 2 at once)':<36}{bare['wall_s']:>8.1f}{bare['cpu_s']:>8.1f}"
        f"{bare['cpu_s'] / bare['wall_s']:>9.2f}{bare_rss:>25}"
    )
    lines.append(
        "(peak RSS: ru_maxrss of the build process / largest VmHWM of its child processes, "
        "MkDocs or CSP workers, polled from /proc)"
    )
    lines.append(
        f"ours / bare Material: cold {f['ratio_cold_to_bare']:.2f}× wall, "
        f"{f['ratio_cold_to_bare_cpu']:.2f}× CPU; warm {f['ratio_warm_to_bare']:.2f}× wall, "
        f"{f['ratio_warm_to_bare_cpu']:.2f}× CPU; one summary edited "
        f"{f['ratio_edited_to_bare']:.2f}× wall  "
        f"(bare: {bare['pages']} pages, {bare['site_bytes'] / 1e6:.1f} MB)"
    )
    lines.append(
        "HTML pages MkDocs wrote in vi (all, or what changed since the kept pages): cold "
        + ", ".join(f"{f[k]['html_written'].get('vi', 0)}" for k in ("cold",))
        + f"; warm {f['warm']['html_written'].get('vi', 0)}; "
        f"after the edit {f['edited']['html_written'].get('vi', 0)}"
    )
    edit = f["edit_to_served"]
    lines.append(
        f"edit-to-served, portal serve ({edit['kind']}): {edit['visible_s']:.1f} s until the "
        f"pages are written ({edit['wall_s']:.1f} s with /q/ pages and open data), "
        f"{edit['pages_rewritten']} Markdown pages rewritten over all languages; "
        f"edit on the page: {edit['edit_visible']}, in search: {edit['edit_in_search']}"
    )
    runs = ("cold", "warm", "edited")
    lines += ["", f"{'stage (BuildReport.seconds)':<36}{'cold':>8}{'warm':>8}{'edited':>8}"]
    stages = list(f["cold"]["stages_s"])
    stages += [s for k in runs[1:] for s in f[k]["stages_s"] if s not in stages]
    for stage in dict.fromkeys(stages):
        values = [f[k]["stages_s"].get(stage) for k in runs]
        lines.append(
            f"{stage:<36}" + "".join(f"{v:>8.1f}" if v is not None else f"{'–':>8}" for v in values)
        )
    rest = [_unattributed(f[k]["stages_s"]) for k in runs]
    lines.append(f"{'(total − the stages above)':<36}" + "".join(f"{v:>8.1f}" for v in rest))
    sizes = f["sizes"]
    lines += [
        "",
        "sizes in KiB, raw / gzip -9"
        + " " * 10
        + "".join(f"{lang:>17}" for lang in corpus["languages"]),
    ]
    labels = {
        "relic_page": "relic page",
        "relic_list": "relic list (relics/)",
        "search_index": "search index",
        "map_page": "map page (map/)",
        "map_frame": "map frame (maps/overview.html)",
        "places_json": "maps/places.json",
        "other_json": "other JSON (all files)",
    }
    for key, label in labels.items():
        cells = "".join(
            f"{_size(sizes['per_language'][lang][key]):>17}" for lang in corpus["languages"]
        )
        lines.append(f"{label:<37}{cells}")
    sitemaps, site, lists = sizes["sitemaps"], sizes["site"], sizes["pwa_lists"]
    lines.append(
        f"sitemaps: {sitemaps['files']} files, {_kib(sitemaps['bytes'])} KiB "
        f"({_kib(sitemaps['gzip'])} KiB gzip); worker lists pwa/*.json: {lists['files']} files, "
        f"{_kib(lists['bytes'])} KiB ({_kib(lists['gzip'])} KiB gzip)"
    )
    lines.append(
        f"site/: {site['files']} files, {site['bytes'] / 1e6:.1f} MB, "
        f"{_kib(site['bytes_per_relic'])} KiB per relic; per 1,000 relics: "
        f"{site['files_per_1000_relics']:.0f} files, {site['mb_per_1000_relics']:.1f} MB"
    )
    lines += breakdown_lines(sizes, corpus["relics"])
    lines.append(f"bare Material relic page (vi): {_size(bare['relic_page'])}")
    lines += ["", *first_visit_lines(f["first_visit"])]
    return "\n".join(lines)


if __name__ == "__main__" and sys.argv[1:2] == ["measure"]:
    print(json.dumps(measure(*(Path(a) for a in sys.argv[2:5]))))
if __name__ == "__main__" and sys.argv[1:2] == ["preview"]:
    root_, out_, work_ = (Path(a) for a in sys.argv[2:5])
    print(json.dumps(preview_edit(root_, out_, work_, sys.argv[5], sys.argv[6])))
