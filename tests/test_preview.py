"""`portal serve` rebuilds only what an edit touches, and the result equals a full build."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from build_tools.assemble.pipeline import build_site
from build_tools.assemble.preview import Preview
from build_tools.load.issues import ContentError
from tests.conftest import REPO, Project, site_files

# What a partial rebuild leaves as the last full build wrote it: the offline lists and
# worker (pages are fetched network first), and the staff editor.
NOT_REBUILT = ("pwa/", "sw.js", "admin/")


def _sample(target: Path) -> Path:
    for name in ("content", "heritage", "site_config"):
        shutil.copytree(REPO / name, target / name)
    return target


def _comparable(name: str, content: bytes) -> object:
    if name.endswith("search/search_index.json"):
        # Entries of rebuilt pages come first in a merged index: compare as a set.
        index = json.loads(content)
        index["docs"] = sorted(index["docs"], key=lambda doc: json.dumps(doc, sort_keys=True))
        return index
    return content


def assert_same_site(partial: Path, full: Path) -> None:
    have, want = site_files(partial, NOT_REBUILT), site_files(full, NOT_REBUILT)
    assert sorted(have) == sorted(want)
    different = [
        name for name in want if _comparable(name, have[name]) != _comparable(name, want[name])
    ]
    assert different == []


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Preview, Path]]:
    base = tmp_path_factory.mktemp("preview")
    root = _sample(base / "city")
    live = Preview(root, base / "site", jobs=2, work=base / "work")
    live.full()
    yield live, base
    live.close()


def _full_build(root: Path, base: Path, name: str) -> Path:
    out = base / name / "site"
    build_site(root, out, work=base / name / "work", preview=True)
    return out


def test_a_summary_edit_rewrites_few_pages_and_equals_a_full_build(
    preview: tuple[Preview, Path],
) -> None:
    live, base = preview
    file = live.root / "heritage/relics/chua-vinh-trang.yaml"
    text = file.read_text("utf-8")
    assert "summary:" in text
    file.write_text(text.replace("summary:\n  vi: ", "summary:\n  vi: Đã sửa. ", 1), "utf-8")

    done = live.update({file})

    assert not done.full and done.records == 1
    pages_per_language = sum(1 for _ in (base / "work/docs/vi").rglob("*.md"))
    assert done.pages < pages_per_language  # not the whole site in even one language
    page = (base / "site/vi/relics/chua-vinh-trang/index.html").read_text("utf-8")
    assert "Đã sửa." in page
    index = (base / "site/vi/search/search_index.json").read_text("utf-8")
    assert "Đã sửa." in index
    assert index.count('"location":"relics/chua-vinh-trang/"') == 1
    assert_same_site(base / "site", _full_build(live.root, base, "after-edit"))


def test_a_new_record_and_a_deleted_one_equal_a_full_build(
    preview: tuple[Preview, Path],
) -> None:
    live, base = preview
    relics = live.root / "heritage/relics"
    source = relics / "chua-vinh-trang.yaml"
    copy = relics / "chua-moi.yaml"
    copy.write_text(
        source.read_text("utf-8")
        .replace("id: chua-vinh-trang", "id: chua-moi")
        .replace("Vĩnh Tràng", "Mới"),
        "utf-8",
    )
    wifi = sorted((live.root / "content/wifi").glob("*.yaml"))[0]
    wifi.unlink()

    done = live.update({copy, wifi})

    assert not done.full and done.records == 2
    assert (base / "site/vi/relics/chua-moi/index.html").is_file()
    assert_same_site(base / "site", _full_build(live.root, base, "after-add"))


def test_a_broken_edit_keeps_the_site_and_scratch_files_change_nothing(
    preview: tuple[Preview, Path],
) -> None:
    live, base = preview
    page = base / "site/vi/relics/chua-vinh-trang/index.html"
    before = page.read_bytes()
    swap = live.root / "heritage/relics/.chua-vinh-trang.yaml.swp"
    swap.write_bytes(b"\0binary")
    assert live.update({swap}).records == 0
    swap.unlink()

    file = live.root / "heritage/relics/chua-vinh-trang.yaml"
    good = file.read_text("utf-8")
    file.write_text(good.replace("lat:", "lat: [", 1), "utf-8")
    with pytest.raises(ContentError):
        live.update({file})
    assert page.read_bytes() == before
    file.write_text(good, "utf-8")
    assert live.update({file}).records == 0  # back as it was: nothing to rebuild


def test_an_edit_outside_the_records_rebuilds_everything(
    preview: tuple[Preview, Path],
) -> None:
    live, _ = preview
    settings = live.root / "site_config/site.yaml"
    settings.write_text(settings.read_text("utf-8") + "\n", "utf-8")
    assert live.update({settings}).full


def test_portal_serve_shows_an_edit_without_a_full_rebuild(project: Project) -> None:
    import queue
    import socket
    import subprocess
    import sys
    import threading
    import time
    import urllib.request

    project.relic("chua-a", 1)
    project.relic("chua-b", 2)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "build_tools.cli.main", "serve", "--root", str(project.root),
         "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert server.stdout is not None
    lines: list[str] = []
    output: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [output.put(line) for line in server.stdout],  # type: ignore[union-attr]
        daemon=True,
    ).start()

    def wait_for(text: str) -> str:
        while True:
            try:
                line = output.get(timeout=300)
            except queue.Empty:
                raise AssertionError("".join(lines)) from None
            lines.append(line)
            if text in line:
                return line

    try:
        wait_for("Serving http://127.0.0.1")
        file = project.root / "heritage/relics/chua-a.yaml"
        file.write_text(file.read_text("utf-8").replace("Chùa 1", "Chùa Mới", 1), "utf-8")
        done = wait_for("built ")
        assert "rebuilt" in done and "1 changed record" in done, lines
        url = f"http://127.0.0.1:{port}/vi/relics/chua-a/"
        for _ in range(50):
            page = urllib.request.urlopen(url).read().decode("utf-8")
            if "Chùa Mới" in page:
                break
            time.sleep(0.1)
        assert "Chùa Mới" in page
    finally:
        server.terminate()
        server.wait(timeout=30)
