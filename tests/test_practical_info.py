"""What a visitor uses on the spot: opening hours and "open now", "Report a problem", the home
photo, where to buy OCOP products, the map without tiles, a named search dialog."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from PIL import Image

from build_tools.load.issues import ContentError
from build_tools.load.project import load_catalog
from tests.conftest import Project, serve_directory

SITE = """\
site_name: {vi: Di sản thử, en: Test Heritage, zh: 测试遗产}
city: {vi: Thành phố thử, en: Test City}
base_url: https://example.test/
languages:
  - {code: vi, name: Tiếng Việt}
  - {code: en, name: English}
  - {code: zh, name: 中文}
"""
FEEDBACK = """\
feedback:
  url: https://1022.example/gop-y?nguon=web#bieu-mau
  name_param: tieu_de
  page_param: lien_ket
  email: gopy@example.gov.vn
  phone: "1022"
marketplace:
  name: {vi: Sàn OCOP thử, en: Test OCOP marketplace}
  url: https://ocop.example/
home_image:
  file: images/home.jpg
  alt: {vi: Bến sông lúc bình minh, en: The riverside at dawn}
  credit: Nguyễn Văn A
"""
# Written as staff write them: times unquoted (YAML 1.1 would read 07:00 as 420).
HOURS = """\
visiting:
  opening_hours:
    - days: t2-t6
      hours: 07:00-11:30, 13:30-17:00
    - days: sat, sun
      hours: 06:00-18:00
  hours:
    vi: Đóng cửa mùng 1 Tết.
    en: Closed on the first day of Tết.
"""
NIGHT = """\
visiting:
  opening_hours:
    - days: sun
      hours: 18:00-02:00
"""
TRICKY = 'Đình "Ba" & <b>Bốn</b> #5?'
PRODUCT = """\
id: keo-dua
name: {vi: Kẹo dừa, en: Coconut candy}
stars: 4
category: food
producer: {name: Cơ sở A, commune: Tân Thạch}
summary: {vi: Kẹo., en: Candy.}
description: {vi: Kẹo dừa., en: Coconut candy.}
price: {min: 45000, unit: {vi: hộp, en: box}}
where_to_buy:
  - name: Chợ thử
    address: 1 Trưng Trắc
    coordinates: {lat: 10.356, lon: 106.369}
"""
EVENT = """\
id: le-hoi
name: {vi: Lễ hội thử, en: Test festival}
start: 2026-12-19T18:00
end: 2026-12-19T22:00
venue: {relic: chua-a}
summary: {vi: Lễ hội., en: A festival.}
description: {vi: Lễ hội., en: A festival.}
"""


def write_guide(project: Project) -> None:
    project.write("site_config/site.yaml", SITE + FEEDBACK)
    (project.root / "site_config/images").mkdir()
    Image.new("RGB", (1800, 1000), (140, 90, 60)).save(
        project.root / "site_config/images/home.jpg", quality=85
    )
    project.relic("chua-a", 1, HOURS)
    project.relic("chua-b", 2, "visiting:\n  hours: {vi: Theo giờ lễ., en: At service times.}\n")
    project.relic("dinh-c", 3, NIGHT)
    text = (project.root / "heritage/relics/dinh-c.yaml").read_text("utf-8")
    (project.root / "heritage/relics/dinh-c.yaml").write_text(
        text.replace('en: "Pagoda 3"', f"en: {json.dumps(TRICKY, ensure_ascii=False)}"), "utf-8"
    )
    project.write("content/products/keo-dua.yaml", PRODUCT)
    project.write("content/events/le-hoi.yaml", EVENT)


def build(project: Project, out: Path) -> Path:
    from build_tools.assemble.pipeline import build_site

    build_site(project.root, out, work=out.parent / "work")
    return out


@pytest.fixture(scope="module")
def guide_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("guide")
    project = Project(base / "project")
    write_guide(project)
    return build(project, base / "site")


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """No feedback channel, no photo, no point of sale: nothing of them is claimed."""
    base = tmp_path_factory.mktemp("plain")
    project = Project(base / "project")
    project.relic("chua-a", 1)
    project.write("content/products/keo-dua.yaml", PRODUCT[: PRODUCT.index("price:")])
    return build(project, base / "site")


def html_of(site: Path, lang: str, url: str) -> str:
    return (site / lang / url / "index.html").read_text("utf-8")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    within: list[str]  # the classes of every element around it
    text: str = ""

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()


class _Elements(HTMLParser):
    """Every element with its attributes and text, whatever the markup's quoting."""

    VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        around = [name for parent in self.open for name in parent.classes]
        element = Element(tag, {key: value or "" for key, value in attrs}, around)
        self.found.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                break

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text += data


