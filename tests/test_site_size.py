"""The built site stays small enough for a static host: minified pages, compact QR codes,
compressed sitemaps, and no file that no page, script or download uses."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest

from build_tools.assemble.minify import minify_page
from build_tools.assemble.mkdocs_run import MATERIAL
from build_tools.assemble.pipeline import build_site
from build_tools.assemble.sitemap import write_sitemaps
from build_tools.load.project import load_catalog, load_site
from tests.conftest import REPO, load_gen_corpus
from tests.html_query import Element, parse

LANGUAGES = ("vi", "en", "fr", "zh", "ko")
RELICS = 30  # and 6 products, 6 events, 6 wifi points (gen-corpus: a fifth each)
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
# What Material's search worker loads (importScripts) for one language of ours.
LUNR = {
    "vi": {"min/lunr.stemmer.support.min.js", "min/lunr.vi.min.js"},
    "en": set(),  # lunr's own English: nothing more
    "fr": {"min/lunr.stemmer.support.min.js", "min/lunr.fr.min.js"},
    "zh": {"min/lunr.stemmer.support.min.js", "min/lunr.zh.min.js"},
    "ko": {"min/lunr.stemmer.support.min.js", "min/lunr.ko.min.js"},
}


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A generated catalogue of 30 relic sites in five languages, built."""
    base = tmp_path_factory.mktemp("province")
    root = base / "city"
    languages = ",".join(LANGUAGES)
    load_gen_corpus().main([str(root), "--relics", str(RELICS), "--languages", languages],
                      say=lambda _: None)  # fmt: skip
    build_site(root, base / "site", work=base / "work")
    yield base / "site"


def record_pages(site: Path) -> list[Path]:
    return sorted(
        path
        for lang in LANGUAGES
        for section in ("relics", "events", "products")
        for path in (site / lang / section).glob("*/index.html")
    )


