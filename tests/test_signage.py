"""Printed boards: every code scans to its payload (also as a phone sees it), fonts cover
every character, unchanged boards are not drawn again."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from fontTools.ttLib import TTFont
from PIL import Image

from build_tools.assets.fonts import Fonts
from build_tools.assets.signage import DPI, render_signage
from build_tools.assets.wifi_payload import join_payload
from build_tools.load.project import load_catalog
from build_tools.model.codes import short_links
from build_tools.render.i18n import load_translations
from build_tools.render.labels import board_texts
from build_tools.resources import FONTS
from tests.conftest import REPO, Project

WIFI = """\
id: {id}
name: {{vi: "Wifi {n}", en: "Wifi {n}"}}
coordinates: {{lat: 10.36, lon: 106.38}}
serves: {{relic: chua-a}}
ssid: "MyTho;Chùa,{n}"
security: wpa2
password: '{password}'
password_public: {public}
"""


@pytest.fixture(scope="module")
def boards(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Path, object]:
    project = Project(tmp_path_factory.mktemp("signage") / "project")
    project.relic("chua-a")
    project.write("content/wifi/wifi-public.yaml",
                  WIFI.format(id="wifi-public", n=1, password='p:a"ss\\1', public="true"))
    project.write("content/wifi/wifi-private.yaml",
                  WIFI.format(id="wifi-private", n=2, password="never-print-me", public="false"))
    out = project.root / "signage"
    report = render_signage(project.root, load_catalog(project.root), out)
    return project, out, report


def decode(image: Image.Image) -> list[str]:
    return sorted(result.text for result in zxingcpp.read_barcodes(image))


def expected_payloads(project: Project) -> dict[str, list[str]]:
    catalog = load_catalog(project.root)
    result = {}
    for link in short_links(catalog):
        url = f"{catalog.site.base_url}q/{link.code}/"
        payloads = [url]
        if link.kind == "wifi" and (join := join_payload(link.record)):
            payloads.append(join)
        for paper in ("a4", "a5"):
            result[f"{link.kind}-{link.record.id}-{paper}"] = sorted(payloads)
    return result


def test_every_board_scans_to_exactly_its_payloads(boards: tuple[Project, Path, object]) -> None:
    project, out, report = boards
    expected = expected_payloads(project)
    assert report.rendered == len(expected) == 6  # type: ignore[attr-defined]
    for name, payloads in expected.items():
        assert decode(Image.open(out / f"{name}.png")) == payloads, name
        assert (out / f"{name}.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "contact-sheet.pdf").read_bytes().startswith(b"%PDF")


def test_a5_board_scans_as_a_phone_sees_it_from_one_metre(boards: tuple[Project, Path, object]) -> None:
    project, out, _ = boards
    for name, payloads in expected_payloads(project).items():
        if name.endswith("-a5"):
            board = Image.open(out / f"{name}.png")
            small = board.resize((600, round(600 * board.height / board.width)), Image.Resampling.LANCZOS)
            assert decode(small) == payloads, name


def test_relic_code_is_at_least_ten_centimetres_wide(boards: tuple[Project, Path, object]) -> None:
    _, out, _ = boards
    for paper in ("a4", "a5"):
        [result] = zxingcpp.read_barcodes(Image.open(out / f"relic-chua-a-{paper}.png"))
        corners = result.position
        # zxing gives the centres of the corner modules: n - 1 of the symbol's n modules apart
        # (quiet zone excluded). A version 4 symbol has 33 modules.
        span_px = abs(corners.top_right.x - corners.top_left.x)
        symbol_mm = span_px * 33 / 32 / DPI * 25.4
        assert symbol_mm >= 100, (paper, symbol_mm)


def test_private_password_is_never_printed(boards: tuple[Project, Path, object]) -> None:
    _, out, _ = boards
    for path in out.glob("wifi-wifi-private-*.png"):
        assert not any("never-print-me" in text for text in decode(Image.open(path)))
    for path in out.iterdir():
        assert b"never-print-me" not in path.read_bytes()


def test_unchanged_boards_are_not_drawn_again(boards: tuple[Project, Path, object]) -> None:
    project, out, _ = boards
    again = render_signage(project.root, load_catalog(project.root), out)
    assert (again.rendered, again.reused) == (0, 6)
    path = project.root / "heritage/relics/chua-a.yaml"
    path.write_text(path.read_text().replace('en: "Pagoda 1"', 'en: "Pagoda One"'))
    changed = render_signage(project.root, load_catalog(project.root), out)
    assert (changed.rendered, changed.reused) == (2, 4)


@pytest.mark.parametrize("lang", ["vi", "en", "fr", "zh", "ko"])
def test_board_fonts_have_every_glyph(lang: str) -> None:
    """No tofu: each character printed in `lang` exists in the font chosen for its run."""
    fonts = Fonts(FONTS)
    words = board_texts(load_translations(REPO, lang).ugettext)
    catalog = load_catalog(REPO)
    text = "".join(words.values())
    text += "".join(r.name.get(lang, "") for r in catalog.relics)
    text += "".join(w.name.get(lang, "") + w.ssid for w in catalog.wifi)
    text += catalog.site.city.get(lang, "")
    checked = set()
    for run in fonts.runs(text):
        for bold in (False, True):
            cmap = TTFont(fonts.file_for(run.family, bold), lazy=True).getBestCmap()
            missing = sorted({c for c in run.text if not c.isspace() and ord(c) not in cmap})
            assert not missing, f"{lang}: {run.family} has no glyph for {missing}"
            checked.add(fonts.file_for(run.family, bold).name)
    expected = {"zh": "NotoSansSC-Regular.ttf", "ko": "NotoSansKR-Regular.ttf"}
    assert expected.get(lang, "NotoSans-Bold.ttf") in checked
