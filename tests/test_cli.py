"""The `portal` command as staff use it: exit codes, messages, new, schema."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.cli.main import main
from build_tools.load.issues import ContentError
from build_tools.load.project import load_catalog
from build_tools.model.fields import slug_of
from build_tools.model.schema import SCHEMA_DIR, render, schemas
from tests.conftest import REPO, Project


def portal(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build_tools.cli.main", *args],
                          capture_output=True, text=True, cwd=cwd, check=False)


def test_check_passes_on_the_sample() -> None:
    result = portal("check", "--root", str(REPO))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")


def test_planted_mistakes_in_a_copy_of_the_sample(tmp_path: Path) -> None:
    root = tmp_path / "copy"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".git", "site", "build", ".*"))
    relics = root / "heritage" / "relics"
    (relics / "cho-my-tho.yaml").write_text(
        (relics / "cho-my-tho.yaml").read_text("utf-8").replace("category: market", 'category: "market'),
        encoding="utf-8")
    shutil.copy(relics / "chua-vinh-trang.yaml", relics / "chua-vinh-trang-2.yaml")
    buu_lam = relics / "chua-buu-lam.yaml"
    buu_lam.write_text(buu_lam.read_text("utf-8").replace("ward:", "wrad:"), encoding="utf-8")
    dieu_hoa = relics / "dinh-dieu-hoa.yaml"
    text = dieu_hoa.read_text("utf-8")
    lat_line = next(line for line in text.splitlines() if line.strip().startswith("lat:"))
    dieu_hoa.write_text(text.replace(lat_line, "  lat: 95"), encoding="utf-8")

    result = portal("check", "--root", str(root))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("heritage/")]
    files = [line.split(":", 1)[0] for line in lines]
    assert sorted(files) == [
        "heritage/relics/cho-my-tho.yaml",
        "heritage/relics/chua-buu-lam.yaml",
        "heritage/relics/chua-vinh-trang-2.yaml",
        "heritage/relics/dinh-dieu-hoa.yaml",
    ], result.stderr
    by_file = dict(line.split(":", 1) for line in lines)
    assert "YAML syntax error" in by_file["heritage/relics/cho-my-tho.yaml"]
    assert 'unknown field "wrad" — did you mean `ward`?' in by_file["heritage/relics/chua-buu-lam.yaml"]
    assert "latitude 95.0 is outside Vietnam" in by_file["heritage/relics/dinh-dieu-hoa.yaml"]
    # The copy is blamed, not the original whose code may be printed on boards.
    assert "already used by heritage/relics/chua-vinh-trang.yaml" in by_file[
        "heritage/relics/chua-vinh-trang-2.yaml"]
    # Each message points at the line of the mistake.
    for line in lines:
        path, number = line.split(":")[:2]
        assert int(number) >= 1
    lat_number = next(int(l.split(":")[1]) for l in lines if "dinh-dieu-hoa" in l)
    assert dieu_hoa.read_text("utf-8").splitlines()[lat_number - 1].strip() == "lat: 95"
    # A failing build publishes nothing.
    build = portal("build", "--root", str(root))
    assert build.returncode == 1 and not (root / "site").exists()


def test_new_writes_a_skeleton_that_passes_only_once_filled_in(project: Project) -> None:
    project.relic("chua-a")
    for kind in ("relic", "product", "event", "wifi"):
        assert main(["new", kind, "Chùa Vĩnh Tràng Đỏ", "--root", str(project.root)]) == 0
    assert (project.root / "heritage/relics/chua-vinh-trang-do.yaml").is_file()
    # Placeholders and empty coordinates never pass as real values.
    with pytest.raises(ContentError) as caught:
        load_catalog(project.root)
    messages = [str(issue) for issue in caught.value.issues]
    assert all("chua-vinh-trang-do.yaml" in m for m in messages), messages
    assert any("placeholder written by `portal new`" in m for m in messages)
    assert any("coordinates.lat: no value is written — write a number" in m for m in messages)
    assert any("start: no value is written" in m for m in messages)
    # Filled in as an editor would, every skeleton checks.
    for path in project.root.glob("*/*/chua-vinh-trang-do.yaml"):
        text = path.read_text("utf-8").replace("Cần bổ sung", "Đã điền")
        text = text.replace("lat:\n", "lat: 10.36\n").replace("lon:\n", "lon: 106.37\n")
        text = text.replace("start:  #", "start: 2027-01-01 08:00  #")
        text = text.replace("end:\n", "end: 2027-01-01 17:00\n")
        path.write_text(text, "utf-8")
    catalog = load_catalog(project.root)
    assert "chua-vinh-trang-do" in {relic.id for relic in catalog.relics}
    assert {p.id for p in catalog.products} == {"chua-vinh-trang-do"}
    before = (project.root / "heritage/relics/chua-vinh-trang-do.yaml").read_bytes()
    assert main(["new", "relic", "Chùa Vĩnh Tràng Đỏ", "--root", str(project.root)]) == 1
    assert (project.root / "heritage/relics/chua-vinh-trang-do.yaml").read_bytes() == before


@pytest.mark.parametrize("name, slug", [
    ("Chùa Vĩnh Tràng", "chua-vinh-trang"),
    ("Đình Điều Hòa", "dinh-dieu-hoa"),
    ("Lễ hội Hủ tiếu Mỹ Tho 2024", "le-hoi-hu-tieu-my-tho-2024"),
    ("  Khu di tích Rạch Gầm – Xoài Mút ", "khu-di-tich-rach-gam-xoai-mut"),
])
def test_ids_fold_vietnamese_names(name: str, slug: str) -> None:
    assert slug_of(name) == slug


def test_committed_schemas_match_the_models() -> None:
    for name, schema in schemas().items():
        committed = (REPO / SCHEMA_DIR / name).read_text(encoding="utf-8")
        assert committed == render(schema), f"{name} is stale: run `portal schema`"
    relic = json.loads((REPO / SCHEMA_DIR / "relic.schema.json").read_text("utf-8"))
    assert relic["additionalProperties"] is False
    assert "category" in relic["required"]


def test_sample_files_point_vs_code_at_their_schema() -> None:
    from build_tools.model.kinds import KINDS

    for kind in KINDS:
        for file in (REPO / kind.folder).glob("*.yaml"):
            first = file.read_text("utf-8").splitlines()[0]
            assert first == (f"# yaml-language-server: $schema=../../{SCHEMA_DIR}/"
                             f"{kind.schema_file}"), file


def test_internal_errors_are_not_blamed_on_editors(project: Project, tmp_path: Path) -> None:
    project.relic("chua-a")
    # Parses (so check passes), then fails while MkDocs draws the pages.
    project.write(
        "site_config/overrides/main.html",
        '{% extends "base.html" %}{% block content %}{{ page | no_such_filter }}{% endblock %}',
    )
    result = portal("build", "--root", str(project.root), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "The previous site was left as it was." in result.stderr
    assert "Traceback" not in result.stderr


def test_signage_warns_when_the_boards_lead_to_an_example_address(
    project: Project, tmp_path: Path
) -> None:
    """Boards are printed once and stay for years: a QR code for the example address of a
    fresh city (or a test one) would lead nowhere."""
    project.relic("chua-a")
    result = portal("signage", "--root", str(project.root), "--out", str(tmp_path / "a"))
    assert result.returncode == 0, result.stderr
    assert "warning: the boards' QR codes lead to https://example.test/, an example" in (
        result.stderr
    )
    settings = project.root / "site_config/site.yaml"
    settings.write_text(
        settings.read_text("utf-8").replace("https://example.test/", "https://dulich.example.vn/"),
        "utf-8",
    )
    result = portal("signage", "--root", str(project.root), "--out", str(tmp_path / "b"))
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
