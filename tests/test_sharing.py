"""Sharing and search engines: Open Graph / Twitter tags, share images, schema.org JSON-LD."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from build_tools.assets.share import Card, ShareImages
from build_tools.render.social import json_ld, og_locale

BASE = "https://heritage.mytho.example/"


class Head(HTMLParser):
    """The page's <meta> tags, <title> and JSON-LD blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.title = ""
        self.ld: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta":
            key = found.get("property") or found.get("name")
            if key and key not in self.meta:
                self.meta[key] = found.get("content") or ""
        elif tag == "title":
            self._in = "title"
        elif tag == "script" and found.get("type") == "application/ld+json":
            self._in = "ld"
            self.ld.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "ld":
            self.ld[-1] += data


def head(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text("utf-8"))
    return parser


def pages(site: Path) -> list[Path]:
    """Every MkDocs page of every language (not the map iframes, the 404 or offline pages)."""
    found = []
    for lang in ("vi", "en", "fr", "zh", "ko"):
        for page in (site / lang).rglob("index.html"):
            if "maps" not in page.relative_to(site).parts:
                found.append(page)
    return found


def test_every_page_has_sharing_tags(sample_site: Path) -> None:
    all_pages = pages(sample_site)
    assert len(all_pages) > 100
    for page in all_pages:
        meta = head(page).meta
        for key in ("og:title", "og:image", "og:url", "og:locale", "og:site_name"):
            assert meta.get(key), f"{page}: no {key}"
        assert meta["twitter:card"] == "summary_large_image", page
        # X falls back to og: tags: no twitter: copy of the title, description or image.
        assert [key for key in meta if key.startswith("twitter:")] == ["twitter:card"], page
        lang = page.relative_to(sample_site).parts[0]
        assert meta["og:url"].startswith(f"{BASE}{lang}/"), page
        assert meta["og:locale"] == og_locale(lang)


def test_declared_share_images_exist_with_their_size(sample_site: Path) -> None:
    seen: dict[str, tuple[str, str]] = {}
    for page in pages(sample_site):
        meta = head(page).meta
        seen[meta["og:image"]] = (meta["og:image:width"], meta["og:image:height"])
        assert meta["og:image:alt"], page
    for url, (width, height) in seen.items():
        assert url.startswith(BASE + "share/"), url
        with Image.open(sample_site / url[len(BASE) :]) as image:
            assert image.size == (int(width), int(height)) == (1200, 630)
            assert image.format in ("PNG", "JPEG")
    # Lists and the home page share one card per language; records have their own.
    assert len(seen) < 6 * len(pages(sample_site)) // 5


def test_home_title_is_not_repeated(sample_site: Path) -> None:
    assert head(sample_site / "vi/index.html").title.strip() == "Di sản Mỹ Tho"
    relics = head(sample_site / "en/relics/index.html").title.strip()
    assert relics.startswith("Relic sites - ")


def ld_of(page: Path) -> list[dict[str, object]]:
    blocks = head(page).ld
    items: list[dict[str, object]] = []
    for block in blocks:
        assert not re.search(r"[<>&]", block), "JSON-LD must be escaped for HTML"
        data = json.loads(block)
        items.extend(data if isinstance(data, list) else [data])
    return items


def by_type(items: list[dict[str, object]], kind: str) -> dict[str, object]:
    for item in items:
        types = item["@type"]
        if kind == types or (isinstance(types, list) and kind in types):
            return item
    raise AssertionError(f"no {kind} in {items}")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_relic_pages_describe_a_tourist_attraction(sample_site: Path, lang: str) -> None:
    for page in (sample_site / lang / "relics").glob("*/index.html"):
        items = ld_of(page)
        place = by_type(items, "TouristAttraction")
        assert place["name"] and place["geo"] and place["address"], page
        assert isinstance(place["address"], dict) and place["address"]["addressCountry"] == "VN"
        assert "isAccessibleForFree" not in place  # the fee is free text: never guessed
        crumbs = by_type(items, "BreadcrumbList")
        assert len(crumbs["itemListElement"]) == 3  # type: ignore[arg-type]
    types = by_type(
        ld_of(sample_site / lang / "relics/chua-vinh-trang/index.html"), "TouristAttraction"
    )["@type"]
    assert types == ["TouristAttraction", "PlaceOfWorship"]


def test_event_pages_have_dates_with_the_offset(sample_site: Path) -> None:
    for page in (sample_site / "en/events").glob("*/index.html"):
        event = by_type(ld_of(page), "Event")
        assert event["name"]
        assert str(event["startDate"]).endswith("+07:00"), event["startDate"]
        assert str(event["endDate"]).endswith("+07:00")
        location = event["location"]
        assert isinstance(location, dict) and location["@type"] == "Place" and location["name"]
        by_type(ld_of(page), "BreadcrumbList")


def test_products_offer_only_a_known_price(sample_site: Path) -> None:
    from build_tools.load.project import load_catalog
    from tests.conftest import REPO

    prices = {p.id: p.price for p in load_catalog(REPO).products}
    for product_id, price in prices.items():
        item = by_type(ld_of(sample_site / f"vi/products/{product_id}/index.html"), "Product")
        assert item["name"]
        if price is None:
            assert "offers" not in item
        else:
            offer = item["offers"]
            assert isinstance(offer, dict) and offer["priceCurrency"] == "VND"
            assert offer.get("price", offer.get("lowPrice")) == price.min


def test_json_ld_is_escaped_for_html() -> None:
    text = json_ld({"name": "</script><b>&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><b>&"}
    assert html.unescape(text) == text


def test_share_cards_are_cached(tmp_path: Path) -> None:
    card = Card("Chùa", "Chùa Vĩnh Tràng", "Thành phố Mỹ Tho")
    first = ShareImages(tmp_path)
    image = first.card(card, "alt")
    assert (first.stats.drawn, first.stats.reused) == (1, 0)
    again = ShareImages(tmp_path)
    assert again.card(card, "alt") == image
    assert (again.stats.drawn, again.stats.reused) == (0, 1)
    # Another language with the same text: the same file.
    assert again.card(Card("Chùa", "Chùa Vĩnh Tràng", "Thành phố Mỹ Tho"), "x").path == image.path


def test_unchanged_rebuild_draws_no_share_image(sample_site: Path, tmp_path: Path) -> None:
    from build_tools.assemble.pipeline import build_site
    from tests.conftest import REPO

    # sample_site was built with work=<its parent>/build: the cache is warm.
    report = build_site(REPO, tmp_path / "site", work=sample_site.parent / "build")
    assert report.share.drawn == 0
    assert report.share.reused > 0