def test_record_pages_weigh_what_their_text_needs(province: Path) -> None:
    pages = record_pages(province)
    records = len(pages) // len(LANGUAGES)
    assert records == RELICS + 2 * RELICS // 5
    sizes = [path.stat().st_size for path in pages]
    # Five languages of one record: 93 KB measured (about 19 KB a page, 6 of them its text),
    # 146 KB before pages were minified and the menus lost what tourists do not use.
    assert sum(sizes) / records < 105_000
    assert max(sizes) < 28_000
    for path in pages[:: len(pages) // 20]:
        text = path.read_text("utf-8")
        page = parse(text)
        # Minified: no indentation left between tags.
        assert not re.search(r">\n\s+<", text), path
        # One colour scheme: no scheme toggle (a form and an inline script on every page).
        assert not page.find_all(attrs={"data-md-component": "palette"}), path
        # The staff pages are not in a tourist's menus, but one footer link away.
        menus = [*page.find_all("nav", cls="md-tabs"), *page.find_all("nav", cls="md-nav--primary")]
        assert menus, path
        assert not [a for nav in menus for a in nav.find_all("a") if "staff/" in a.attrs["href"]]
        [staff] = page.find("footer").find_all("a", cls="portal-staff-link")
        assert (path.parent / staff.attrs["href"] / "index.html").resolve().is_file()
        # The hidden table of contents of a page outside the menu is not written at all.
        [toc] = page.find_all(attrs={"data-md-type": "toc"})
        assert "hidden" in toc.attrs and not toc.find_all("a"), path


def test_staff_pages_keep_their_section_in_the_menus(province: Path) -> None:
    for lang in ("vi", "en"):
        page = parse((province / lang / "staff/guide/index.html").read_text("utf-8"))
        hrefs = {a.attrs["href"] for a in page.find("nav", cls="md-nav--primary").find_all("a")}
        assert {"../translations/", "../digitization/"} <= hrefs
        assert not page.find_all("a", cls="portal-staff-link")  # already in the menus


def test_qr_codes_are_one_compact_svg_each(province: Path) -> None:
    codes = sorted((province / "q").iterdir())
    catalog_size = RELICS + 3 * RELICS // 5
    assert len(codes) == catalog_size
    for folder in codes:
        names = sorted(path.name for path in folder.iterdir())
        # The page that picks the language, and one QR image (no PNG beside the SVG);
        # wifi.svg only for networks whose password may be published.
        assert names in (["index.html", "qr.svg"], ["index.html", "qr.svg", "wifi.svg"]), folder
        svg = (folder / "qr.svg").read_bytes()
        assert len(svg) < 2_600, folder  # was 8.5 KB: a square per module
        assert svg.count(b"<path") == 2  # the white quiet zone and one path for the modules
        assert (folder / "index.html").stat().st_size < 3_000, folder  # five names


def test_sitemaps_list_every_page_with_its_languages_compressed(province: Path) -> None:
    index = ElementTree.parse(province / "sitemap.xml").getroot()
    base = str(load_site(province.parent / "city")[0].base_url)  # type: ignore[union-attr]
    listed = [loc.text or "" for loc in index.findall("s:sitemap/s:loc", NS)]
    assert listed == [f"{base}{lang}/sitemap-1.xml.gz" for lang in LANGUAGES]
    urls = 0
    for loc in listed:
        data = (province / loc.removeprefix(base)).read_bytes()
        root = ElementTree.fromstring(gzip.decompress(data))
        entries = root.findall("s:url", NS)
        urls += len(entries)
        for entry in entries:  # the hreflang alternates search engines learn languages from
            codes = {link.get("hreflang") for link in entry.findall("x:link", NS)}
            assert codes == {*LANGUAGES, "x-default"}
        assert len(data) < 120 * len(entries)  # about 28 times smaller than the XML
    # Every page of every language but those search engines are told to skip.
    pages = [p for lang in LANGUAGES for p in (province / lang).rglob("index.html")]
    robots_meta = [parse(p.read_text("utf-8")).find_all("meta", name="robots") for p in pages]
    indexed = [m for m in robots_meta if not any("noindex" in e.attrs["content"] for e in m)]
    assert urls == len(indexed) > len(record_pages(province))
    robots = (province / "robots.txt").read_text("utf-8")
    assert f"Sitemap: {base}sitemap.xml" in robots
    for lang in LANGUAGES:  # MkDocs' own sitemaps, without alternates, are gone
        assert not list((province / lang).glob("sitemap.xml*"))


def _references(page: Element, page_file: Path) -> set[Path]:
    """The files a page loads or links to, and the search worker its settings name."""
    found = set()
    for element in page.iter():
        for name in ("src", "href"):
            value = element.attrs.get(name, "")
            if value and not re.match(r"[a-z]+:|#|//", value):
                found.add((page_file.parent / value.split("#")[0]).resolve())
    config = page.find_all("script", id="__config")
    if config:
        worker = json.loads(config[0].text())["search"]
        found.add((page_file.parent / worker).resolve())
    return found


def test_no_theme_file_that_nothing_uses(province: Path) -> None:
    """Every file MkDocs copied from Material's theme is loaded by a page or by the search
    worker: no source maps, no other language's search files, no unused favicon."""
    assert not list(province.rglob("*.map"))
    for lang in LANGUAGES:
        folder = province / lang
        used: set[Path] = set()
        for page_file in folder.rglob("*.html"):
            used |= _references(parse(page_file.read_text("utf-8")), page_file)
        lunr = folder / "assets/javascripts/lunr"
        found = {p.relative_to(lunr).as_posix() for p in lunr.rglob("*") if p.is_file()}
        assert found == LUNR[lang], lang
        used |= {(lunr / name).resolve() for name in LUNR[lang]}
        theirs = [
            path
            for path in (folder / "assets").rglob("*")
            if path.is_file() and (MATERIAL / path.relative_to(folder)).is_file()
        ]
        assert len(theirs) >= 4  # bundle, worker, two stylesheets… (not a vacuous check)
        unused = [p.relative_to(province).as_posix() for p in theirs if p.resolve() not in used]
        assert unused == [], lang


def test_catalog_json_is_compact_and_whole(province: Path) -> None:
    raw = gzip.decompress((province / "data/catalog.json.gz").read_bytes())
    assert b"\n " not in raw  # no indentation
    catalog = json.loads(raw)
    records = load_catalog(province.parent / "city")
    assert len(catalog["relics"]) == len(records.relics) == RELICS


def test_sitemaps_split_at_the_protocol_limits(tmp_path: Path) -> None:
    site, _ = load_site(REPO)
    assert site is not None
    paths = {f"relics/r{n:02d}.md" for n in range(7)}
    indexable = {lang: set(paths) for lang in site.codes}
    indexable["en"] = {"relics/r00.md"}  # English has one page: one file
    for lang in site.codes:
        (tmp_path / lang).mkdir()
    written = write_sitemaps(tmp_path, site, indexable, max_urls=3)
    assert written.count("vi/sitemap-3.xml.gz") == 1 and "vi/sitemap-4.xml.gz" not in written
    assert [name for name in written if name.startswith("en/")] == ["en/sitemap-1.xml.gz"]
    index = ElementTree.parse(tmp_path / "sitemap.xml").getroot()
    listed = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
    assert listed == [f"{site.base_url}{name}" for name in written]
    for lang in site.codes:
        locs: list[str] = []
        for name in (n for n in written if n.startswith(f"{lang}/")):
            root = ElementTree.fromstring(gzip.decompress((tmp_path / name).read_bytes()))
            entries = root.findall("s:url", NS)
            assert 1 <= len(entries) <= 3
            locs += [entry.findtext("s:loc", namespaces=NS) or "" for entry in entries]
        assert sorted(locs) == sorted(f"{site.base_url}{lang}/relics/{Path(p).stem}/"
                                      for p in indexable[lang])  # fmt: skip
    # Written again in place with room for all (portal serve): the extra files go.
    assert write_sitemaps(tmp_path, site, indexable)[0] == "vi/sitemap-1.xml.gz"
    assert sorted(p.name for p in (tmp_path / "vi").iterdir()) == ["sitemap-1.xml.gz"]
    # The byte limit splits too: an entry is about 650 bytes here, two fit in 1,500.
    (tmp_path / "bytes").mkdir()
    for lang in site.codes:
        (tmp_path / "bytes" / lang).mkdir()
    written = write_sitemaps(tmp_path / "bytes", site, indexable, max_bytes=1_500)
    assert len([name for name in written if name.startswith("vi/")]) == 4  # 2, 2, 2, 1


def test_minified_pages_keep_what_they_say() -> None:
    page = (
        '<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        "<title>Chùa &lt;img src=x onerror=alert(1)&gt;</title>\n"
        '<script>\n  run();\n</script>\n</head>\n<body>\n  <p class="a">  Xin   chào  </p>\n'
        "  <pre>  a\n   b</pre>\n"
        '  <script id="__config" type="application/json">{"t": "\\u0110\\u00e3 ch\\u00e9p", '
        '"h": "<b>"}</script>\n'
        "</body>\n</html>\n"
    )
    small = minify_page(page)
    assert len(small) < len(page) and minify_page(small) == small
    tree = parse(small)
    assert tree.find("html").attrs["lang"] == "vi"
    # The name stays text in every reader: `<` escaped inside the title too.
    assert "<img" not in small.split("<title>")[1].split("</title>")[0]
    assert tree.find("title").text() == "Chùa <img src=x onerror=alert(1)>"
    assert tree.find("p").text().strip() == "Xin chào"
    assert tree.find("pre").text() == "  a\n   b"  # preformatted text as written
    assert "run();" in tree.find("script").text()
    # Material's settings: the same JSON, with letters as UTF-8 and no tag inside.
    config = tree.find("script", id="__config").text()
    assert json.loads(config) == {"t": "Đã chép", "h": "<b>"} and "<" not in config
    assert len(config.encode()) < len('{"t": "\\u0110\\u00e3 ch\\u00e9p", "h": "<b>"}')
