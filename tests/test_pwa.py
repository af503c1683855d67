"""The offline guide: manifest and icons, precache lists, and in Chromium: offline reading,
the offline page, and the update prompt after a new deploy."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from build_tools.assemble.pipeline import build_site
from build_tools.assemble.pwa import BACKGROUND, MASKABLE_SAFE_ZONE, revision
from tests.conftest import Project, serve_directory
from tests.test_browser import ARGS, CHROMIUM, new_page


@pytest.fixture(scope="module")
def pwa_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Path, Path]:
    base = tmp_path_factory.mktemp("pwa")
    project = Project(base / "project")

    # Tiles from a closed local port: the worker may try them, but nothing leaves 127.0.0.1.
    settings = project.root / "site_config" / "site.yaml"
    settings.write_text(settings.read_text("utf-8")
                        + "map:\n  tiles: http://127.0.0.1:9/{z}/{x}/{y}.png\n", encoding="utf-8")
    for n in range(8):
        project.relic(f"chua-{n}", n=n)
    project.write("content/events/le-hoi.yaml", """\
        id: le-hoi
        name: {vi: Lễ hội Hủ tiếu, en: Noodle Festival}
        start: 2026-12-27T17:00
        end: 2026-12-31T21:30
        venue: {relic: chua-0}
        summary: {vi: Lễ hội., en: Festival.}
        description: {vi: Mô tả., en: Description.}
    """)
    out = base / "site"
    build_site(project.root, out, work=base / "work")
    return project, out, base


def test_manifest_meets_install_criteria(pwa_site: tuple[Project, Path, Path]) -> None:
    _, out, _ = pwa_site
    manifest = json.loads((out / "manifest.webmanifest").read_text("utf-8"))
    for key in ("id", "name", "short_name", "start_url", "scope", "display", "theme_color",
                "background_color", "lang", "icons"):
        assert manifest.get(key), key
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == manifest["scope"] == "./"  # works under a subpath
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        with Image.open(out / icon["src"]) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
    with Image.open(out / "icons/apple-touch-icon.png") as image:
        assert image.size == (180, 180)
    page = (out / "en/index.html").read_text("utf-8")
    assert 'rel="manifest" href="./../manifest.webmanifest"' in page


def test_maskable_icon_keeps_its_artwork_in_the_safe_zone(pwa_site: tuple[Project, Path, Path]) -> None:
    _, out, _ = pwa_site
    background = tuple(int(BACKGROUND[i:i + 2], 16) for i in (1, 3, 5))
    with Image.open(out / "icons/icon-512-maskable.png") as image:
        rgb = image.convert("RGB")
        size = rgb.width
        radius = size * MASKABLE_SAFE_ZONE / 2
        outside = [(x, y) for x in range(0, size, 4) for y in range(0, size, 4)
                   if math.hypot(x - size / 2, y - size / 2) > radius]
        assert all(rgb.getpixel(p) == background for p in outside)
        assert any(rgb.getpixel((x, size // 2)) != background for x in range(size))


def _lists(out: Path) -> tuple[list[list[str]], dict[str, list[list[str]]]]:
    worker = (out / "sw.js").read_text("utf-8")
    shell = json.loads(worker.split("const SHELL = ", 1)[1].split(";\n", 1)[0])
    bundles = {path.stem.removeprefix("bundle-"): json.loads(path.read_text("utf-8"))
               for path in (out / "pwa").glob("bundle-*.json")}
    return shell, bundles


def _file(out: Path, url: str) -> Path:
    return out / (url + "index.html" if url.endswith("/") or url == "" else url)


def test_precache_lists_match_the_files(pwa_site: tuple[Project, Path, Path]) -> None:
    _, out, _ = pwa_site
    shell, bundles = _lists(out)
    for url, rev in shell + [entry for entries in bundles.values() for entry in entries]:
        path = _file(out, url)
        assert path.is_file(), f"stale entry {url}"
        assert revision(path.read_bytes()) == rev, f"wrong revision for {url}"
    for lang, entries in bundles.items():
        listed = {str(_file(out, url).relative_to(out)) for url, _ in entries}
        pages = {str(p.relative_to(out)) for p in (out / lang).rglob("*.html")} - {f"{lang}/404.html"}
        assert pages <= listed, f"{lang}: missing {sorted(pages - listed)[:5]}"
        assert f"{lang}/search/search_index.json" in listed
        # The overview and mini maps work offline: their pages, data, scripts and styles.
        assert {f"{lang}/maps/overview.html", f"{lang}/maps/places.json",
                f"{lang}/maps/mini.html", f"{lang}/assets/javascripts/portal-map.js",
                f"{lang}/assets/javascripts/portal-minimap.js",
                f"{lang}/assets/stylesheets/portal-map.css",
                "vendor/leaflet-1.9.4/leaflet.js", "vendor/leaflet-1.9.4/leaflet.css",
                "vendor/leaflet.markercluster-1.5.3/leaflet.markercluster.js",
                "vendor/leaflet.markercluster-1.5.3/MarkerCluster.css"} <= listed, lang
        size = sum(_file(out, url).stat().st_size for url, _ in entries)
        assert size < 3_000_000, f"{lang} bundle is {size} bytes"
    assert {f"offline/{lang}.html" for lang in ("vi", "en")} <= {url for url, _ in shell}


def test_unchanged_rebuild_keeps_every_revision(pwa_site: tuple[Project, Path, Path]) -> None:
    project, out, base = pwa_site
    again = base / "again"
    build_site(project.root, again, work=base / "work")
    assert (again / "sw.js").read_bytes() == (out / "sw.js").read_bytes()


@pytest.fixture(scope="module")
def served(pwa_site: tuple[Project, Path, Path]) -> Iterator[str]:
    with serve_directory(pwa_site[1]) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def wait_for_bundle(page, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Wait until the worker controls the page and has cached the language's bundle."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20000)
    ready = page.evaluate("""async (lang) => {
        for (let i = 0; i < 200; i++) {
            const meta = await (await caches.open("portal-meta")).match(
                new URL("__portal_meta__", location.origin + "/").href);
            if (meta && (await meta.json()).bundles.includes(lang)) return true;
            await new Promise((resolve) => setTimeout(resolve, 200));
        }
        return false;
    }""", lang)
    assert ready, f"the {lang} bundle was not cached within 40 s"


def test_offline_after_one_visit(browser, served: str) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, locale="en-US", service_workers="allow")
    page.goto(served + "en/relics/chua-0/")
    wait_for_bundle(page, "en")
    page.context.set_offline(True)
    for n in range(1, 6):
        page.goto(f"{served}en/relics/chua-{n}/")
        assert page.locator("h1").first.inner_text() == f"Pagoda {n}"
    page.goto(served + "en/relics/")
    assert page.locator(".grid.cards li").count() == 8
    page.goto(served + "en/events/")
    assert "Noodle Festival" in page.locator("article").inner_text()
    page.goto(served + "en/map/")
    assert page.locator("svg.portal-overview circle").count() >= 8
    # The interactive map draws from its cached page, script and places.json.
    frame = page.frame_locator(".portal-map-frame iframe")
    frame.locator(".leaflet-control-layers").wait_for(timeout=15000)
    assert frame.locator(".portal-pin, .portal-cluster").count() >= 1
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill("Pagoda 3")
    page.locator("input.md-search__input").press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert "Pagoda 3" in page.locator(".md-search-result__list").inner_text()
    page.goto(served + "vi/relics/chua-2/")  # never visited in Vietnamese
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text() == "Bạn đang không có mạng"
    page.context.close()


def test_new_deploy_shows_the_update_prompt(browser, served: str, pwa_site: tuple[Project, Path, Path]) -> None:  # type: ignore[no-untyped-def]
    project, out, base = pwa_site
    page = new_page(browser, locale="en-US", service_workers="allow")
    page.goto(served + "en/relics/chua-1/")
    wait_for_bundle(page, "en")
    path = project.root / "heritage/relics/chua-1.yaml"
    path.write_text(path.read_text("utf-8").replace("Description 1.", "Restored in 2026."),
                    encoding="utf-8")
    build_site(project.root, out, work=base / "work")
    time.sleep(1.1)  # a new modification time for the server's Last-Modified
    page.goto(served + "en/relics/chua-0/")
    prompt = page.locator("#portal-update")
    prompt.wait_for(timeout=30000)
    with page.expect_navigation():
        prompt.locator("button").click()
    page.goto(served + "en/relics/chua-1/")
    assert "Restored in 2026." in page.locator("article").inner_text()
    assert page.locator("#portal-update").count() == 0
    page.context.close()


def test_save_for_offline_reports_progress_and_storage(browser, served: str) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, locale="en-US", service_workers="allow")
    page.goto(served + "en/relics/chua-3/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20000)
    page.locator("[data-save-offline]").click()
    status = page.locator("[data-save-status]")
    page.wait_for_function(
        "() => document.querySelector('[data-save-status]').textContent.startsWith('Saved')",
        timeout=30000)
    assert "Storage used" in status.inner_text() and "MB" in status.inner_text()
    page.context.set_offline(True)
    page.goto(served + "en/relics/chua-7/")
    assert page.locator("h1").first.inner_text() == "Pagoda 7"
    page.context.close()