def elements(
    html: str, tag: str, css_class: str | None = None, within: str | None = None
) -> list[Element]:
    parser = _Elements()
    parser.feed(html)
    return [
        e
        for e in parser.found
        if e.tag == tag
        and (css_class is None or css_class in e.classes)
        and (within is None or within in e.within)
    ]


def links_of(html: str, css_class: str) -> list[tuple[str, str]]:
    """(href, text) of the links with `css_class`."""
    return [(a.attrs["href"], a.text) for a in elements(html, "a", css_class)]


def problems(project: Project) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_catalog(project.root)
    return [str(issue) for issue in caught.value.issues if issue.severity == "error"]


# -- Report a problem -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "url", "name"),
    [
        ("vi", "relics/chua-a", "Chùa 1"),
        ("en", "relics/chua-a", "Pagoda 1"),
        ("en", "products/keo-dua", "Coconut candy"),
        ("vi", "events/le-hoi", "Lễ hội thử"),
    ],
)
def test_every_record_page_reports_to_the_city_prefilled(
    guide_site: Path, lang: str, url: str, name: str
) -> None:
    html = html_of(guide_site, lang, url)
    page_url = f"https://example.test/{lang}/{url}/"
    ((form, form_text),) = links_of(html, "portal-report__form")
    parts = urlsplit(form)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "1022.example", "/gop-y")
    assert parse_qs(parts.query) == {"nguon": ["web"], "tieu_de": [name], "lien_ket": [page_url]}
    assert parts.fragment == "bieu-mau"  # the form's own anchor is kept, after the query
    assert form_text == {"vi": "Báo lỗi", "en": "Report a problem"}[lang]
    ((mail, _),) = links_of(html, "portal-report__email")
    address, _, query = mail.removeprefix("mailto:").partition("?")
    fields = parse_qs(query)
    assert address == "gopy@example.gov.vn"
    assert name in fields["subject"][0] and page_url in fields["body"][0]
    assert links_of(html, "portal-report__phone") == [
        ("tel:1022", {"vi": "Gọi 1022", "en": "Call 1022"}[lang])
    ]


def test_names_are_encoded_never_markup_or_extra_parameters(guide_site: Path) -> None:
    html = html_of(guide_site, "en", "relics/dinh-c")
    ((form, _),) = links_of(html, "portal-report__form")
    query = parse_qs(urlsplit(form).query)
    assert query["tieu_de"] == [TRICKY] and set(query) == {"nguon", "tieu_de", "lien_ket"}
    ((mail, _),) = links_of(html, "portal-report__email")
    assert unquote(mail).count("?") == 2  # the mailto's and the name's; & and # are encoded
    assert parse_qs(mail.partition("?")[2])["subject"] == [f"Problem on the page: {TRICKY}"]
    assert not elements(html, "b")  # the name is text, never markup


def test_without_a_feedback_section_no_page_claims_a_channel(plain_site: Path) -> None:
    for url in ("relics/chua-a", "products/keo-dua"):
        assert "portal-report" not in html_of(plain_site, "en", url)


@pytest.mark.parametrize(
    ("feedback", "expected"),
    [
        (
            "feedback: {name_param: tieu_de, phone: '1022'}",
            "site_config/site.yaml:8: feedback.name_param: a form parameter is given without "
            "the form — write the form's address as `url:`",
        ),
        (
            "feedback: {}",
            "site_config/site.yaml:8: feedback: no channel is given — write `url:` (a web "
            "form), `email:` or `phone:`; or remove `feedback:` to show no report link",
        ),
        (
            "feedback: {email: 'Phòng VH <vh@example.gov.vn>'}",
            'site_config/site.yaml:8: feedback.email: not one e-mail address: "Phòng VH '
            '<vh@example.gov.vn>" — write a single address like gopy@example.gov.vn (no '
            "commas, spaces or names)",
        ),
    ],
)
def test_feedback_mistakes_say_how_to_fix_them(
    project: Project, feedback: str, expected: str
) -> None:
    project.write("site_config/site.yaml", SITE + feedback + "\n")
    project.relic("chua-a")
    assert problems(project) == [expected]


