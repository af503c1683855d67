"""`scripts/bench --corpus N --shards`: a generated province built on one machine and as
language shards in separate processes (own work folders, cold), merged, compared file by
file with the one-machine build, with each job's time and memory and an extrapolation."""

from __future__ import annotations

import datetime as dt
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus_bench import LANGUAGES, REPO, DescendantPeak, load_generator

Figures = dict[str, Any]
NATIONAL = 40_000


def _job(code: str) -> Figures:
    """Run `code` in a fresh Python process; its wall time, CPU and peak memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with DescendantPeak() as peak:
        subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"wall_s": wall, "cpu_s": cpu, "peak_mb": peak.peak_kib / 1024}


def _files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def run(relics: int, keep: Path | None, say: Callable[[str], None]) -> Figures:
    base = keep or Path(tempfile.mkdtemp(prefix="bench-shards-"))
    if keep and keep.exists():
        shutil.rmtree(keep)
    root = base / "city"
    fifth = max(1, relics // 5)
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).date()
    generator = load_generator()
    corpus = generator.generate(relics, fifth, fifth, fifth, LANGUAGES, 1, today)
    generator.write(corpus, root, 1)
    say(f"corpus: {relics} relics, {len(corpus.files)} files, languages {', '.join(LANGUAGES)}")
    figures: Figures = {"relics": relics, "languages": list(LANGUAGES)}
    try:
        say("one machine (portal build)…")
        figures["single"] = _job(
            "from pathlib import Path; from build_tools.assemble.pipeline import build_site; "
            f"build_site(Path({str(root)!r}), Path({str(base / 'single')!r}), "
            f"work=Path({str(base / 'work-single')!r}))"
        )
        shards = []
        figures["shards"] = {}
        for lang in LANGUAGES:
            say(f"shard {lang} (portal build --shard {lang}, cold work folder)…")
            out = base / "shards" / lang
            figures["shards"][lang] = _job(
                "from pathlib import Path; from build_tools.assemble.shards import build_shard; "
                f"build_shard(Path({str(root)!r}), Path({str(out)!r}), ({lang!r},), "
                f"work=Path({str(base / ('work-' + lang))!r}))"
            )
            shards.append(out)
        say("merge (portal merge)…")
        figures["merge"] = _job(
            "from pathlib import Path; from build_tools.assemble.shards import merge_shards; "
            f"merge_shards(Path({str(root)!r}), [Path(p) for p in {[str(s) for s in shards]!r}], "
            f"Path({str(base / 'merged')!r}), work=Path({str(base / 'work-merge')!r}))"
        )
        single, merged = _files(base / "single"), _files(base / "merged")
        figures["files"] = len(single)
        figures["same_file_list"] = sorted(single) == sorted(merged)
        figures["different_files"] = sorted(
            name for name in single if name in merged and single[name] != merged[name]
        )
    finally:
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)
    return figures


def report(f: Figures) -> str:
    scale = NATIONAL / f["relics"]
    lines = [
        f"{f['relics']} relics (+{f['relics'] // 5} each of products, events, wifi), "
        f"{len(f['languages'])} languages; {f['files']} files in site/",
        f"{'job':<28}{'wall s':>8}{'CPU s':>8}{'peak MB':>9}{'≈ at 40,000 relics':>22}",
    ]
    rows = [("one machine", f["single"])]
    rows += [(f"shard {lang}", figures) for lang, figures in f["shards"].items()]
    rows.append(("merge", f["merge"]))
    for label, job in rows:
        lines.append(
            f"{label:<28}{job['wall_s']:>8.1f}{job['cpu_s']:>8.1f}{job['peak_mb']:>9.0f}"
            f"{job['wall_s'] * scale / 60:>17.0f} min"
        )
    slowest = max(job["wall_s"] for job in f["shards"].values())
    lines += [
        f"sharded wall time (slowest shard + merge): {slowest + f['merge']['wall_s']:.1f} s "
        f"against {f['single']['wall_s']:.1f} s on one machine",
        "extrapolation: linear in the number of pages (each page costs about the same to "
        "render, build, protect and hash); memory grows with the catalogue held by each job",
        f"merged site equal to the one-machine build: file list {f['same_file_list']}, "
        f"{len(f['different_files'])} file(s) with other bytes {f['different_files'][:5]}",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    figures = run(int(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None, print)
    print(report(figures))
    print(json.dumps(figures))
