"""In headless Chromium (Debian's), against the sample site served on 127.0.0.1 only."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import SUITE_TODAY, serve_directory

pytestmark = pytest.mark.browser



TILE_HOST = "tile.openstreetmap.org"
BLANK_TILE = bytes.fromhex(  # a 1×1 PNG, answered in the browser: no request leaves it
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005fe02fe2ba02b7c0000000049454e44ae426082"
)


def new_page(browser, locale: str = "vi-VN", javascript: bool = True, **options):  # type: ignore[no-untyped-def]
    # The offline worker is tested in test_pwa.py; here it stays out of the way, so every
    # request is seen (and refused if it leaves 127.0.0.1) by the route below.
    options.setdefault("service_workers", "block")
    context = browser.new_context(locale=locale, java_script_enabled=javascript, **options)
    page = context.new_page()
    page.foreign_requests = []  # anything not on 127.0.0.1 is refused and recorded
    page.tile_requests = []  # map tiles: the one host the site may use, answered locally
    page.console_errors = []

    def guard(route):  # type: ignore[no-untyped-def]
        host = urlparse(route.request.url).hostname
        if host == "127.0.0.1":
            route.continue_()
        elif host == TILE_HOST:
            page.tile_requests.append(route.request)
            route.fulfill(status=200, content_type="image/png", body=BLANK_TILE,
                          headers={"Access-Control-Allow-Origin": "*"})
        else:
            page.foreign_requests.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    return page


def test_switcher_keeps_the_page(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser)
    page.goto(base_url + "vi/relics/chua-vinh-trang/")
    assert page.locator("h1").first.inner_text() == "Chùa Vĩnh Tràng"
    page.locator(".md-header__option .md-select button").hover()
    page.locator('a.md-select__link[hreflang="en"]').click()
    page.wait_for_url(base_url + "en/relics/chua-vinh-trang/")
    assert page.locator("h1").first.inner_text() == "Vinh Trang Pagoda"
    assert page.foreign_requests == [] and page.console_errors == []


@pytest.mark.parametrize("locale, lang", [
    ("en-US", "en"), ("vi-VN", "vi"), ("fr-FR", "fr"), ("zh-CN", "zh"), ("ko-KR", "ko"),
    ("de-DE", "vi"),  # not offered: the default language
])
def test_root_picks_the_browser_language(browser, base_url: str, locale: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, locale=locale)
    page.goto(base_url)
    page.wait_for_url(f"{base_url}{lang}/")
    assert page.locator("html").get_attribute("lang") == lang


def test_root_remembers_the_last_language(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, locale="vi-VN")
    page.goto(base_url + "en/events/")
    page.goto(base_url)
    page.wait_for_url(base_url + "en/")


def test_root_without_javascript_shows_the_chooser(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, javascript=False)
    page.goto(base_url)
    assert page.url == base_url
    links = page.locator("main a")
    assert [links.nth(i).inner_text() for i in range(links.count())] == [
        "Tiếng Việt", "English", "Français", "中文（简体）", "한국어"]
    links.nth(1).click()
    page.wait_for_url(base_url + "en/")


def search(page, base_url: str, lang: str, query: str) -> str:  # type: ignore[no-untyped-def]
    """Type `query` into the search box of `lang`'s home page; return the results' text."""
    page.goto(f"{base_url}{lang}/")
    box = page.locator("input.md-search__input")
    # The index loads on first use of the search box (portal-search-on-demand.js).
    with page.expect_response(lambda r: r.url.endswith("/search/search_index.json")):
        box.click()
    box.fill(query)  # as an input method commits it (typing Hangul key by key is not how phones do it)
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    # Chinese words are joined by zero-width spaces in the index; a reader does not see them.
    return str(page.locator(".md-search-result__list").inner_text()).replace("\u200b", "")


@pytest.mark.parametrize("lang, query, title", [
    ("vi", "Vĩnh Tràng", "Chùa Vĩnh Tràng"),
    ("vi", "vinh trang", "Chùa Vĩnh Tràng"),  # typed without diacritics
    ("vi", "my phong", "Chùa Vĩnh Tràng"),  # its ward (before 2025), on no page but its own
    ("vi", "hu tieu", "Lễ hội Hủ tiếu Mỹ Tho"),
    ("en", "Vinh Trang", "Vinh Trang Pagoda"),
    ("en", "hu tieu", "Mỹ Tho Noodle Festival"),
    ("en", "My Phong", "Vinh Trang Pagoda"),
    ("fr", "vinh trang", "Pagode Vĩnh Tràng"),
    ("zh", "永长寺", "永长寺"),
    ("ko", "빈짱", "빈짱 사원"),
])
def test_search_finds_places_by_name(browser, base_url: str, lang: str, query: str, title: str) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser)
    assert title in search(page, base_url, lang, query)
    assert page.foreign_requests == [], page.foreign_requests


def _code(kind: str, record_id: str) -> str:
    from build_tools.load.project import load_catalog
    from build_tools.model.codes import short_links
    from tests.conftest import REPO

    return next(link.code for link in short_links(load_catalog(REPO))
                if link.kind == kind and link.record.id == record_id)


@pytest.mark.parametrize("locale, lang", [("en-US", "en"), ("vi-VN", "vi"), ("ko-KR", "ko")])
def test_qr_link_opens_the_record_in_the_visitor_language(browser, base_url: str, locale: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, locale=locale)
    page.goto(f"{base_url}q/{_code('relic', 'chua-vinh-trang')}/")
    page.wait_for_url(f"{base_url}{lang}/relics/chua-vinh-trang/")
    assert page.foreign_requests == [] and page.console_errors == []


def test_wifi_qr_link_opens_the_relic_it_serves(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, locale="fr-FR")
    page.goto(f"{base_url}q/{_code('wifi', 'wifi-chua-vinh-trang')}/")
    page.wait_for_url(f"{base_url}fr/relics/chua-vinh-trang/")


def test_qr_link_without_javascript_shows_the_chooser(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, javascript=False)
    url = f"{base_url}q/{_code('relic', 'chua-vinh-trang')}/"
    page.goto(url)
    assert page.url == url
    assert "Chùa Vĩnh Tràng" in page.locator("h1").inner_text()
    page.locator('main a[hreflang="en"]').click()
    page.wait_for_url(f"{base_url}en/relics/chua-vinh-trang/")


def test_map_page_popup_links_to_the_record(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, locale="en-US")
    page.goto(base_url + "en/map/")
    frame = page.frame_locator(".portal-map-frame iframe")
    frame.locator(".leaflet-control-layers").wait_for()
    inner = next(f for f in page.frames if f.url.endswith("/maps/overview.html"))
    inner.evaluate("""() => new Promise(done => {
        const marker = portalMap.markers.find(m => m.options.title === "Vinh Trang Pagoda");
        portalMap.clusters.relics.zoomToShowLayer(marker, () => { marker.openPopup(); done(); });
    })""")
    popup = frame.locator(".leaflet-popup-content")
    assert popup.locator("strong").inner_text() == "Vinh Trang Pagoda"
    assert "Relic sites" in popup.inner_text()
    popup.locator("a").click()
    page.wait_for_url(base_url + "en/relics/chua-vinh-trang/")
    assert page.foreign_requests == [] and page.console_errors == []
    assert page.tile_requests, "the map asked for no tiles"
    tile = page.tile_requests[0]
    assert tile.headers.get("referer") in (None, base_url)  # origin only, never the page path


def test_map_shows_every_layer_with_legend_and_controls(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    from build_tools.assets.places import places
    from build_tools.load.project import load_catalog
    from tests.conftest import REPO

    items = places(load_catalog(REPO), SUITE_TODAY)  # events that are over are not mapped
    page = new_page(browser, locale="en-US")
    page.goto(base_url + "en/map/")
    frame = page.frame_locator(".portal-map-frame iframe")
    frame.locator(".leaflet-control-layers").wait_for()
    inner = next(f for f in page.frames if f.url.endswith("/maps/overview.html"))
    counts = inner.evaluate("""() => Object.fromEntries(Object.entries(portalMap.clusters)
        .map(([id, cluster]) => [id, cluster.getLayers().length]))""")
    expected: dict[str, int] = {}
    for place in items:
        expected[place.layer] = expected.get(place.layer, 0) + 1
    assert counts == expected
    overlays = frame.locator(".leaflet-control-layers-overlays label")
    assert overlays.count() == len(expected)
    assert frame.locator(".leaflet-control-layers-expanded").count() == 1  # never collapsed
    assert "Relic sites" in frame.locator(".portal-legend").inner_text()
    locate = frame.locator("button.portal-locate")
    assert locate.get_attribute("aria-label") == "Show my position"
    assert frame.locator(".leaflet-control-scale").count() == 1
    # Every place fits in the first view, none starts under the layer list or the legend.
    assert inner.evaluate("""() => portalMap.markers.every(m =>
        portalMap.map.getBounds().contains(m.getLatLng()))""")
    # Switching a layer off hides its markers.
    overlays.filter(has_text="Wifi points").locator("input").uncheck()
    assert not inner.evaluate("portalMap.map.hasLayer(portalMap.clusters.wifi)")
    assert page.foreign_requests == [] and page.console_errors == []


def test_map_markers_are_reachable_with_the_keyboard(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, locale="en-US")
    page.goto(base_url + "en/map/")
    frame = page.frame_locator(".portal-map-frame iframe")
    frame.locator(".leaflet-control-layers").wait_for()
    inner = next(f for f in page.frames if f.url.endswith("/maps/overview.html"))
    inner.evaluate("""() => portalMap.map.setView(portalMap.markers.find(m =>
        m.options.title === "Vinh Trang Pagoda").getLatLng(), 18, {animate: false})""")
    pin = frame.locator('.portal-pin[title="Vinh Trang Pagoda"]')
    pin.wait_for()
    assert pin.get_attribute("tabindex") == "0" and pin.get_attribute("role") == "button"
    pin.focus()
    page.keyboard.press("Enter")
    popup = frame.locator(".leaflet-popup-content")
    assert popup.locator("strong").inner_text() == "Vinh Trang Pagoda"
    assert popup.locator("a").get_attribute("target") == "_parent"


def test_record_page_mini_map_shows_its_point(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, locale="en-US")
    page.goto(base_url + "en/relics/chua-vinh-trang/")
    frame = page.frame_locator(".portal-mini-map iframe")
    frame.locator("path.leaflet-interactive").wait_for()  # the record's circle marker
    inner = next(f for f in page.frames if "/maps/mini.html#" in f.url)
    center = inner.evaluate("""() => {
        const [lat, lon] = location.hash.slice(1).split(",").map(Number);
        return [lat, lon];
    }""")
    assert center == pytest.approx([10.3622, 106.3877], abs=1e-4)
    assert "OpenStreetMap" in frame.locator(".leaflet-control-attribution").inner_text()
    page.wait_for_timeout(300)
    assert page.tile_requests, "the mini map asked for no tiles"
    assert page.foreign_requests == [] and page.console_errors == []


def test_empty_catalogue_map_shows_the_country(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from build_tools.assemble.pipeline import build_site
    from tests.conftest import Project

    project = Project(tmp_path / "project")
    build_site(project.root, tmp_path / "site", work=tmp_path / "work")
    page = new_page(browser, locale="en-US")
    with serve_directory(tmp_path / "site") as url:
        page.goto(url + "en/maps/overview.html")
        page.locator(".leaflet-control-zoom").wait_for()  # drawn with portalMap, in one go
        zoom, lat, lon = page.evaluate("""() => { const c = portalMap.map.getCenter();
            return [portalMap.map.getZoom(), c.lat, c.lng]; }""")
    assert zoom <= 6 and 8 < lat < 24 and 102 < lon < 110  # all of Viet Nam, no city
    assert page.locator(".portal-pin, .portal-cluster, .leaflet-control-layers").count() == 0
    assert page.foreign_requests == [] and page.console_errors == []


def test_without_tiles_the_overview_and_near_me_still_help(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    from build_tools.assets.places import places
    from build_tools.load.project import load_catalog
    from tests.conftest import REPO

    items = places(load_catalog(REPO), SUITE_TODAY)  # events that are over are not mapped
    # Standing at the gate of Vĩnh Tràng pagoda, with every other host unreachable.
    page = new_page(browser, locale="en-US", geolocation={"latitude": 10.3622,
                    "longitude": 106.3877}, permissions=["geolocation"])
    page.route(f"https://{TILE_HOST}/**", lambda route: route.abort())
    page.goto(base_url + "en/map/")
    assert page.locator("svg.portal-overview circle").count() == len(items)
    names = page.locator("#portal-near-me li")
    assert names.count() == len(items)
    page.locator("[data-near-me]").click()
    page.locator("#portal-near-me li .portal-distance").first.wait_for()
    page.wait_for_function("() => document.querySelector('#portal-near-me li .portal-distance').textContent !== ''")
    first = names.first.inner_text()
    assert first.startswith("Vinh Trang Pagoda") and "0 km" in first
    assert page.foreign_requests == []