# -- Opening hours ------------------------------------------------------------------------


def hours_table(html: str) -> list[tuple[str, str]]:
    rows = elements(html, "tr", within="portal-hours__table")
    heads = elements(html, "th", within="portal-hours__table")
    cells = elements(html, "td", within="portal-hours__table")
    assert len(rows) == len(heads) == len(cells)
    return [(th.text, td.text) for th, td in zip(heads, cells, strict=True)]


def test_hours_table_reads_naturally_in_each_language(guide_site: Path) -> None:
    nnbsp = "\u202f"  # Babel's narrow no-break space before AM/PM
    assert hours_table(html_of(guide_site, "vi", "relics/chua-a")) == [
        ("Thứ Hai – Thứ Sáu", "07:00–11:30, 13:30–17:00"),
        ("Thứ Bảy, Chủ Nhật", "06:00–18:00"),
    ]
    assert hours_table(html_of(guide_site, "en", "relics/chua-a")) == [
        (
            "Monday – Friday",
            f"7:00{nnbsp}AM – 11:30{nnbsp}AM, 1:30{nnbsp}PM – 5:00{nnbsp}PM",
        ),
        ("Saturday, Sunday", f"6:00{nnbsp}AM – 6:00{nnbsp}PM"),
    ]
    assert hours_table(html_of(guide_site, "zh", "relics/chua-a"))[0][0] == "星期一 – 星期五"
    # The free text stays, as a note under the table.
    assert "Closed on the first day of Tết." in html_of(guide_site, "en", "relics/chua-a")
    night = hours_table(html_of(guide_site, "vi", "relics/dinh-c"))
    assert night == [("Thứ Hai – Thứ Bảy", "Đóng cửa"), ("Chủ Nhật", "18:00–02:00")]


def test_without_structured_hours_nothing_is_claimed(guide_site: Path) -> None:
    html = html_of(guide_site, "en", "relics/chua-b")
    assert "At service times." in html  # the free text, as before
    assert "data-portal-hours" not in html and "portal-hours.js" not in html
    assert "openingHoursSpecification" not in html


def test_json_ld_carries_the_opening_hours(guide_site: Path) -> None:
    html = html_of(guide_site, "en", "relics/chua-a")
    (script,) = [
        e for e in elements(html, "script") if e.attrs.get("type") == "application/ld+json"
    ]
    data = json.loads(script.text)
    place = next(item for item in data if "TouristAttraction" in item["@type"])
    weekdays = [
        f"https://schema.org/{d}" for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    ]
    weekend = ["https://schema.org/Saturday", "https://schema.org/Sunday"]
    assert place["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": weekdays,
            "opens": "07:00",
            "closes": "11:30",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": weekdays,
            "opens": "13:30",
            "closes": "17:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": weekend,
            "opens": "06:00",
            "closes": "18:00",
        },
    ]


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        (
            "- {days: t2-t6, hours: 7h30-17h}",
            'visiting.opening_hours[0].hours: "7h30" is not written as hours:minutes (in '
            '"7h30-17h") — write 07:30',
        ),
        (
            "- {days: mon-fri, hours: 07:00-5:00}",
            'visiting.opening_hours[0].hours: "07:00-5:00" closes before it opens — write 17:00 '
            "if it closes in the afternoon (24-hour clock)",
        ),
        (
            "- {days: mon-sun, hours: 8am-5pm}",
            'visiting.opening_hours[0].hours: "8am" is not written on the 24-hour clock (in '
            '"8am-5pm") — write 08:00',
        ),
        (
            "- {days: monday-fryday, hours: 07:00-17:00}",
            'visiting.opening_hours[0].days: "fryday" is not a day of the week (in '
            '"monday-fryday") — write days as mon, tue, wed, thu, fri, sat, sun (or t2 … t7, '
            "cn), a range like mon-fri, a list like sat, sun, or daily",
        ),
        (
            "- {days: mon-fri, hours: 07:00-17:00}\n    - {days: fri-sun, hours: 08:00-12:00}",
            'visiting.opening_hours: fri is in two entries ("mon-fri" and "fri-sun") — give '
            "each day one entry; write its periods with commas, like 07:00-11:30, 13:30-17:00",
        ),
    ],
)
def test_hours_mistakes_point_at_the_line_with_the_fix(
    project: Project, hours: str, expected: str
) -> None:
    project.relic("chua-a", 1, f"visiting:\n  opening_hours:\n    {hours}\n")
    (found,) = problems(project)
    path, line, message = found.split(":", 2)
    assert path == "heritage/relics/chua-a.yaml"
    assert line == ("10" if "two entries" in expected else "11")
    assert message.strip() == expected


