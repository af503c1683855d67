"""Lists and the map page weigh the same at any catalogue size: static pages of at most
PAGE_SIZE cards that reach every record without JavaScript, a compact JSON per list that the
phone filters (category, ward, designation, nearest first), and a bounded map page."""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from build_tools.assemble.pipeline import build_site
from build_tools.load.project import load_catalog
from build_tools.model.catalog import Catalog
from build_tools.render.list_kinds import relic_ward
from build_tools.render.lists import PAGE_SIZE, Section, excerpt, pager_numbers, paginate
from tests.conftest import SUITE_TODAY, load_gen_corpus, serve_directory
from tests.test_browser import new_page

BUDGET = 60_000  # bytes on the wire (gzip) of a list page or the map page, at any size
RELICS = 300  # six pages of relic sites, two of products, events and wifi points
LISTS = ("relics", "products", "events", "wifi")


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6, mtime=0))


class _Links(HTMLParser):
    """Links of a page, and the texts of the elements with a given class."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, set[str]]] = []  # href, classes of the <a>
        self.titles: list[str] = []  # wifi cards: the point's name
        self._title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        classes = set(values.get("class", "").split())
        if tag == "a" and values.get("href"):
            self.links.append((values["href"], classes))
        self._title = "portal-card__title" in classes

    def handle_data(self, data: str) -> None:
        if self._title:
            self.titles.append(data.strip())
            self._title = False


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text("utf-8"))
    return parser


def target(site: Path, page: Path, href: str) -> Path | None:
    """The file a relative link of `page` opens (None for other hosts and anchors)."""
    if "://" in href or href.startswith(("#", "geo:", "mailto:")):
        return None
    found = (page.parent / href.split("#")[0]).resolve()
    return found / "index.html" if found.is_dir() else found


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalog, Path]:
    """A generated province of RELICS relic sites (and a fifth as many products, events and
    wifi points) in Vietnamese and English, built once."""
    gen_corpus = load_gen_corpus()
    base = tmp_path_factory.mktemp("lists")
    gen_corpus.main(
        [str(base / "city"), "--relics", str(RELICS), "--languages", "vi,en",
         "--around", SUITE_TODAY.isoformat()],
        say=lambda line: None,
    )  # fmt: skip
    build_site(base / "city", base / "site", work=base / "work")
    return load_catalog(base / "city"), base / "site"


def crawl(site: Path, lang: str, folder: str) -> list[Path]:
    """The pages of a list, found as a visitor without JavaScript finds them: from its first
    page, following the pager."""
    first = site / lang / folder / "index.html"
    seen, todo = [first], [first]
    while todo:
        page = todo.pop()
        for href, classes in parse(page).links:
            if classes & {"portal-pager__page", "portal-pager__step"}:
                found = target(site, page, href)
                assert found is not None and found.is_file(), (page, href)
                if found not in seen:
                    seen.append(found)
                    todo.append(found)
    return seen


def test_pages_and_pager_are_bounded_whatever_the_count() -> None:
    sections = [(Section("a", "A"), list(range(120))), (Section("b", "B"), list(range(7)))]
    pages = paginate(sections, 50)
    assert [sum(len(items) for _s, items in page) for page in pages] == [50, 50, 27]
    assert [s.key for s, _items in pages[2]] == ["a", "b"]  # "a" continues, "b" starts
    assert paginate([], 50) == [[]]  # an empty list still has its page
    assert pager_numbers(1, 1) == [1]
    assert pager_numbers(400, 800) == [1, None, 398, 399, 400, 401, 402, None, 800]
    assert max(len(pager_numbers(n, 10_000)) for n in range(1, 10_001, 97)) <= 9
    long = "Một câu rất dài " * 40
    cut = excerpt(long)
    assert len(cut) <= 240 and cut.endswith("…") and long.startswith(cut[:-1])
    assert excerpt("Ngắn.") == "Ngắn."


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_list_page_stays_small_and_reaches_every_record(
    province: tuple[Catalog, Path], lang: str
) -> None:
    catalog, site = province
    for folder in LISTS:
        pages = crawl(site, lang, folder)
        count = len(getattr(catalog, folder))
        assert len(pages) == math.ceil(count / PAGE_SIZE) > 1, folder  # every list paginates
        on_disk = {p for p in (site / lang / folder / "page").glob("*/index.html")}
        assert set(pages[1:]) == on_disk, folder
        reached: set[str] = set()
        for page in pages:
            assert gzipped(page) <= BUDGET, page
            parsed = parse(page)
            if folder == "wifi":
                here = set(parsed.titles)
            else:
                found = (target(site, page, href) for href, _classes in parsed.links)
                here = {
                    f.parent.name
                    for f in found
                    if f and f.parent.parent == site / lang / folder and f.parent.name != "page"
                }
            assert 0 < len(here) <= PAGE_SIZE, page
            reached |= here
        if folder == "wifi":
            names = {point.name[lang] for point in catalog.wifi}
            assert reached == names
        else:
            assert reached == {record.id for record in getattr(catalog, folder)}, folder
    # Later pages repeat what record pages say: left out of the site's search.
    index = (site / lang / "search" / "search_index.json").read_text("utf-8")
    assert '"location":"relics/page/' not in index and '"location":"relics/"' in index


def test_list_data_holds_every_record_for_the_phone(province: tuple[Catalog, Path]) -> None:
    catalog, site = province
    data = json.loads((site / "en/relics/list.json").read_text("utf-8"))
    assert len(data["items"]) == RELICS
    keys = [facet["key"] for facet in data["facets"]]
    assert keys == ["category", "ward", "designation"]
    by_id = {relic.id: relic for relic in catalog.relics}
    for item in data["items"]:
        relic = by_id[item["url"].rstrip("/")]
        assert item["name"] == relic.name["en"]
        assert (site / "en/relics" / item["url"] / "index.html").is_file()
        category, ward, _designation = (
            None if index is None else data["facets"][n]["values"][index]
            for n, index in enumerate(item["facets"])
        )
        assert ward == relic_ward(relic)
        assert category == data["sections"][item["section"]]["title"]
        assert (item["lat"], item["lon"]) == (
            round(relic.coordinates.lat, 5),
            round(relic.coordinates.lon, 5),
        )
    # Compact: a few hundred bytes a record before compression.
    assert len((site / "en/relics/list.json").read_bytes()) / RELICS < 400


def test_map_page_stays_small_and_its_overview_counts_every_place(
    province: tuple[Catalog, Path],
) -> None:
    from build_tools.assets.places import places

    catalog, site = province
    page = site / "en/map/index.html"
    assert gzipped(page) <= BUDGET
    html = page.read_text("utf-8")
    near_me = html.split("portal-near-me", 1)[1].split("</ol>", 1)[0]
    assert near_me.count("<li") == PAGE_SIZE
    # Without JavaScript the lists hold every place: the note links to all four.
    note = html.split("data-near-me-note", 1)[1].split("</p>", 1)[0]
    assert all(f"../{folder}/" in note for folder in LISTS)
    # The overview draws every place: alone, or counted in a group.
    svg = html.split("portal-overview", 1)[1].split("</svg>", 1)[0]
    groups = svg.split("portal-overview__group")[1:]
    counted = sum(int(group.split("</text>", 1)[0].rsplit(">", 1)[1]) for group in groups)
    alone = svg.count("<a ")
    assert counted + alone == len(places(catalog, SUITE_TODAY))
    assert len(groups) + alone <= 20 * 14  # the grid's cells: bounded whatever the count


def test_first_visit_keeps_the_lists_and_leaves_later_pages_to_save(
    province: tuple[Catalog, Path],
) -> None:
    _catalog, site = province
    core = {row[0] for row in json.loads((site / "pwa/core-en.json").read_text("utf-8"))}
    bundle = {row[0] for row in json.loads((site / "pwa/bundle-en.json").read_text("utf-8"))}
    for folder in LISTS:
        assert {f"en/{folder}/", f"en/{folder}/list.json"} <= core
        later = {f"en/{folder}/page/{n}/" for n in range(2, 4)} & {
            u for u in bundle if u.startswith(f"en/{folder}/page/")
        }
        assert later and not later & core and later <= bundle
    assert "en/assets/javascripts/portal-lists.js" in core


def test_filters_by_category_and_ward_on_the_phone(
    browser: Any, province: tuple[Catalog, Path]
) -> None:
    catalog, site = province
    # The ward with the most pagodas, so the answer is neither empty nor everything.
    pagodas = [r for r in catalog.relics if r.category == "pagoda"]
    ward = Counter(relic_ward(r) for r in pagodas).most_common(1)[0][0]
    expected = {r.id for r in pagodas if relic_ward(r) == ward}
    assert 1 < len(expected) < len(pagodas)
    with serve_directory(site) as url:
        page = new_page(browser, locale="en-US", viewport={"width": 390, "height": 800})
        page.goto(url + "en/relics/")
        status = page.locator(".portal-list__status")
        assert status.get_attribute("role") == "status"
        category = page.get_by_label("Category")
        category.wait_for()
        category.select_option(label=f"Pagoda ({len(pagodas)})")
        assert status.inner_text() == f"{len(pagodas)} results"
        results = page.locator(".portal-list__results a.portal-card__link")
        assert results.count() == PAGE_SIZE < len(pagodas)  # the first ones, then "Show more"
        more = page.locator(".portal-list__results .portal-list__more")
        assert more.inner_text() == f"Show more ({len(pagodas) - PAGE_SIZE})"
        assert page.locator("ul.portal-cards:not(.portal-list__results *)").first.is_hidden()

        ward_select = page.get_by_label("Ward or commune")
        labels = ward_select.locator("option").all_inner_texts()
        ward_select.select_option(label=next(t for t in labels if t.startswith(f"{ward} (")))
        assert status.inner_text() == f"{len(expected)} result" + ("s" if len(expected) > 1 else "")
        hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert {href.rstrip("/").rsplit("/", 1)[1] for href in hrefs} == expected
        first = results.first
        first.focus()
        page.keyboard.press("Enter")  # a real link, opened from the keyboard
        page.wait_for_url(url + "en/relics/*/")
        assert page.url.rstrip("/").rsplit("/", 1)[1] in expected
        page.go_back()  # the choice is still there
        page.locator(".portal-list__results a.portal-card__link").first.wait_for()
        assert status.inner_text().startswith(f"{len(expected)} result")

        page.get_by_role("button", name="Clear the filters").click()
        assert page.locator(".portal-list__results").is_hidden()
        assert page.locator("article a.portal-card__link").count() == PAGE_SIZE
        assert page.foreign_requests == [] and page.console_errors == []
        page.context.close()


LAYOUT_SHIFT = """() => new Promise(done => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => done(total), 800);
})"""


@pytest.mark.parametrize("width", [390, 1366])
def test_the_cards_stay_put_when_the_filters_arrive(
    browser: Any, province: tuple[Catalog, Path], width: int
) -> None:
    """The form is drawn at build time and replaced by the script's at the same size: the
    cards below it do not jump (layout shift was 0.15 on a phone, Lighthouse counts it)."""
    _catalog, site = province
    with serve_directory(site) as url:
        page = new_page(browser, locale="vi-VN", viewport={"width": width, "height": 800})
        for folder in LISTS:
            page.goto(f"{url}vi/{folder}/")
            page.locator("form.portal-filters:not(.portal-filters--static)").wait_for()
            assert page.locator(".portal-filters").count() == 1, folder  # the drawn one is gone
            assert page.evaluate(LAYOUT_SHIFT) < 0.02, folder
        page.context.close()
        scriptless = browser.new_context(java_script_enabled=False).new_page()
        scriptless.goto(f"{url}vi/relics/")
        assert scriptless.locator("form.portal-filters").is_hidden()  # nothing disabled shown
        assert scriptless.locator("article a.portal-card__link").count() == PAGE_SIZE
        scriptless.context.close()


def test_saving_a_category_offers_all_of_its_records_from_any_page(
    browser: Any, province: tuple[Catalog, Path]
) -> None:
    """A page shows 50 cards; "save this category" must still mean the whole category."""
    catalog, site = province
    data = json.loads((site / "en/relics/list.json").read_text("utf-8"))
    counts = Counter(relic.category for relic in catalog.relics)
    expected = [
        f"{section['title']} ({counts[section['key']]})"
        for section in data["sections"]
        if counts[section["key"]]
    ]
    assert max(counts.values()) > PAGE_SIZE  # one category alone is more than a page
    with serve_directory(site) as url:
        page = new_page(browser, locale="en-US", viewport={"width": 390, "height": 800})
        for path in ("en/relics/", "en/relics/page/2/"):
            page.goto(url + path)
            choice = page.locator("select.portal-save-choice")
            choice.wait_for(state="attached")
            page.wait_for_function(
                "n => document.querySelectorAll('select.portal-save-choice option').length == n",
                arg=len(expected) + 1,
            )
            assert choice.locator("option").all_inner_texts()[1:] == expected, path
        assert page.foreign_requests == [] and page.console_errors == []
        page.context.close()


def test_nearest_first_on_request_in_lists_and_on_the_map(
    browser: Any, province: tuple[Catalog, Path]
) -> None:
    from build_tools.assets.places import places

    catalog, site = province
    here = catalog.relics[7].coordinates  # standing at a relic's gate

    def km(lat: float, lon: float) -> float:
        return math.dist((here.lat, here.lon * math.cos(math.radians(here.lat))),
                         (lat, lon * math.cos(math.radians(here.lat)))) * 111.2
    nearest = min(catalog.relics, key=lambda r: km(r.coordinates.lat, r.coordinates.lon))
    spots = places(catalog, SUITE_TODAY)
    with serve_directory(site) as url:
        page = new_page(browser, locale="en-US", permissions=["geolocation"],
                        geolocation={"latitude": here.lat, "longitude": here.lon})
        asked: list[str] = []
        page.on("request", lambda r: r.url.endswith(".json") and asked.append(r.url))
        page.goto(url + "en/relics/")
        near = page.get_by_role("button", name="Nearest first")
        near.wait_for()
        assert near.get_attribute("aria-pressed") == "false"
        near.click()
        status = page.locator(".portal-list__status")
        page.wait_for_function(
            "() => document.querySelector('.portal-list__status').textContent.includes('distance')"
        )
        assert status.inner_text() == f"{RELICS} results · sorted by distance from your position"
        assert near.get_attribute("aria-pressed") == "true"
        card = page.locator(".portal-list__results .portal-card").first
        assert card.locator("strong").inner_text() == nearest.name["en"]
        assert card.locator(".portal-distance").inner_text() == "0 km"
        assert page.locator(".portal-list__results h2").count() == 0  # one list, by distance

        page.goto(url + "en/map/")
        assert page.locator("#portal-near-me li").count() == PAGE_SIZE  # without asking
        page.locator("[data-near-me]").click()
        page.wait_for_function(
            "() => document.querySelector('#portal-near-me li .portal-distance').textContent"
        )
        items = page.locator("#portal-near-me li")
        assert items.count() == PAGE_SIZE and items.first.inner_text().endswith(" 0 km")
        assert page.locator("[data-near-me-note]").is_hidden()
        page.locator("#portal-near-me .portal-list__more").click()
        assert items.count() == min(2 * PAGE_SIZE, len(spots))
        focused = page.evaluate(  # the first new place: keyboard users keep their place
            "() => [...document.querySelectorAll('#portal-near-me li')]"
            ".indexOf(document.activeElement.closest('li'))"
        )
        assert focused == PAGE_SIZE
        assert page.foreign_requests == [] and page.console_errors == []
        assert url + "en/relics/list.json" in asked and url + "en/maps/places.json" in asked
        page.context.close()


def test_filters_and_results_meet_wcag(browser: Any, province: tuple[Catalog, Path]) -> None:
    from tests.test_accessibility import AXE, BLOCKING, TAGS

    catalog, site = province
    here = catalog.relics[0].coordinates
    # axe is injected: only this context bypasses the pages' Content-Security-Policy.
    context = browser.new_context(
        bypass_csp=True, service_workers="block", locale="vi-VN", permissions=["geolocation"],
        geolocation={"latitude": here.lat, "longitude": here.lon},
    )  # fmt: skip
    page = context.new_page()
    page.route("https://**", lambda route: route.abort())
    found: dict[str, list[str]] = {}
    with serve_directory(site) as url:
        choose = page.locator(".portal-filters select").first
        for path, act in (
            ("vi/relics/", lambda: choose.select_option(index=1)),
            ("vi/wifi/", lambda: page.locator(".portal-filters__near").click()),  # then focused
            ("vi/map/", lambda: page.locator("[data-near-me]").click()),
        ):  # fmt: skip
            page.goto(url + path)
            page.locator(".portal-filters, #portal-near-me").first.wait_for()
            act()
            shown = ".portal-list__results li, #portal-near-me .portal-distance:not(:empty)"
            page.locator(shown).first.wait_for()
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},"
                " resultTypes: ['violations']})).violations",
                TAGS,
            )
            found[path] = [v["id"] for v in result if v.get("impact") in BLOCKING]
    context.close()
    assert found == {"vi/relics/": [], "vi/wifi/": [], "vi/map/": []}
