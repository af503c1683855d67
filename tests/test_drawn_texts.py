"""What the tool draws for a city (boards, share images) and the templates it overrides:
every text they print is checked for glyphs, each name is printed once, and a broken
override is reported by `portal check` at its line, not by a crash of the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.assets.signage import Board, boards_for
from build_tools.cli.main import main
from build_tools.load.issues import ContentError
from build_tools.load.project import load_catalog
from build_tools.model.codes import short_links
from build_tools.render.i18n import load_translations
from build_tools.render.labels import board_texts
from tests.conftest import Project

TIBETAN = "བོད་ཀྱི་ཤུལ"  # a script no shipped board font has

CITY_SITE = """\
site_name: {{vi: Di sản Hòa Thành, en: Hoa Thanh Heritage, km: {km_name}}}
city: {{vi: Hòa Thành, en: Hòa Thành, km: {km_city}}}
base_url: https://example.test/
languages:
  - {{code: vi, name: Tiếng Việt}}
  - {{code: en, name: English}}
  - {{code: km, name: ភាសាខ្មែរ}}
"""


def city_site(km_name: str = "បេតិកភណ្ឌ", km_city: str = "ហ័រថាញ់") -> str:
    return CITY_SITE.format(km_name=km_name, km_city=km_city)


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_catalog(root)
    return [str(issue) for issue in caught.value.issues if issue.severity == "error"]


def test_share_images_texts_are_checked_for_glyphs_in_every_language(project: Project) -> None:
    # Every km page's link preview draws site_name.km and city.km: boxes, unless refused.
    project.write("site_config/site.yaml", city_site(km_name=TIBETAN, km_city=TIBETAN))
    found = problems(project.root)
    assert len(found) == 2, found
    assert found[0].startswith(
        'site_config/site.yaml:1: site_name.km: the share images (link previews) cannot show "བ"'
    )
    assert found[1].startswith('site_config/site.yaml:2: city.km: the share images')
    assert all("no board font has it — retype it" in line for line in found)


def test_a_city_printed_on_boards_is_reported_once(project: Project) -> None:
    project.write("site_config/site.yaml", city_site().replace("en: Hòa Thành", "en: ሀ"))
    found = problems(project.root)
    assert found == [
        'site_config/site.yaml:2: city.en: the printed board cannot show "ሀ" (U+1200): no board '
        "font has it — retype it, or write the text without it (text copied from a PDF or typed "
        "with an old VNI/TCVN3 font often carries such characters)"
    ]


def test_the_site_in_khmer_passes(project: Project) -> None:
    project.write("site_config/site.yaml", city_site())
    assert load_catalog(project.root).site.city["km"] == "ហ័រថាញ់"


def boards(root: Path) -> dict[str, list[Board]]:
    catalog = load_catalog(root)
    words = {code: board_texts(load_translations(root, code).ugettext)
             for code in catalog.site.codes}
    return {link.record.id: boards_for(catalog, link, words) for link in short_links(catalog)
            if link.kind in ("relic", "wifi")}


def test_a_city_named_alike_in_english_is_printed_once(project: Project) -> None:
    project.write("site_config/site.yaml", city_site())
    project.relic("chua-a")
    for board in boards(project.root)["chua-a"]:
        assert board.footer == "Hòa Thành"
    project.write("site_config/site.yaml", city_site().replace("en: Hòa Thành", "en: Hoa Thanh"))
    for board in boards(project.root)["chua-a"]:
        assert board.footer == "Hòa Thành · Hoa Thanh"


def test_a_site_without_english_prints_each_caption_once(project: Project) -> None:
    project.write("site_config/site.yaml", """\
        site_name: {vi: Di sản Hòa Thành}
        city: {vi: Hòa Thành}
        base_url: https://example.test/
        languages:
          - {code: vi, name: Tiếng Việt}
    """)
    project.write("heritage/relics/chua-a.yaml", """\
        id: chua-a
        name: {vi: Chùa A}
        category: pagoda
        address: 1 Lê Lợi
        ward: Phường 1
        coordinates: {lat: 11.29, lon: 106.13}
        summary: {vi: Tóm tắt.}
        description: {vi: Mô tả.}
    """)
    project.write("content/wifi/wifi-a.yaml", """\
        id: wifi-a
        name: {vi: Wifi A}
        coordinates: {lat: 11.29, lon: 106.13}
        serves: {relic: chua-a}
        ssid: Hoa-Thanh-Free
        security: open
    """)
    vi = board_texts(load_translations(project.root, "vi").ugettext)
    for board in boards(project.root)["wifi-a"]:
        captions = [caption for _, caption in board.codes]
        assert captions == [vi["join"], vi["guide"]], captions
        assert " · " not in board.footer


BROKEN = """\
<footer>
{% if %}broken
</footer>
"""


def test_a_broken_override_is_reported_by_check_at_its_line(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.relic("chua-a")
    project.write("site_config/overrides/partials/copyright.html", BROKEN)
    assert main(["check", "--root", str(project.root)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == (
        "site_config/overrides/partials/copyright.html:2: template: Expected an expression, "
        "got 'end of statement block' — fix the template or remove the file to use the tool's"
    )
    # The build refuses for the same reason, before any page is written.
    out = project.root / "site"
    assert main(["build", "--root", str(project.root)]) == 1
    assert "copyright.html:2: template:" in capsys.readouterr().err
    assert not out.exists()


def test_overrides_that_parse_pass_check(project: Project) -> None:
    project.relic("chua-a")
    project.write("site_config/overrides/partials/copyright.html", """\
        {% extends "base.html" %}
        <p>{% trans %}Made by the city{% endtrans %} · {{ config.copyright | e }}</p>
    """)
    project.write("site_config/overrides/assets/stylesheets/city.css", "{% not a template %}")
    assert load_catalog(project.root).counts["relics"] == 1
