"""A build in shards (languages as separate jobs, then a merge) equals the one-machine build."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.assemble.shards import SHARD_FILE, ShardError, build_shard, merge_shards
from tests.conftest import REPO, site_files


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shards") / "city"
    for name in ("content", "heritage", "site_config"):
        shutil.copytree(REPO / name, root / name)
    return root


def test_shards_built_as_separate_processes_merge_into_the_same_site(
    city: Path, sample_site: Path, tmp_path: Path
) -> None:
    # Each shard a separate `portal build --shard` process with its own work folder, as
    # separate CI jobs would be.
    shards = []
    for n, languages in enumerate(("vi,en", "fr,zh,ko")):
        out = tmp_path / f"shard-{n}"
        subprocess.run(
            [sys.executable, "-m", "build_tools.cli.main", "build", "--root", str(city),
             "--shard", languages, "--out", str(out)],
            check=True,
            capture_output=True,
            cwd=tmp_path,
        )
        assert (out / SHARD_FILE).is_file()
        assert not (out / "sw.js").exists() and not (out / "q").exists()  # the merge's part
        shards.append(out)
    merged = tmp_path / "site"
    merge_shards(city, shards, merged, work=tmp_path / "merge-work")

    have, want = site_files(merged), site_files(sample_site)
    assert sorted(have) == sorted(want)
    assert [name for name in want if have[name] != want[name]] == []


def test_a_merge_refuses_missing_doubled_and_stale_shards(city: Path, tmp_path: Path) -> None:
    shard = tmp_path / "vi"
    build_shard(city, shard, ("vi",), work=tmp_path / "work")
    with pytest.raises(ShardError, match="missing en, fr, zh, ko"):
        merge_shards(city, [shard], tmp_path / "site", work=tmp_path / "work")
    with pytest.raises(ShardError, match="in two shards: vi"):
        merge_shards(city, [shard, shard], tmp_path / "site", work=tmp_path / "work")
    with pytest.raises(ShardError, match="not in site.yaml"):
        build_shard(city, tmp_path / "x", ("vi", "jp"), work=tmp_path / "work")

    relic = city / "heritage/relics/chua-vinh-trang.yaml"
    text = relic.read_text("utf-8")
    relic.write_text(text + "\n", "utf-8")
    try:
        with pytest.raises(ShardError, match="other content"):
            merge_shards(city, [shard], tmp_path / "site", work=tmp_path / "work")
    finally:
        relic.write_text(text, "utf-8")
    assert not (tmp_path / "site").exists()  # nothing half-written


def test_portal_merge_reports_a_wrong_folder_without_a_traceback(
    city: Path, tmp_path: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "build_tools.cli.main", "merge", "--root", str(city),
         str(tmp_path), "--out", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "not a shard" in result.stderr and "Traceback" not in result.stderr


def test_the_documented_workflows_run_shards_of_every_language_then_one_merge() -> None:
    import re
    import shlex

    import yaml

    from build_tools.cli.main import parser

    doc = (REPO / "docs/sharded-build.md").read_text("utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", doc, re.S)
    github, gitlab = (yaml.safe_load(block) for block in blocks)
    site_languages = ["vi", "en", "fr", "zh", "ko"]

    shard = github["jobs"]["shard"]
    assert shard["strategy"]["matrix"]["languages"] == site_languages
    runs = [step.get("run", "") for step in shard["steps"]]
    assert ".venv/bin/portal build --shard ${{ matrix.languages }} --out shard" in runs
    merge = github["jobs"]["merge"]
    assert merge["needs"] == "shard"
    merge_runs = [step.get("run", "") for step in merge["steps"]]
    assert ".venv/bin/portal merge shards/* --out site" in merge_runs
    assert gitlab["shard"]["parallel"]["matrix"][0]["LANGUAGES"] == site_languages
    assert gitlab["pages"]["stage"] == "merge"

    commands = re.findall(r"(?m)(?:^|bin/)portal ((?:build|merge|check)[^\n]*)", doc)
    assert len(commands) >= 9
    for command in commands:
        words = [
            "x" if "$" in word or "{" in word else word
            # the diagram's brackets and comments are not part of the command
            for word in shlex.split(
                re.sub(r"\$\{\{[^}]*\}\}", "x", re.sub(r"[\u2500-\u257f(].*", "", command))
            )
        ]
        parser().parse_args(words)  # exits (fails the test) on a wrong command or flag
