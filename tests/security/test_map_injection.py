"""Content on the maps stays data: template syntax, script tags and links never run or render."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from build_tools.assemble.minify import minify_page
from build_tools.assemble.pipeline import build_site
from build_tools.assets.maps import overview_html
from tests.conftest import Project, launch_chromium, serve_directory
from tests.html_query import parse
from tests.test_browser import new_page

RELIC_NAME = "{{ 7*7 }}"
SHOP_NAME = "{% raw %}"
WIFI_NAME = "</script><script>alert(1)</script>"
PRODUCT_NAME = "Kẹo <img src=x onerror=alert(2)>"
ATTRIBUTION = '<a href="https://t.example/" onclick="alert(3)">T</a><script>alert(4)</script>'


def event_name(marker: Path) -> str:
    # Server-side template injection: were the map still rendered by Jinja, this would
    # create the marker file during the build.
    return f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}"


def without_policy(page: str) -> str:
    """The page without the two policy tags the build adds (as the minifier writes them)."""
    return re.sub(
        r'<meta content="[^"]*" http-equiv=Content-Security-Policy>'
        r"<meta content=strict-origin-when-cross-origin name=referrer>",
        "",
        page,
        count=1,
    )


def yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("hostile")
    marker = base / "pwned"
    project = Project(base / "project")
    settings = project.root / "site_config" / "site.yaml"
    settings.write_text(
        settings.read_text("utf-8") + f"map:\n  attribution: {yaml_string(ATTRIBUTION)}\n",
        encoding="utf-8",
    )
    path = project.relic("chua-a")
    path.write_text(
        path.read_text("utf-8").replace(
            'name: {vi: "Chùa 1", en: "Pagoda 1"}', f"name: {{vi: {yaml_string(RELIC_NAME)}}}"
        ),
        encoding="utf-8",
    )
    project.write(
        "content/products/keo-dua.yaml",
        f"""\
        id: keo-dua
        name: {{vi: {yaml_string(PRODUCT_NAME)}}}
        stars: 3
        category: food
        producer: {{name: Cơ sở A, commune: Tân Thạch}}
        summary: {{vi: Kẹo.}}
        description: {{vi: Kẹo dừa.}}
        where_to_buy:
          - name: {yaml_string(SHOP_NAME)}
            coordinates: {{lat: 10.35, lon: 106.37}}
        """,
    )
    project.write(
        "content/wifi/wifi-a.yaml",
        f"""\
        id: wifi-a
        name: {{vi: {yaml_string(WIFI_NAME)}}}
        coordinates: {{lat: 10.37, lon: 106.39}}
        serves: {{relic: chua-a}}
        ssid: Free
        security: open
        """,
    )
    project.write(
        "content/events/le-hoi.yaml",
        f"""\
        id: le-hoi
        name: {{vi: {yaml_string(event_name(marker))}}}
        start: 2026-12-27T17:00
        end: 2026-12-31T21:30
        venue: {{name: {{vi: Công viên}}, coordinates: {{lat: 10.365, lon: 106.375}}}}
        summary: {{vi: Lễ hội.}}
        description: {{vi: Mô tả.}}
        """,
    )
    out = base / "site"
    build_site(project.root, out, work=base / "work")
    return out, marker


def test_hostile_names_build_and_stay_data(hostile_site: tuple[Path, Path]) -> None:
    out, marker = hostile_site
    assert not marker.exists(), "a name ran a shell command during the build"
    names = [RELIC_NAME, SHOP_NAME, WIFI_NAME, event_name(marker)]
    for lang in ("vi", "en"):
        data = json.loads((out / lang / "maps" / "places.json").read_text("utf-8"))
        found = {point["layer"]: point for point in data["points"]}
        assert found["relics"]["name"] == RELIC_NAME
        assert found["sales"]["name"] == SHOP_NAME
        assert found["sales"]["detail"] == PRODUCT_NAME
        assert found["wifi"]["name"] == WIFI_NAME
        assert found["events"]["name"] == event_name(marker)
        # Links only, and no handler, in the one text Leaflet writes as HTML.
        assert data["tiles"]["attribution"] == '<a href="https://t.example/">T</a>'
        overview = (out / lang / "maps" / "overview.html").read_text("utf-8")
        mini = (out / lang / "maps" / "mini.html").read_text("utf-8")
        # Apart from the policy the build adds to every page, the page is the fixed one.
        assert without_policy(overview) == minify_page(overview_html(lang))
        for page in (overview, mini):
            for name in [*names, PRODUCT_NAME, "alert("]:
                assert name not in page, (lang, name)
        assert mini.count("</script>") == 3  # the JSON block and the two scripts, no more
    for page in out.rglob("*.html"):
        text = page.read_text("utf-8")
        values = [value for e in parse(text).iter() for value in e.attrs.values()]
        for payload in ("<script>alert(", "<img src=x"):
            # Written out unescaped only inside quoted attribute values (minified pages
            # leave `<` there as is), where it is text.
            assert text.count(payload) == sum(value.count(payload) for value in values), page


@pytest.fixture(scope="module")
def hostile_url(hostile_site: tuple[Path, Path]) -> Iterator[str]:
    with serve_directory(hostile_site[0]) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with launch_chromium() as browser:
        yield browser


OPEN_POPUP = """(title) => new Promise(done => {
    const marker = portalMap.markers.find(m => m.options.title === title);
    const cluster = Object.values(portalMap.clusters).find(c => c.hasLayer(marker));
    cluster.zoomToShowLayer(marker, () => {
        marker.openPopup();
        const box = marker.getPopup().getElement();
        done({name: box.querySelector("strong").textContent, text: box.textContent});
    });
})"""


@pytest.mark.browser
def test_hostile_names_show_as_text_in_the_map(browser, hostile_url: str) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, locale="vi-VN")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_url + "vi/map/")
    frame = page.frame_locator(".portal-map-frame iframe")
    frame.locator(".leaflet-control-layers").wait_for()
    inner = next(f for f in page.frames if f.url.endswith("/maps/overview.html"))
    popup = frame.locator(".leaflet-popup-content")

    relic = inner.evaluate(OPEN_POPUP, RELIC_NAME)
    assert relic["name"] == RELIC_NAME  # not 49
    assert popup.last.locator("strong").inner_text() == RELIC_NAME  # as the visitor sees it
    pin = frame.locator(".portal-pin")
    assert RELIC_NAME in [pin.nth(i).get_attribute("title") for i in range(pin.count())]
    assert inner.evaluate(OPEN_POPUP, WIFI_NAME)["name"] == WIFI_NAME
    shop = inner.evaluate(OPEN_POPUP, SHOP_NAME)
    assert shop["name"] == SHOP_NAME and PRODUCT_NAME in shop["text"]
    assert frame.locator("img[src='x'], .leaflet-popup-content img").count() == 0
    assert inner.evaluate("document.querySelectorAll('script').length") == 3
    attribution = frame.locator(".leaflet-control-attribution a[href='https://t.example/']")
    assert attribution.get_attribute("onclick") is None
    page.wait_for_timeout(300)  # a dialog opened by a late handler would arrive by now
    assert dialogs == []
    assert page.foreign_requests == [] and page.console_errors == []


@pytest.mark.parametrize("lang", ['en" onload="alert(1)', "en><script>", "EN", ""])
def test_overview_page_refuses_anything_but_a_language_code(lang: str) -> None:
    with pytest.raises(ValueError):
        overview_html(lang)
