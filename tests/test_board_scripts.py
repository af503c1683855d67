"""Boards in any script the site uses: a font per script run (Khmer, Lao, Thai, Chinese,
Korean, Latin), shaped where the script needs it, and `portal check` refusing text that
would print as empty boxes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageChops, ImageDraw, ImageFont

from build_tools.assets import fonts as fonts_module
from build_tools.assets.board_text import Line, fit, units
from build_tools.assets.fonts import FAMILIES, Fonts, Run, ShapingUnavailable, missing_glyphs
from build_tools.assets.signage import boards_for, draw_board, render_signage
from build_tools.load.issues import ContentError
from build_tools.load.project import load_catalog
from build_tools.model.codes import short_links
from build_tools.render.i18n import load_translations
from build_tools.render.labels import board_texts
from tests.conftest import Project

KHMER = "វត្តវិញត្រាង"  # Vinh Trang pagoda: a subscript ta and a coeng ro to shape
HAN = "永長寺"
# The tool's own catalogs (a city root without locales of its own).
WORDS_VI = board_texts(load_translations(Path("/nonexistent"), "vi").ugettext)
WORDS_EN = board_texts(load_translations(Path("/nonexistent"), "en").ugettext)

SITE_KM = """\
site_name: {vi: Di sản thử, en: Test Heritage}
city: {vi: Thành phố thử, en: Test City}
base_url: https://example.test/
languages:
  - {code: vi, name: Tiếng Việt}
  - {code: en, name: English}
  - {code: km, name: ខ្មែរ}
"""

RELIC = """\
id: chua-a
name: {{vi: "Chùa Vĩnh Tràng {han}", en: "Vinh Trang Pagoda", km: "{km}"}}
category: pagoda
address: "60A Nguyễn Trung Trực"
ward: Mỹ Phong
coordinates: {{lat: 10.36, lon: 106.38}}
summary: {{vi: "Tóm tắt.", en: "Summary."}}
description: {{vi: "Mô tả.", en: "Description."}}
"""

WIFI = """\
id: wifi-a
name: {vi: "Wifi chùa", en: "Pagoda wifi"}
coordinates: {lat: 10.36, lon: 106.38}
serves: {relic: chua-a}
ssid: "Chua\ue000Free"
security: open
"""


def khmer_city(root: Path, km: str = KHMER) -> Project:
    project = Project(root)
    project.write("site_config/site.yaml", SITE_KM)
    project.write("heritage/relics/chua-a.yaml", RELIC.format(han=HAN, km=km))
    return project


class FontsWithout(Fonts):
    """The shipped fonts, but one family drawn with another's file: a wrong-font board."""

    def __init__(self, family: str, instead: str = "latin") -> None:
        super().__init__()
        self.family, self.instead = family, instead

    def file_for(self, family: str, bold: bool = False) -> Path:
        return super().file_for(self.instead if family == self.family else family, bold)