def city_time(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment in Mỹ Tho: 2026-11-23 is a Monday (day 0)."""
    zone = dt.timezone(dt.timedelta(hours=7))
    return dt.datetime(2026, 11, 23 + day, hour, minute, tzinfo=zone)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("url", "moment", "status", "state"),
    [
        ("relics/chua-a", city_time(0, 8), "Open now · closes at 11:30\u202fAM", "open"),
        ("relics/chua-a", city_time(0, 12), "Closed now · opens at 1:30\u202fPM", "closed"),
        (
            "relics/chua-a",
            city_time(4, 18),
            "Closed now · opens tomorrow at 6:00\u202fAM",
            "closed",
        ),
        (
            "relics/chua-a",
            city_time(6, 19),
            "Closed now · opens tomorrow at 7:00\u202fAM",
            "closed",
        ),
        # Past midnight into Monday, across the week's end.
        ("relics/dinh-c", city_time(7, 1), "Open now · closes at 2:00\u202fAM", "open"),
        ("relics/dinh-c", city_time(0, 3), "Closed now · opens Sunday at 6:00\u202fPM", "closed"),
    ],
)
def test_open_now_is_computed_in_the_city_time_zone(
    browser: Any, guide_site: Path, url: str, moment: dt.datetime, status: str, state: str
) -> None:
    # The phone is still on Paris time: the status must follow Mỹ Tho's clock anyway.
    context = browser.new_context(
        locale="en-US", timezone_id="Europe/Paris", service_workers="block"
    )
    page = context.new_page()
    page.clock.set_fixed_time(moment)
    with serve_directory(guide_site) as base:
        page.goto(f"{base}en/{url}/")
        line = page.locator("[data-hours-now]")
        line.wait_for()
        assert line.inner_text() == status
        assert f"portal-hours__now--{state}" in (line.get_attribute("class") or "")
    context.close()


@pytest.mark.browser
def test_without_javascript_the_table_stays_and_no_status_is_claimed(
    browser: Any, guide_site: Path
) -> None:
    context = browser.new_context(java_script_enabled=False, service_workers="block")
    page = context.new_page()
    with serve_directory(guide_site) as base:
        page.goto(f"{base}en/relics/chua-a/")
        assert page.locator(".portal-hours__table tr").count() == 2
        assert page.locator("[data-hours-now]").is_hidden()
    context.close()


# -- Home photo --------------------------------------------------------------------------


def test_home_photo_is_responsive_and_copied(guide_site: Path) -> None:
    html = html_of(guide_site, "en", "")
    (source,) = elements(html, "source", within="portal-welcome--photo")
    (img,) = elements(html, "img", "portal-welcome__image")
    assert source.attrs["type"] == "image/webp"
    for srcset, fmt in ((source.attrs["srcset"], "WEBP"), (img.attrs["srcset"], "JPEG")):
        candidates = [item.strip().split(" ") for item in srcset.split(",")]
        assert [width for _, width in candidates] == ["480w", "960w", "1600w"]
        for src, _ in candidates:
            file = (guide_site / "en" / src).resolve()
            assert file.is_relative_to(guide_site.resolve() / "media" / "site")
            with Image.open(file) as image:
                assert image.format == fmt
    assert img.attrs["alt"] == "The riverside at dawn"
    assert (img.attrs["width"], img.attrs["height"]) == ("1600", "889")
    assert img.attrs["fetchpriority"] == "high" and "loading" not in img.attrs  # the LCP image
    assert [e.text for e in elements(html, "p", "portal-welcome__credit")] == [
        "Photo: Nguyễn Văn A"
    ]


def test_without_a_photo_the_welcome_stays_typographic(plain_site: Path) -> None:
    html = html_of(plain_site, "en", "")
    assert elements(html, "section", "portal-welcome")
    assert not elements(html, "picture") and not elements(html, "section", "portal-welcome--photo")


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        (
            "../heritage/relics/chua-a.yaml",
            'site_config/site.yaml:9: home_image.file: "../heritage/relics/chua-a.yaml": the '
            "file name leads out of site_config/ (`..`) — put the photo in site_config/ and "
            "write only its name, like home.jpg",
        ),
        (
            "anh-chinh.jpg",
            'site_config/site.yaml:9: home_image.file: "anh-chinh.jpg" is not in site_config/ — '
            "put the photo in site_config/ and write its name, like home.jpg",
        ),
    ],
)
def test_home_photo_mistakes(project: Project, file: str, expected: str) -> None:
    project.write(
        "site_config/site.yaml", SITE + f"home_image:\n  file: {file}\n  alt: {{vi: Ảnh}}\n"
    )
    project.relic("chua-a")
    assert problems(project) == [expected]


# -- OCOP products and the map ---------------------------------------------------------------


def test_product_page_shows_price_points_of_sale_and_the_marketplace(guide_site: Path) -> None:
    html = html_of(guide_site, "vi", "products/keo-dua")
    assert "45.000\xa0₫ / hộp" in html
    assert "Chợ thử" in html and "1 Trưng Trắc" in html
    assert [
        (a.attrs["href"], a.text) for a in elements(html, "a", within="portal-marketplace")
    ] == [("https://ocop.example/", "Sàn OCOP thử")]


def test_points_of_sale_are_on_the_map_only_when_there_are_some(
    guide_site: Path, plain_site: Path
) -> None:
    def layers(site: Path) -> dict[str, int]:
        data = json.loads((site / "en/maps/places.json").read_text("utf-8"))
        counts: dict[str, int] = {}
        for point in data["points"]:
            counts[point["layer"]] = counts.get(point["layer"], 0) + 1
        return counts

    assert layers(guide_site)["sales"] == 1
    assert "sales" not in layers(plain_site)


@pytest.mark.browser
@pytest.mark.parametrize(("which", "shown"), [("guide", True), ("plain", False)])
def test_map_legend_never_advertises_an_empty_layer(
    browser: Any, guide_site: Path, plain_site: Path, which: str, shown: bool
) -> None:
    site = guide_site if which == "guide" else plain_site
    context = browser.new_context(locale="en-US", service_workers="block")
    page = context.new_page()
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    with serve_directory(site) as base:
        page.goto(f"{base}en/maps/overview.html")
        page.locator(".portal-legend").wait_for()
        assert ("OCOP points of sale" in page.locator(".portal-legend").inner_text()) is shown
    context.close()


@pytest.mark.browser
def test_without_tiles_the_map_says_so_and_the_overview_takes_over(
    browser: Any, guide_site: Path
) -> None:
    context = browser.new_context(locale="en-US", service_workers="block")
    page = context.new_page()
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    with serve_directory(guide_site) as base:
        page.goto(f"{base}en/map/")
        frame = page.frame_locator(".portal-map-frame iframe")
        notice = frame.locator(".portal-map__notice[role=status]")
        notice.wait_for()
        assert "cannot be loaded" in notice.inner_text()
        overview = page.locator("svg.portal-overview")
        assert overview.is_visible()
        assert overview.locator("circle").count() == 5  # 3 relics, 1 shop, 1 event venue
    context.close()


def test_search_dialog_has_a_name(guide_site: Path) -> None:
    for lang, name in (("vi", "Tìm kiếm"), ("en", "Search"), ("zh", "查找")):
        (dialog,) = elements(html_of(guide_site, lang, "relics/chua-a"), "div", "md-search")
        assert dialog.attrs["role"] == "dialog"
        assert dialog.attrs["aria-label"] == name
