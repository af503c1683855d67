"""The site reads as a city guide: a visitors' home, practical facts first, names of languages,
a 404 in the visitor's language, accessible stars, a phone-sized editor guide, copy buttons."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_tools.load.project import load_catalog
from build_tools.model.kinds import KINDS
from build_tools.render.guide import EXAMPLES
from tests.conftest import REPO, Project
from tests.html_query import parse

LANGS = ("vi", "en", "fr", "zh", "ko")
ENTRY_TARGETS = ("map/", "relics/", "events/", "products/", "wifi/")


class Tags(HTMLParser):
    """Every start tag with its attributes, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def page(site: Path, lang: str, url: str) -> str:
    return (site / lang / url / "index.html").read_text("utf-8")


def resolve(site: Path, lang: str, from_url: str, href: str) -> Path:
    """The file a relative link of the page at `from_url` opens."""
    path = href.split("#")[0]
    target = (site / lang / from_url / path).resolve()
    return target / "index.html" if target.is_dir() else target


@pytest.mark.parametrize("lang", LANGS)
def test_home_has_six_entry_points_that_work_and_no_toc(sample_site: Path, lang: str) -> None:
    html = page(sample_site, lang, "")
    entries = [
        a for tag, a in tags(html) if tag == "a" and "portal-entry" in (a.get("class") or "")
    ]
    assert len(entries) == 6
    hrefs = [str(a["href"]) for a in entries]
    assert hrefs[0].endswith("map/#portal-near-me")  # "Near me" opens the near-me list
    for target in ENTRY_TARGETS:
        assert any(href.split("#")[0] == target for href in hrefs), (target, hrefs)
    for href in hrefs:
        assert resolve(sample_site, lang, "", href).is_file(), href
    assert parse(page(sample_site, lang, "map")).find_all(id="portal-near-me")
    # No documentation furniture: no sidebars at all, so no table of contents.
    home = parse(html)
    assert not home.find_all(attrs={"data-md-type": "toc"})
    assert not home.find_all(attrs={"data-md-type": "navigation"})
    assert home.find_all(cls="portal-welcome")


def test_home_lists_only_events_that_are_not_over(sample_site: Path) -> None:
    home = parse(page(sample_site, "en", ""))
    # The section from the "upcoming" heading to the "featured" one.
    elements = list(home.iter())
    start = elements.index(home.find(id="upcoming"))
    end = elements.index(home.find(id="featured"))
    upcoming = elements[start:end]
    hrefs = [element.attrs.get("href", "") for element in upcoming]
    assert not [href for href in hrefs if "events/le-hoi-trai-cay-tien-giang-2024/" in href]
    assert [element for element in upcoming if "portal-date" in element.classes]


RECORDS = [
    ("relics/chua-vinh-trang", "About this site"),
    ("events/le-hoi-hu-tieu-my-tho", "About this event"),
    ("products/hu-tieu-kho-my-tho", "About this product"),
]


@pytest.mark.parametrize(("url", "story"), RECORDS)
def test_record_pages_put_practical_information_before_the_story(
    sample_site: Path, url: str, story: str
) -> None:
    record = parse(page(sample_site, "en", url))
    elements = list(record.iter())
    practical = elements.index(record.find(cls="portal-practical"))
    heading = next(e for e in elements if e.tag == "h2" and e.text().strip() == story)
    assert practical < elements.index(heading)
    assert elements.index(record.find(cls="portal-lead")) < practical
    # Hidden sidebars: no empty table of contents beside the page.
    assert all("hidden" in toc.attrs for toc in record.find_all(attrs={"data-md-type": "toc"}))
    if url.startswith("relics/"):
        section = elements[practical].text()
        for label in ("Address", "Directions"):
            assert label in section


def test_language_switcher_shows_the_language_name(sample_site: Path) -> None:
    for lang, name in (("vi", "Tiếng Việt"), ("en", "English"), ("zh", "中文（简体）")):
        button = parse(page(sample_site, lang, "relics/chua-vinh-trang")).find(
            "button", cls="portal-lang"
        )
        label = button.find("span", cls="portal-lang__name")
        assert label.attrs["lang"] == lang and label.text() == name


def test_root_404_links_to_each_language_home_from_any_depth(sample_site: Path) -> None:
    html = (sample_site / "404.html").read_text("utf-8")
    links = [a["href"] for tag, a in tags(html) if tag == "a"]
    for lang in LANGS:
        # Absolute from the site's base path: the page is served at the missing URL.
        assert f"/{lang}/" in links
        assert f"/{lang}/relics/" in links and f"/{lang}/map/" in links
    assert "Page not found" in html and "找不到页面" in html and "Không tìm thấy trang" in html
    assert "Content-Security-Policy" in html  # the language pick is a hashed inline script


def test_ocop_stars_have_an_accessible_label(sample_site: Path) -> None:
    stars = [
        a
        for tag, a in tags(page(sample_site, "en", "products"))
        if "portal-stars" in str(a.get("class"))
    ]
    assert stars and all(a.get("role") == "img" for a in stars)
    assert all(re.fullmatch(r"[345] of 5 OCOP stars", str(a["aria-label"])) for a in stars)
    vi = parse(page(sample_site, "vi", "products/hu-tieu-kho-my-tho"))
    labels = [e.attrs["aria-label"] for e in vi.find_all(attrs={"aria-label": None})]
    assert [label for label in labels if re.fullmatch(r"\d trên 5 sao OCOP", label)]


@pytest.mark.parametrize("lang", ("vi", "en"))
def test_editor_guide_fits_a_phone(sample_site: Path, lang: str) -> None:
    guide = parse(page(sample_site, lang, "staff/guide"))
    for table in guide.find_all("table"):
        rows = table.find_all("tr")
        assert not rows or len([c for c in rows[0].iter() if c.tag in ("th", "td")]) <= 3
    for kind in KINDS:
        assert guide.find_all(id=f"kind-{kind.name}")
        assert guide.find_all(id=f"example-{kind.name}")
    assert len(guide.find_all("dl", cls="portal-fields")) == len(KINDS)


@pytest.mark.parametrize("kind", [k.name for k in KINDS])
def test_guide_examples_pass_check(project: Project, kind: str) -> None:
    by_name = {k.name: k for k in KINDS}
    example = EXAMPLES[kind]
    record_id = example.split("\n")[0].removeprefix("id: ")
    project.write(f"{by_name[kind].folder}/{record_id}.yaml", example)
    catalog = load_catalog(project.root)  # raises ContentError with every issue
    assert [r.id for r in getattr(catalog, by_name[kind].collection)] == [record_id]


def test_public_passwords_and_network_names_have_copy_buttons(sample_site: Path) -> None:
    catalog = load_catalog(REPO)
    html = page(sample_site, "en", "wifi")
    buttons = [
        a for tag, a in tags(html) if tag == "button" and "portal-copy" in str(a.get("class"))
    ]
    copied = {a["data-copy"] for a in buttons}
    for point in catalog.wifi:
        assert point.ssid in copied
        if point.security != "open" and point.public_password:
            assert point.public_password in copied
        elif point.password:
            assert point.password not in html  # a staff-only password is never published
    assert all(a.get("data-copied") == "Copied" for a in buttons)
    assert "portal-copy.js" in html
