"""Fixture ladder: an inline project → its catalog → its built site; plus the sample site."""

from __future__ import annotations

import contextlib
import datetime
import functools
import http.server
import importlib.machinery
import importlib.util
import os
import shutil
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent

SITE_YAML = """\
site_name: {vi: Di sản thử, en: Test Heritage}
city: {vi: Thành phố thử, en: Test City}
base_url: https://example.test/
languages:
  - {code: vi, name: Tiếng Việt}
  - {code: en, name: English}
"""

RELIC = """\
id: {id}
name: {{vi: "Chùa {n}", en: "Pagoda {n}"}}
category: pagoda
address: "{n} Nguyễn Trung Trực"
ward: Mỹ Phong
coordinates: {{lat: 10.36, lon: 106.38}}
summary: {{vi: "Tóm tắt {n}.", en: "Summary {n}."}}
description: {{vi: "Mô tả {n}.", en: "Description {n}."}}
"""


class Project:
    """A throwaway project folder, written with dedented inline YAML so tests read like specs."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True)
        # A city root needs nothing of the tool's: its settings are enough.
        self.write("site_config/site.yaml", SITE_YAML)

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def relic(self, relic_id: str, n: int = 1, extra: str = "") -> Path:
        return self.write(f"heritage/relics/{relic_id}.yaml",
                          RELIC.format(id=relic_id, n=n) + textwrap.dedent(extra))


def site_files(site: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file of a built site by its path, but those starting with `skip`."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and not path.relative_to(site).as_posix().startswith(skip)
    }


SUITE_TODAY = datetime.date(2026, 11, 21)  # "today" for every build of the suite


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "project")


@pytest.fixture(autouse=True, scope="session")
def _pinned_environment() -> Iterator[None]:
    # Deterministic "today" for upcoming/past events, and no base URL leaking from the shell;
    # session-wide, so fixtures of every scope build with it.
    saved = {key: os.environ.get(key) for key in ("SOURCE_DATE_EPOCH", "PORTAL_BASE_URL")}
    os.environ["SOURCE_DATE_EPOCH"] = "1795219200"  # 2026-11-21 00:00 UTC = SUITE_TODAY
    os.environ.pop("PORTAL_BASE_URL", None)
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample content, built once for the session."""
    from build_tools.assemble.pipeline import build_site

    base = tmp_path_factory.mktemp("sample")
    out = base / "site"
    build_site(REPO, out, work=base / "build")
    return out




@pytest.fixture(scope="module")
def base_url(sample_site: Path) -> Iterator[str]:
    """The sample site served on 127.0.0.1 for a test module."""
    with serve_directory(sample_site) as url:
        yield url

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@contextlib.contextmanager
def launch_chromium(args: list[str] | None = None) -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (a test tool's own browser download fails here)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed (apt-get install chromium)")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args or ARGS)
        try:
            yield browser
        finally:
            browser.close()


def load_gen_corpus() -> ModuleType:
    """scripts/gen-corpus as a module (its file name has no .py; scripts/corpus_bench.py
    loads it the same way, outside the tests)."""
    path = REPO / "scripts" / "gen-corpus"
    loader = importlib.machinery.SourceFileLoader("gen_corpus", str(path))
    spec = importlib.util.spec_from_loader("gen_corpus", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_corpus"] = module  # its dataclasses look their module up by name
    loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium for a test module's browser tests."""
    with launch_chromium() as running:
        yield running


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_directory(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port) for browser tests; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
