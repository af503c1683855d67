"""A second city in a language Material lacks (Khmer): a first-class language from
configuration alone — its own `lang`, content fallback chain, dates, search, offline bundle,
remembered choice and QR language picking."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from build_tools.assemble.pipeline import build_site
from build_tools.load.project import load_catalog
from tests.conftest import Project, serve_directory
from tests.html_query import parse

KHMER_SITE = """\
site_name: {vi: Di sản Hòa Thành, en: Hoa Thanh Heritage, km: បេតិកភណ្ឌហ័រថាញ់}
city: {vi: Thị xã Hòa Thành, en: Hoa Thanh}
base_url: https://example.test/
province: Tây Ninh
languages:
  - {code: vi, name: Tiếng Việt}
  - {code: en, name: English}
  - {code: km, name: ភាសាខ្មែរ, fallback: [en, vi]}
"""


@pytest.fixture(scope="module")
def khmer_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Project, Path]]:
    base = tmp_path_factory.mktemp("khmer")
    project = Project(base / "city")
    project.write("site_config/site.yaml", KHMER_SITE)
    project.write("heritage/relics/toa-thanh.yaml", """\
        id: toa-thanh
        name: {vi: Tòa Thánh Tây Ninh, en: Tay Ninh Holy See, km: វិហារតៃនិញ}
        category: temple
        address: Phạm Hộ Pháp
        ward: Phường Hòa Thành
        coordinates: {lat: 11.2895, lon: 106.1325}
        summary: {vi: Trung tâm đạo Cao Đài., km: មជ្ឈមណ្ឌលសាសនាកាវដាយ។}
        description: {vi: Mô tả., en: The centre of Caodaism.}
    """)
    project.write("heritage/relics/chua-go-ken.yaml", """\
        id: chua-go-ken
        name: {vi: Chùa Gò Kén}
        category: pagoda
        address: Khu phố Long Chí
        former: {ward: Phường Long Thành Trung, district: thị xã Hòa Thành}
        coordinates: {lat: 11.2641, lon: 106.1384}
        summary: {vi: Ngôi chùa cổ., en: An old pagoda.}
        description: {vi: Mô tả chùa.}
    """)
    project.write("content/events/hoi-yen-dieu-tri.yaml", """\
        id: hoi-yen-dieu-tri
        name: {vi: Hội Yến Diêu Trì Cung, en: Dieu Tri Cung Festival}
        start: 2026-12-27 18:00
        end: 2026-12-28 22:00
        venue: {relic: toa-thanh}
        summary: {vi: Lễ hội lớn.}
        description: {vi: Mô tả.}
    """)
    out = base / "site"
    build_site(project.root, out, work=base / "work")
    yield project, out


def page(site: Path, rel: str) -> str:
    return (site / rel).read_text("utf-8")


def test_khmer_pages_say_they_are_khmer(khmer_site: tuple[Project, Path]) -> None:
    _, site = khmer_site
    for rel in ("km/index.html", "km/relics/toa-thanh/index.html", "km/map/index.html"):
        assert parse(page(site, rel)).find("html").attrs["lang"] == "km", rel
    # Material has no Khmer strings: its interface falls back to English, the page does not.
    assert parse(page(site, "km/index.html")).find_all("input", placeholder="Search")
    assert "ភាសាខ្មែរ" in page(site, "index.html")  # the root chooser


def test_content_falls_back_along_the_configured_chain(khmer_site: tuple[Project, Path]) -> None:
    _, site = khmer_site
    relic = page(site, "km/relics/toa-thanh/index.html")
    assert "វិហារតៃនិញ" in relic  # the Khmer name
    # No Khmer description: English comes before Vietnamese in km's chain.
    assert "The centre of Caodaism." in relic and "Mô tả." not in relic
    # The note names the language the text is shown in, in Khmer (Babel's name for English).
    note = parse(relic).find("div", cls="portal-fallback")
    assert note is not None and "អង់គ្លេស" in relic
    assert "shown in English" not in relic
    pagoda = parse(page(site, "km/relics/chua-go-ken/index.html"))
    spans = {(span.attrs.get("lang"), span.text()) for span in pagoda.find_all("span")}
    assert ("vi", "Chùa Gò Kén") in spans  # only Vietnamese exists
    assert ("en", "An old pagoda.") in spans


def test_dates_search_and_offline_bundle_in_khmer(khmer_site: tuple[Project, Path]) -> None:
    project, site = khmer_site
    assert "ធ្នូ" in page(site, "km/events/hoi-yen-dieu-tri/index.html")  # December, by Babel
    index = json.loads(page(site, "km/search/search_index.json"))
    assert any("វិហារតៃនិញ" in doc["title"] + doc["text"] for doc in index["docs"])
    bundle = json.loads(page(site, "pwa/bundle-km.json"))
    entries = json.dumps(bundle)
    assert "km/relics/toa-thanh/" in entries and "/en/" not in entries
    catalog = load_catalog(project.root)
    assert catalog.site.fallbacks("km") == ("en", "vi")
    assert catalog.site.fallbacks("en") == ("vi",)


def test_unknown_fallback_language_is_refused(project: Project) -> None:
    from build_tools.load.issues import ContentError

    settings = KHMER_SITE.replace("fallback: [en, vi]", "fallback: [fr]")
    project.write("site_config/site.yaml", settings)
    with pytest.raises(ContentError) as caught:
        load_catalog(project.root)
    assert [str(issue) for issue in caught.value.issues] == [
        'site_config/site.yaml:5: languages: fallback language "fr" of km is not another '
        "language of this site — use one of vi, en"
    ]


@pytest.mark.browser
def test_khmer_reader_is_remembered_and_qr_links_pick_khmer(
    khmer_site: tuple[Project, Path],
) -> None:
    from tests.conftest import ARGS, CHROMIUM

    playwright_api = pytest.importorskip("playwright.sync_api")
    _, site = khmer_site
    code = next(p.name for p in (site / "q").iterdir() if p.name.startswith("r"))
    with serve_directory(site) as base, playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        # A phone set to Khmer opens a QR link: the record, in Khmer.
        khmer_phone = browser.new_context(locale="km-KH", service_workers="block")
        khmer_phone.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base)
                          else r.abort())
        tab = khmer_phone.new_page()
        tab.goto(base + f"q/{code}/")
        tab.wait_for_url(base + "km/relics/**")
        assert tab.locator("html").get_attribute("lang") == "km"
        # A visitor with an English phone who chose Khmer once gets Khmer at the root.
        english_phone = browser.new_context(locale="en-US", service_workers="block")
        english_phone.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base)
                            else r.abort())
        tab = english_phone.new_page()
        tab.goto(base)
        tab.wait_for_url(base + "en/")
        tab.goto(base + "km/")
        tab.goto(base)
        tab.wait_for_url(base + "km/")
        browser.close()


def test_khmer_pages_run_left_to_right(khmer_site: tuple[Project, Path]) -> None:
    # Material has no Khmer strings: the direction comes from Babel, and Khmer is written
    # left to right (a mirrored page put the full stop before the sentence).
    _, site = khmer_site
    for rel in ("km/index.html", "km/relics/toa-thanh/index.html", "km/map/index.html"):
        assert parse(page(site, rel)).find("body").attrs.get("dir", "ltr") == "ltr", rel


def test_a_right_to_left_language_material_lacks_is_laid_out_right_to_left(
    project: Project, tmp_path: Path
) -> None:
    from build_tools.assemble.mkdocs_run import material_has, write_language_partials
    from build_tools.load.project import load_site

    project.write("site_config/site.yaml", KHMER_SITE + "  - {code: ps, name: پښتو}\n")
    site, issues = load_site(project.root)
    assert site is not None, issues
    assert not material_has("ps") and not material_has("km")
    write_language_partials(tmp_path, site)
    partials = tmp_path / "partials/languages"
    assert '"direction": "rtl"' in (partials / "ps.html").read_text("utf-8")  # Pashto
    assert '"direction": "ltr"' in (partials / "km.html").read_text("utf-8")