class UnshapedKhmer(Fonts):
    """The shipped fonts, Khmer laid out without Raqm as Pillow does when it lacks it."""

    def get(self, family: str, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
        if family != "khmer":
            return super().get(family, size, bold)
        key = (f"basic:{self.file_for(family, bold)}", size)
        if key not in self._cache:
            self._cache[key] = ImageFont.truetype(
                str(self.file_for(family, bold)), size, layout_engine=ImageFont.Layout.BASIC
            )
        return self._cache[key]


def test_each_script_run_gets_its_own_font() -> None:
    fonts = Fonts()
    runs = fonts.runs(f"Chùa Vĩnh Tràng · {KHMER} · {HAN} · 불국사 ວັດ วัด")
    assert runs == [
        Run("Chùa Vĩnh Tràng · ", "latin"),
        Run(f"{KHMER} · ", "khmer"),
        Run(HAN, "sc"),
        Run(" · ", "latin"),  # not the Chinese font's em-wide "·"
        Run("불국사", "kr"),
        Run(" ", "latin"),
        Run("ວັດ ", "lao"),
        Run("วัด", "thai"),
    ]
    names = {family: fonts.file_for(family, bold=True).name for family in FAMILIES}
    assert names == {
        "latin": "NotoSans-Bold.ttf",
        "khmer": "NotoSansKhmer-Bold.ttf",
        "lao": "NotoSansLao-Bold.ttf",
        "thai": "NotoSansThai-Bold.ttf",
        "sc": "NotoSansSC-Regular.ttf",  # no bold Chinese shipped: titles use the regular
        "kr": "NotoSansKR-Regular.ttf",
    }
    # Hanja in a Korean name stay in the Korean font; a mark stays with its base letter.
    assert [r.family for r in fonts.runs("불국사 佛國寺")] == ["kr", "latin", "kr"]
    assert fonts.runs("永長寺（一）") == [Run("永長寺（一）", "sc")]  # full-width: not in Latin
    assert fonts.runs("ក\u0301") == [Run("ក\u0301", "khmer")]


def test_missing_glyphs_names_what_no_font_has() -> None:
    assert missing_glyphs(f"Chùa {KHMER} {HAN} ພຣະ ไทย 한국 Москва Ω") == []
    assert missing_glyphs("a\ue000b\U00013000\ue000 \u200b") == ["\ue000", "\U00013000"]


def test_khmer_never_breaks_inside_a_word_chinese_between_characters() -> None:
    assert units(KHMER + KHMER) == [KHMER + KHMER]
    assert units(f"{KHMER}\u200b{KHMER} {KHMER}") == [f"{KHMER}\u200b", f"{KHMER} ", KHMER]
    assert units("永長寺。好（一）") == ["永", "長", "寺。", "好", "（一）"]
    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    rows = fit(draw, Line(KHMER * 6, 120), Fonts(), 1000)
    assert [r.runs[0][0] for r in rows] == [KHMER * 6]  # shrunk, not split
    assert rows[0].size < 120 and rows[0].width <= 1000


@pytest.fixture(scope="module")
def khmer_board(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Path]:
    project = khmer_city(tmp_path_factory.mktemp("km") / "project")
    out = project.root / "signage"
    render_signage(project.root, load_catalog(project.root), out)
    return project, out


def test_board_prints_every_name_and_still_scans(khmer_board: tuple[Project, Path]) -> None:
    project, out = khmer_board
    catalog = load_catalog(project.root)
    [link] = [link for link in short_links(catalog) if link.kind == "relic"]
    board = boards_for(catalog, link, {"vi": WORDS_VI, "en": WORDS_EN, "km": WORDS_EN})[1]
    assert [line.text for line in board.title] == [
        f"Chùa Vĩnh Tràng {HAN}",
        "Vinh Trang Pagoda",
        KHMER,
    ]
    # km has no catalog: its "scan" line is English, printed once.
    assert [line.text for line in board.notes] == [WORDS_VI["scan"], WORDS_EN["scan"]]
    for paper in ("a4", "a5"):
        results = zxingcpp.read_barcodes(Image.open(out / f"relic-chua-a-{paper}.png"))
        assert [r.text for r in results] == [f"https://example.test/q/{link.code}/"]


def _changed_rows(a: Image.Image, b: Image.Image) -> tuple[int, int] | None:
    box = ImageChops.difference(a, b).getbbox()
    return None if box is None else (box[1], box[3])


def test_khmer_and_chinese_are_drawn_with_their_fonts(khmer_board: tuple[Project, Path]) -> None:
    """Swapping the Khmer (or Chinese) font for Latin's boxes changes the board exactly where
    that name is printed, above the code: the name is drawn, and drawn with its font."""
    project, out = khmer_board
    catalog = load_catalog(project.root)
    [link] = [link for link in short_links(catalog) if link.kind == "relic"]
    words = {"vi": WORDS_VI, "en": WORDS_EN, "km": WORDS_EN}
    board = boards_for(catalog, link, words)[1]  # A5
    printed = Image.open(out / "relic-chua-a-a5.png").convert("RGB")
    assert ImageChops.difference(printed, draw_board(board, Fonts(), None)).getbbox() is None
    [code] = zxingcpp.read_barcodes(printed)
    code_top = min(code.position.top_left.y, code.position.top_right.y)

    khmer_rows = _changed_rows(printed, draw_board(board, FontsWithout("khmer"), None))
    han_rows = _changed_rows(printed, draw_board(board, FontsWithout("sc"), None))
    assert khmer_rows is not None and han_rows is not None
    # The Chinese characters are in the Vietnamese title row (their taller font also moves
    # what follows), the Khmer name is below it and above the code.
    assert han_rows[0] < khmer_rows[0] < khmer_rows[1] < code_top
    # Shaping (Raqm; boards refuse Khmer without it) stacks the subscript and wraps the
    # coeng ro: laid out without it, only the Khmer row changes.
    unshaped = _changed_rows(printed, draw_board(board, UnshapedKhmer(), None))
    assert unshaped is not None and khmer_rows[0] <= unshaped[0] < unshaped[1] < code_top


def test_text_no_font_has_is_refused_by_check(tmp_path: Path) -> None:
    project = khmer_city(tmp_path / "project", km="វត្ត\U00013000")
    project.write("content/wifi/wifi-a.yaml", WIFI)
    with pytest.raises(ContentError) as error:
        load_catalog(project.root)
    fix = (
        "retype it, or write the text without it (text copied from a PDF or typed with an old "
        "VNI/TCVN3 font often carries such characters)"
    )
    errors = [issue for issue in error.value.issues if issue.severity == "error"]
    assert [str(issue) for issue in errors] == [
        'content/wifi/wifi-a.yaml:5: ssid: the printed board cannot show "\ue000" (U+E000): '
        f"no board font has it — {fix}",
        "heritage/relics/chua-a.yaml:2: name.km: the printed board cannot show "
        f'"\U00013000" (U+13000): no board font has it — {fix}',
    ]
    result = subprocess.run(
        [sys.executable, "-m", "build_tools.cli.main", "check", "--root", str(project.root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "heritage/relics/chua-a.yaml:2: name.km: the printed board cannot show" in result.stderr
    assert "Traceback" not in result.stderr


PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Scan for the guide in your language"
msgstr "ဖတ်ရန် စကင်ဖတ်ပါ"
"""


def test_a_language_whose_board_texts_no_font_has_is_refused(tmp_path: Path) -> None:
    """Burmese has no board font yet: a city adding it hears so before printing boards."""
    project = Project(tmp_path / "project")
    project.write(
        "site_config/site.yaml",
        SITE_KM.replace("{code: km, name: ខ្មែរ}", "{code: my, name: မြန်မာ}"),
    )
    project.write("site_config/locales/my/LC_MESSAGES/messages.po", PO)
    with pytest.raises(ContentError) as error:
        load_catalog(project.root)
    [issue] = error.value.issues
    assert (issue.path, issue.line, issue.field) == ("site_config/site.yaml", 7, "languages")
    assert issue.message.startswith('the printed boards cannot show "ဖ" (U+1016), "တ" (U+1010)')
    assert issue.message.endswith("of the my board texts: no board font has it")
    assert "site_config/locales/my/" in issue.fix


def test_complex_scripts_are_refused_without_shaping(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts_module, "RAQM", False)
    fonts = Fonts()
    assert fonts.get("latin", 40).size == 40  # Latin needs no shaping
    with pytest.raises(ShapingUnavailable, match="Khmer text needs Pillow with Raqm"):
        fonts.get("khmer", 40)
